package com.wawindow.console;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.console.repository.ConsoleUserRepository;
import com.wawindow.console.service.UserService;
import io.quarkus.test.TestTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FakeServicesResource.class, restrictToAnnotatedClass = false)
class SignInTest {

    static final String ADMIN_PASSWORD = "test-admin-password";

    @Inject
    ConsoleUserRepository users;

    @BeforeEach
    void fakes() {
        FakeServicesResource.stubs();
    }

    @Test
    void aPageWithoutSignInRedirectsToTheSignInPage() {
        given().redirects().follow(false).get("/contacts").then().statusCode(302)
                .header("Location", containsString("/login"));
        given().get("/login").then().statusCode(200).body(containsString("j_security_check"));
    }

    @Test
    void aWrongPasswordIsRefusedWithTheErrorPage() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin").formParam("j_password", "not-the-password")
                .post("/j_security_check").then().statusCode(302).header("Location", containsString("/login?error=true"))
                .header("Set-Cookie", not(containsString("console-session=")));
    }

    @Test
    void theFirstAdminSignsInWithAnHttpOnlyStrictSessionCookie() {
        Response response = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin").formParam("j_password", ADMIN_PASSWORD).post("/j_security_check");
        assertEquals(302, response.statusCode());
        Cookie session = response.getDetailedCookie("console-session");
        assertNotNull(session, "a session cookie after sign-in");
        assertTrue(session.isHttpOnly(), "session cookie is HttpOnly");
        assertEquals("strict", String.valueOf(session.getSameSite()).toLowerCase());
    }

    @Test
    void pagesCallTheServicesWithTheBearerKeyWhichNeverReachesTheBrowser() {
        Session admin = Session.signIn("admin", ADMIN_PASSWORD);
        for (String page : new String[] {"/", "/contacts", "/contacts/" + FakeServicesResource.OPEN, "/templates",
                "/rules", "/campaigns", "/costs"}) {
            Response response = admin.get(page);
            assertEquals(200, response.statusCode(), page + ":\n" + response.body().asString());
            assertFalse(response.body().asString().contains("test-admin-key"), page + " must not show the API key");
            assertFalse(response.headers().toString().contains("test-admin-key"), page + " headers must not carry the key");
        }
        FakeServicesResource.server.verify(getRequestedFor(urlPathEqualTo("/contacts"))
                .withHeader("Authorization", equalTo("Bearer test-admin-key")));
        FakeServicesResource.server.verify(getRequestedFor(urlPathEqualTo("/templates"))
                .withHeader("Authorization", equalTo("Bearer test-admin-key")));
        FakeServicesResource.server.verify(getRequestedFor(urlPathEqualTo("/costs"))
                .withHeader("Authorization", equalTo("Bearer test-admin-key")));
    }

    @Test
    void signOutEndsTheSession() {
        Session admin = Session.signIn("admin", ADMIN_PASSWORD);
        String token = admin.csrfFrom("/contacts");
        admin.postForm("/logout", java.util.Map.of("csrf", token)).then().statusCode(303)
                .header("Location", endsWith("/login?signedOut=true"));
        admin.get("/contacts").then().statusCode(302).header("Location", containsString("/login"));
    }

    @Test
    @TestTransaction
    void theFirstAdminExistsWithABcryptHashNotThePassword() {
        var admin = users.findByUsername(UserService.FIRST_ADMIN).orElseThrow();
        assertTrue(admin.passwordHash.matches("\\$2[aby]\\$10\\$.{53}"), "bcrypt MCF hash: " + admin.passwordHash.substring(0, 7));
        assertFalse(admin.passwordHash.contains(ADMIN_PASSWORD));
        assertEquals("admin,agent,viewer", admin.roles);
    }
}
