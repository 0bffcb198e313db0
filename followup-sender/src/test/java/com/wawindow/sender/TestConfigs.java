package com.wawindow.sender;

import com.wawindow.sender.config.FollowupConfig;
import com.wawindow.sender.config.TwilioConfig;
import java.time.Duration;
import java.util.Optional;

/** Configuration for plain unit tests, without Quarkus: the production defaults with the values a test sets. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** Twilio: these credentials (empty or blank = none), both base URLs {@code baseUrl}. */
    public static TwilioConfig twilio(String accountSid, String authToken, String baseUrl, boolean allowInsecure) {
        return new TwilioConfig() {
            public Optional<String> accountSid() {
                return Optional.ofNullable(accountSid);
            }

            public Optional<String> authToken() {
                return Optional.ofNullable(authToken);
            }

            public String apiBaseUrl() {
                return baseUrl;
            }

            public String contentBaseUrl() {
                return baseUrl;
            }

            public boolean allowInsecureBaseUrl() {
                return allowInsecure;
            }

            public Duration readTimeout() {
                return Duration.ofSeconds(30);
            }

            public Optional<String> whatsappFrom() {
                return Optional.empty();
            }

            public Optional<String> messagingServiceSid() {
                return Optional.empty();
            }

            public Optional<String> statusCallbackUrl() {
                return Optional.empty();
            }
        };
    }

    /** The follow-up defaults, in a dry run or not. */
    public static FollowupConfig followup(boolean dryRun) {
        return followup(dryRun, 24, 8);
    }

    /** The follow-up defaults with these window-expired workers and campaign sends at once. */
    public static FollowupConfig followup(boolean dryRun, int consumerConcurrency, int campaignConcurrency) {
        return new FollowupConfig() {
            public boolean dryRun() {
                return dryRun;
            }

            public Optional<String> contentSid() {
                return Optional.empty();
            }

            public String contentVariables() {
                return "{\"1\":\"{profileName}\"}";
            }

            public Duration delay() {
                return Duration.ZERO;
            }

            public int consumerConcurrency() {
                return consumerConcurrency;
            }

            public int campaignConcurrency() {
                return campaignConcurrency;
            }

            public int maxPerWindow() {
                return 1;
            }

            public Optional<String> quietHours() {
                return Optional.empty();
            }

            public Duration marketingCooldown() {
                return Duration.ofHours(24);
            }

            public Duration marketingLimitRetry() {
                return Duration.ofHours(24);
            }

            public Duration maxEventAge() {
                return Duration.ofHours(12);
            }

            public Duration processedInboundRetention() {
                return Duration.ofDays(7);
            }

            public Duration consumerRetryInitialDelay() {
                return Duration.ofMillis(500);
            }

            public Duration consumerRetryMaxDelay() {
                return Duration.ofSeconds(5);
            }

            public int consumerAttemptsWhileDatabaseUp() {
                return 3;
            }

            public String databaseCheckInterval() {
                return "2s";
            }

            public int maxMps() {
                return 80;
            }

            public int schedulerBatch() {
                return 200;
            }

            public String schedulerInterval() {
                return "5s";
            }

            public String templateSyncInterval() {
                return "15m";
            }

            public String heartbeatInterval() {
                return "5s";
            }

            public Duration claimLease() {
                return Duration.ofMinutes(2);
            }

            public int maxAttempts() {
                return 6;
            }

            public Duration retryDelay() {
                return Duration.ofMillis(500);
            }

            public Duration retryMaxDelay() {
                return Duration.ofSeconds(30);
            }

            public Duration reconcileDelay() {
                return Duration.ofSeconds(5);
            }

            public int lookupAttempts() {
                return 5;
            }

            public String claimRecoveryInterval() {
                return "10s";
            }
        };
    }
}
