package com.wawindow.sender;

import com.wawindow.infra.InfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** The real broker and database of local-infra, and the fake Twilio, for every {@code @QuarkusTest} here. */
@QuarkusTestResource(InfraTestResource.class)
@QuarkusTestResource(FakeTwilioResource.class)
public abstract class SenderTestBase {
}
