package com.wawindow.sender.service;

import com.wawindow.sender.client.TwilioConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness says whether this instance really sends or only logs ({@code dryRun}), so a dry run is never a surprise. */
@Readiness
@ApplicationScoped
public class SendingReadiness implements HealthCheck {

    private final TwilioConnection twilio;

    public SendingReadiness(TwilioConnection twilio) {
        this.twilio = twilio;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("twilio-sending").up().withData("dryRun", twilio.dryRun()).build();
    }
}
