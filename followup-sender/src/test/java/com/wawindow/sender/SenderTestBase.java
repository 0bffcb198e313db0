package com.wawindow.sender;

import com.wawindow.infra.InfraTestResource;
import com.wawindow.infra.TestApiKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;

/**
 * The real broker and database of local-infra, and the fake Twilio, for every {@code @QuarkusTest} here. Every
 * request carries the admin key unless a test says otherwise ({@code EndpointAccessTest}).
 */
@QuarkusTestResource(InfraTestResource.class)
@QuarkusTestResource(FakeTwilioResource.class)
public abstract class SenderTestBase {

    @BeforeEach
    void adminKeyByDefault() {
        RestAssured.requestSpecification = withKey(TestApiKeys.ADMIN);
    }

    /** The registry knows the default template's text, as a Content API sync records it (the fake lists that text). */
    @BeforeEach
    void defaultTemplateTextKnown() {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> io.quarkus.arc.Arc.container()
                .instance(com.wawindow.sender.repository.TemplateRepository.class).get()
                .update("body = ?1 where contentSid = ?2", FakeTwilioMessages.TEMPLATE_TEXT, FakeTwilioResource.CONTENT_SID));
    }

    /** Requests carrying {@code key}; built per test, once Quarkus has set RestAssured's port. */
    protected static RequestSpecification withKey(String key) {
        return new RequestSpecBuilder().addHeader("Authorization", TestApiKeys.bearer(key)).build();
    }
}
