package com.wawindow.console;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What each role sees and may do; the server refuses what the page does not offer. */
@QuarkusTest
class RolesTest {

    private static final String PASSWORD = "a-long-enough-password";
    private static boolean usersAdded;

    @BeforeEach
    void fakesAndUsers() {
        FakeServicesResource.stubs();
        if (!usersAdded) {
            Session admin = Session.signIn("admin", SignInTest.ADMIN_PASSWORD);
            for (String role : new String[] {"viewer", "agent"}) {
                admin.postForm("/users", Map.of("csrf", admin.csrfFrom("/users"), "username", "roles-" + role,
                        "password", PASSWORD, "role", role)).then().statusCode(200)
                        .body(containsString("Added roles-" + role + " as " + role));
            }
            usersAdded = true;
        }
    }

    @BeforeAll
    static void reset() {
        usersAdded = false;
    }

    private static String closedContact() {
        return "/contacts/" + FakeServicesResource.CLOSED;
    }

    @Test
    void aViewerSeesNoSendControlsAndTheServerRefusesItsSend() {
        Session viewer = Session.signIn("roles-viewer", PASSWORD);
        viewer.get(closedContact()).then().statusCode(200)
                .body(containsString("you can read, not send"))
                .body(not(containsString("id=\"send-template\"")))
                .body(not(containsString("id=\"composer\"")));
        viewer.get("/contacts/" + FakeServicesResource.OPEN).then().statusCode(200)
                .body(not(containsString("id=\"composer\"")));
        String token = viewer.csrfFrom(closedContact());
        viewer.postForm(closedContact() + "/templates", Map.of("csrf", token, "templateId", "1",
                "idempotencyKey", "viewer-try")).then().statusCode(403);
        viewer.get("/users").then().statusCode(403);
        assertEquals(0, FakeServicesResource.server.findAll(postRequestedFor(urlPathEqualTo("/messages"))).size(),
                "a refused send reaches the sender zero times");
    }

    @Test
    void anAgentSeesTheTemplatePickerOnAClosedWindowAndTheComposerOnAnOpenOne() {
        Session agent = Session.signIn("roles-agent", PASSWORD);
        agent.get(closedContact()).then().statusCode(200)
                .body(containsString("id=\"send-template\""))
                .body(containsString("we_miss_you"))
                .body(not(containsString("promo")))
                .body(not(containsString("id=\"composer\"")));
        agent.get("/contacts/" + FakeServicesResource.OPEN).then().statusCode(200)
                .body(containsString("id=\"composer\""))
                .body(not(containsString("id=\"send-template\"")));
    }

    @Test
    void anAgentSendsATemplateWithTheKeyAndAnIdempotencyKey() {
        Session agent = Session.signIn("roles-agent", PASSWORD);
        String token = agent.csrfFrom(closedContact());
        agent.postForm(closedContact() + "/templates", Map.of("csrf", token, "templateId", "1",
                "idempotencyKey", "agent-send-1")).then().statusCode(303)
                .header("Location", containsString("notice=Template"));
        FakeServicesResource.server.verify(1, postRequestedFor(urlPathEqualTo("/messages"))
                .withHeader("Authorization", equalTo("Bearer test-admin-key"))
                .withHeader("Idempotency-Key", equalTo("agent-send-1"))
                .withRequestBody(matchingJsonPath("$.contactId", equalTo(FakeServicesResource.CLOSED)))
                .withRequestBody(matchingJsonPath("$.templateId", equalTo("1"))));
    }

    @Test
    void anAgentMayNotEditRulesOrAddUsers() {
        Session agent = Session.signIn("roles-agent", PASSWORD);
        agent.get("/rules").then().statusCode(200).body(not(containsString("Add a rule")));
        agent.get("/rules/1").then().statusCode(403);
        String token = agent.csrfFrom("/contacts");
        agent.postForm("/users", Map.of("csrf", token, "username", "sneaky", "password", PASSWORD, "role", "admin"))
                .then().statusCode(403);
    }
}
