package com.wawindow.sender.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How the sender reaches Twilio. Without account sid and auth token it runs dry: it logs and records, never calls. */
@ConfigMapping(prefix = "twilio")
public interface TwilioConfig {

    /** TWILIO_ACCOUNT_SID: the account the messages are sent from (AC...). */
    Optional<String> accountSid();

    /** TWILIO_AUTH_TOKEN: the account's auth token; never logged. */
    Optional<String> authToken();

    /** TWILIO_API_BASE_URL: scheme, host and port of the Messaging API (a local fake in tests). */
    @WithDefault("https://api.twilio.com")
    String apiBaseUrl();

    /** TWILIO_CONTENT_BASE_URL: scheme, host and port of the Content API (template sync). */
    @WithDefault("https://content.twilio.com")
    String contentBaseUrl();

    /** TWILIO_ALLOW_INSECURE_BASE_URL: let a prod start use http:// base URLs (a fake Twilio on loopback); never for real Twilio. */
    @WithDefault("false")
    boolean allowInsecureBaseUrl();

    /** TWILIO_WHATSAPP_FROM: the business sender, e.g. whatsapp:+14155238886. */
    Optional<String> whatsappFrom();

    /** TWILIO_MESSAGING_SERVICE_SID: sends through this Messaging Service (MG...) when no From is configured. */
    Optional<String> messagingServiceSid();

    /** TWILIO_STATUS_CALLBACK_URL: ingest's status webhook, sent as StatusCallback with every message. */
    Optional<String> statusCallbackUrl();

    /** TWILIO_READ_TIMEOUT: how long one call waits for Twilio's answer; a create unanswered by then is outcome-unknown. */
    @WithDefault("PT30S")
    Duration readTimeout();
}
