package com.wawindow.support.oidc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a company has an identity provider: its tokens beside the API keys, roles from a configurable claim. */
@QuarkusTest
@TestProfile(OidcBearerTest.WithIdentityProvider.class)
@QuarkusTestResource(value = JwksServer.class, restrictToAnnotatedClass = true)
class OidcBearerTest {

    public static class WithIdentityProvider implements QuarkusTestProfile {
    }

    @Test
    void aViewerTokenReadsButMayNotWrite() {
        String token = JwksServer.token("ops-dashboard", List.of("viewer"));
        given().auth().oauth2(token).get("/probe").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"to\":\"x\"}").post("/probe")
                .then().statusCode(403).body("type", equalTo("https://wawindow.dev/problems/forbidden"));
    }

    @Test
    void anAdminTokenWritesAndReads() {
        String token = JwksServer.token("lead", List.of("admin"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"to\":\"y\"}").post("/probe")
                .then().statusCode(200).body(equalTo("written y"));
        given().auth().oauth2(token).get("/probe").then().statusCode(200);
    }

    @Test
    void aTokenWithoutARoleOrWithABadSignatureIsRefused() {
        given().auth().oauth2(JwksServer.token("nobody", List.of())).get("/probe").then().statusCode(403);
        given().auth().oauth2(JwksServer.forgedToken("mallory", List.of("admin"))).get("/probe")
                .then().statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.containsString("Bearer"));
    }

    @Test
    void apiKeysStillWorkBesideTokens() {
        given().auth().oauth2("viewer-one").get("/probe").then().statusCode(200);
        given().auth().oauth2("admin-two").contentType(ContentType.JSON).body("{\"to\":\"z\"}").post("/probe")
                .then().statusCode(200);
        given().auth().oauth2("not-a-key-nor-a-token").get("/probe").then().statusCode(401);
        given().get("/probe").then().statusCode(401);
    }
}
