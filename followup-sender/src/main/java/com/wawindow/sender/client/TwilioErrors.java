package com.wawindow.sender.client;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.wawindow.sender.client.TwilioSendException.Kind;
import com.wawindow.support.failure.Causes;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Maps what the Twilio SDK throws to {@link TwilioSendException}: not created and worth a retry, maybe created
 * (reconcile first), or refused for good.
 */
public final class TwilioErrors {

    private static final Set<Integer> RATE_LIMITED = Set.of(20429, 63018);
    private static final Set<Integer> OPTED_OUT = Set.of(21610, 131050);
    private static final Set<Integer> OUTSIDE_WINDOW = Set.of(63016, 131047);
    /** Meta's per-user marketing limit: Twilio's 63049 for Meta's 131049. */
    public static final Set<String> MARKETING_LIMITED = Set.of("63049", "131049");

    private TwilioErrors() {
    }

    public static TwilioSendException classify(TwilioException failure) {
        String text = Redaction.phoneNumbers(failure.getMessage());
        if (!(failure instanceof ApiException api) || status(api) == null) {
            // no HTTP answer: the SDK wraps I/O failures (ApiConnectionException, or a bare ApiException)
            return neverSent(failure)
                    ? new TwilioSendException.Transient(Kind.UNAVAILABLE, null, null, text, failure)
                    : new TwilioSendException.Transient(Kind.OUTCOME_UNKNOWN, null, null, text, failure);
        }
        Integer code = api.getCode();
        Integer status = status(api);
        String errorCode = code != null ? code.toString() : status.toString();
        if ((code != null && RATE_LIMITED.contains(code)) || status == 429) {
            return new TwilioSendException.Transient(Kind.RATE_LIMITED, errorCode, status, text, api);
        }
        if (code != null && OPTED_OUT.contains(code)) {
            return new TwilioSendException.Permanent(Kind.OPTED_OUT, errorCode, status, text, api);
        }
        if (code != null && OUTSIDE_WINDOW.contains(code)) {
            return new TwilioSendException.Permanent(Kind.OUTSIDE_WINDOW, errorCode, status, text, api);
        }
        if (MARKETING_LIMITED.contains(errorCode)) {
            // nothing went out; another try after the limit's period, not a backoff
            return new TwilioSendException.Transient(Kind.MARKETING_LIMITED, errorCode, status, text, api);
        }
        if (status >= 500) {
            // Twilio may have created the message before failing to answer
            return new TwilioSendException.Transient(Kind.OUTCOME_UNKNOWN, errorCode, status, text, api);
        }
        return new TwilioSendException.Permanent(Kind.REJECTED, errorCode, status, text, api);
    }

    private static Integer status(ApiException api) {
        return api.getStatusCode() != null ? api.getStatusCode() : api.getHttpStatusCode();
    }

    /**
     * The connection was never made (refused, no route, unknown host, connect or pool timeout): the request was not
     * written, so nothing can have been created. A read timeout or a reset after writing is not in this list.
     */
    static boolean neverSent(Throwable failure) {
        return Causes.first(failure, cause -> cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException
                || cause instanceof org.apache.hc.client5.http.ConnectTimeoutException
                || (cause instanceof InterruptedIOException && cause.getClass().getName().endsWith("ConnectionRequestTimeoutException")))
                .isPresent();
    }
}
