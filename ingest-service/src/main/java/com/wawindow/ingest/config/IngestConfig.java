package com.wawindow.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How ingest-service takes Twilio's webhooks in. Every key is also an environment variable, e.g. INGEST_PUBLIC_URL. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    /** Base URL Twilio calls when a proxy sits in front (e.g. https://public.example); request path and query are appended. */
    Optional<String> publicUrl();

    /** How long a webhook waits for the broker's acknowledgement before it is answered 503. */
    @WithDefault("PT5S")
    Duration publishTimeout();

    /** Whether X-Twilio-Signature is checked; false is refused outside the dev and test profiles. */
    @WithDefault("true")
    boolean signatureValidation();

    /** Localized opt-out keywords on top of Twilio's (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT). */
    Optional<List<String>> optOutKeywords();

    /** Localized opt-in keywords on top of Twilio's (START, UNSTOP). */
    Optional<List<String>> optInKeywords();

    /** Largest webhook body accepted, in bytes; larger ones are answered 413. */
    @WithDefault("65536")
    int maxBodyBytes();

    /** How many recent webhooks are remembered, so that Twilio's retries of one publish its event once. */
    @WithDefault("100000")
    int recentMessageSids();
}
