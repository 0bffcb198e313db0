package com.wawindow.support.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** What every service gets from the kit: access control and problem JSON, through a real HTTP stack. */
@QuarkusTest
class KitTest {

    private static final String BASE = "https://wawindow.dev/problems/";

    @Test
    void noCredentialIs401ProblemWithChallenge() {
        given().get("/probe").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"wawindow\"")
                .body("type", equalTo(BASE + "unauthorized"), "status", equalTo(401));
    }

    @Test
    void unknownKeyIs401AndNotEchoed() {
        given().auth().oauth2("admin-one-but-wrong").get("/probe").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body(not(containsString("admin-one-but-wrong")));
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/probe").then().statusCode(401);
    }

    @Test
    void viewerReadsButMayNotWrite() {
        int before = ProbeResource.WRITES.get();
        given().auth().oauth2("viewer-one").get("/probe").then().statusCode(200).body(equalTo("read"));
        given().auth().oauth2("viewer-one").contentType(ContentType.JSON).body("{\"to\":\"x\"}").post("/probe")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(BASE + "forbidden"));
        given().contentType(ContentType.JSON).body("{\"to\":\"x\"}").post("/probe").then().statusCode(401);
        assertEquals(before, ProbeResource.WRITES.get(), "a refused write changed something");
    }

    @Test
    void everyAdminKeyWritesSoKeysRotate() {
        given().auth().oauth2("admin-one").contentType(ContentType.JSON).body("{\"to\":\"a\"}").post("/probe")
                .then().statusCode(200).body(equalTo("written a"));
        given().auth().oauth2("admin-two").contentType(ContentType.JSON).body("{\"to\":\"b\"}").post("/probe")
                .then().statusCode(200);
        given().auth().oauth2("admin-two").get("/probe").then().statusCode(200);
    }

    @Test
    void projectProblemsKeepTypeStatusAndHeaders() {
        given().auth().oauth2("viewer-one").get("/probe/closed").then().statusCode(409)
                .contentType("application/problem+json").header("Retry-After", "5")
                .body("type", equalTo(BASE + "window-closed"), "title", equalTo("Window closed"),
                        "detail", equalTo("send a template"));
    }

    @Test
    void badInputIs400ProblemNever500() {
        given().auth().oauth2("viewer-one").queryParam("limit", 501).get("/probe").then().statusCode(400)
                .body("type", equalTo(BASE + "invalid-request"), "violations.field", hasItem("limit"));
        given().auth().oauth2("viewer-one").get("/probe/notanumber").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2("admin-one").contentType(ContentType.JSON).body("{\"to\":").post("/probe")
                .then().statusCode(400).body("type", equalTo(BASE + "invalid-request"));
        given().auth().oauth2("admin-one").contentType(ContentType.JSON).body("{\"to\":\" \"}").post("/probe")
                .then().statusCode(400).body("violations.field", hasItem("to"));
    }

    @Test
    void frameworkAnswersAreProblemsToo() {
        given().get("/nowhere").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo(BASE + "not-found"));
        given().auth().oauth2("admin-one").delete("/probe").then().statusCode(405)
                .contentType("application/problem+json").body("type", equalTo(BASE + "method-not-allowed"));
        given().auth().oauth2("admin-one").contentType(ContentType.TEXT).body("x").post("/probe").then()
                .statusCode(415).body("type", equalTo(BASE + "unsupported-media-type"));
    }

    @Test
    void aBugIs500ProblemWithoutInternals() {
        given().auth().oauth2("viewer-one").get("/probe/bug").then().statusCode(500)
                .contentType("application/problem+json").body("type", equalTo(BASE + "internal-error"))
                .body(not(containsString("internal detail")));
    }

    @Test
    void openApiDeclaresTheBearerSchemeAndEachOperationsRole() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes.apiKey.scheme", equalTo("bearer"))
                .body("paths.'/probe'.post.security[0].apiKey", hasItem("admin"))
                .body("paths.'/probe'.get.security[0].apiKey", hasItem("viewer"));
    }
}
