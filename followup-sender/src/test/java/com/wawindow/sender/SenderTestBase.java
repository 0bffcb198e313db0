package com.wawindow.sender;

import com.wawindow.events.WindowExpired;
import com.wawindow.infra.InfraTestResource;
import com.wawindow.infra.TestApiKeys;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.DispatchStatus;
import com.wawindow.sender.repository.DispatchRepository;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;
import java.util.Optional;
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
        QuarkusTransaction.requiringNew().run(() -> Arc.container()
                .instance(com.wawindow.sender.repository.TemplateRepository.class).get()
                .update("body = ?1 where contentSid = ?2", FakeTwilioMessages.TEMPLATE_TEXT, FakeTwilioResource.CONTENT_SID));
    }

    /** Requests carrying {@code key}; built per test, once Quarkus has set RestAssured's port. */
    protected static RequestSpecification withKey(String key) {
        return new RequestSpecBuilder().addHeader("Authorization", TestApiKeys.bearer(key)).build();
    }

    /** The dispatch of the window {@code event} closed, as committed (its own transaction). */
    protected static Optional<Dispatch> dispatchFor(WindowExpired event) {
        return QuarkusTransaction.requiringNew().call(() -> Arc.container().instance(DispatchRepository.class).get()
                .find("windowEventId", event.eventId()).firstResultOptional());
    }

    protected static Optional<DispatchStatus> statusOf(WindowExpired event) {
        return dispatchFor(event).map(d -> d.status);
    }
}
