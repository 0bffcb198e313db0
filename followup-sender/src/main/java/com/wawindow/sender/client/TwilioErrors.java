package com.wawindow.sender.client;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.wawindow.sender.client.TwilioSendException.Kind;
import java.util.Set;

/** Maps what the Twilio SDK throws to {@link TwilioSendException}: retry, or record and stop. */
public final class TwilioErrors {

    private static final Set<Integer> RATE_LIMITED = Set.of(20429, 63018);
    private static final Set<Integer> OPTED_OUT = Set.of(21610, 131050);
    private static final Set<Integer> OUTSIDE_WINDOW = Set.of(63016, 131047);

    private TwilioErrors() {
    }

    public static TwilioSendException classify(TwilioException failure) {
        if (failure instanceof ApiConnectionException) {
            return new TwilioSendException.Transient(Kind.UNAVAILABLE, null, Redaction.phoneNumbers(failure.getMessage()), failure);
        }
        if (!(failure instanceof ApiException api)) {
            return new TwilioSendException.Transient(Kind.UNAVAILABLE, null, Redaction.phoneNumbers(failure.getMessage()), failure);
        }
        Integer code = api.getCode();
        Integer status = api.getStatusCode() != null ? api.getStatusCode() : api.getHttpStatusCode();
        String errorCode = code != null ? code.toString() : status != null ? status.toString() : null;
        if ((code != null && RATE_LIMITED.contains(code)) || (status != null && status == 429)) {
            return new TwilioSendException.Transient(Kind.RATE_LIMITED, errorCode, Redaction.phoneNumbers(api.getMessage()), api);
        }
        if (code != null && OPTED_OUT.contains(code)) {
            return new TwilioSendException.Permanent(Kind.OPTED_OUT, errorCode, Redaction.phoneNumbers(api.getMessage()), api);
        }
        if (code != null && OUTSIDE_WINDOW.contains(code)) {
            return new TwilioSendException.Permanent(Kind.OUTSIDE_WINDOW, errorCode, Redaction.phoneNumbers(api.getMessage()), api);
        }
        if (status == null || status >= 500) {
            // no status at all: the SDK wraps I/O failures (timeouts, resets) in a bare ApiException
            return new TwilioSendException.Transient(Kind.UNAVAILABLE, errorCode, Redaction.phoneNumbers(api.getMessage()), api);
        }
        return new TwilioSendException.Permanent(Kind.REJECTED, errorCode, Redaction.phoneNumbers(api.getMessage()), api);
    }
}
