package com.wawindow.console;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A form without this browser's CSRF token changes nothing and sends nothing. */
@QuarkusTest
class CsrfTest {

    private static final String PATH = "/contacts/" + FakeServicesResource.CLOSED + "/templates";

    @BeforeEach
    void fakes() {
        FakeServicesResource.stubs();
    }

    @Test
    void aSendWithoutTheTokenIsRefused() {
        Session admin = Session.signIn("admin", SignInTest.ADMIN_PASSWORD);
        admin.get("/contacts");
        admin.postForm(PATH, Map.of("templateId", "1")).then().statusCode(403)
                .contentType(containsString("application/problem+json")).body("detail", containsString("CSRF"));
        assertEquals(0, FakeServicesResource.server.findAll(postRequestedFor(urlPathEqualTo("/messages"))).size());
    }

    @Test
    void aTokenFromAnotherBrowserIsRefused() {
        Session other = Session.signIn("admin", SignInTest.ADMIN_PASSWORD);
        String foreign = other.csrfFrom("/contacts");
        Session admin = Session.signIn("admin", SignInTest.ADMIN_PASSWORD);
        admin.csrfFrom("/contacts");
        admin.postForm(PATH, Map.of("csrf", foreign, "templateId", "1")).then().statusCode(403);
        admin.postForm("/users", Map.of("csrf", foreign, "username", "csrf-user", "password", "a-long-enough-password",
                "role", "viewer")).then().statusCode(403);
        admin.get("/users").then().statusCode(200).body(org.hamcrest.Matchers.not(containsString("csrf-user")));
        assertEquals(0, FakeServicesResource.server.findAll(postRequestedFor(urlPathEqualTo("/messages"))).size());
    }

    @Test
    void theCsrfCookieIsHttpOnlyAndStrict() {
        Session admin = Session.signIn("admin", SignInTest.ADMIN_PASSWORD);
        var response = admin.request().get("/contacts");
        var cookie = response.getDetailedCookie("console-csrf");
        org.junit.jupiter.api.Assertions.assertTrue(cookie.isHttpOnly());
        assertEquals("strict", String.valueOf(cookie.getSameSite()).toLowerCase());
    }
}
