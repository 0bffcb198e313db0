package com.wawindow.ingest.service;

import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import java.util.List;

/**
 * The ways ingest refuses a webhook that are its own; the generic ones (415, 413) are the kit's
 * {@link ProblemType}. The slug is also the {@code reason} tag of {@code ingest_webhooks_rejected_total}.
 */
public final class IngestProblems {

    public static final ProblemType MALFORMED_FORM = new ProblemType("malformed-form", 400, "Malformed form body");
    public static final ProblemType MALFORMED_JSON = new ProblemType("malformed-json", 400, "Malformed JSON body");
    public static final ProblemType INVALID_SIGNATURE = new ProblemType("invalid-signature", 403, "Invalid Twilio signature");
    public static final ProblemType MISSING_PARAMETER = new ProblemType("missing-parameter", 400, "Required parameter missing");
    public static final ProblemType BROKER_UNAVAILABLE = new ProblemType("broker-unavailable", 503, "Event broker unavailable");

    /** Seconds a caller should wait before retrying after {@link #BROKER_UNAVAILABLE}. */
    public static final String RETRY_AFTER_SECONDS = "5";

    /** Every refusal of a webhook, in the order the checks run. */
    public static final List<ProblemType> WEBHOOK_REFUSALS = List.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
            ProblemType.PAYLOAD_TOO_LARGE, MALFORMED_FORM, INVALID_SIGNATURE, MALFORMED_JSON, MISSING_PARAMETER, BROKER_UNAVAILABLE);

    private IngestProblems() {
    }

    /** A 503 with {@code Retry-After}. */
    public static ProblemException brokerUnavailable(String detail) {
        return new ProblemException(BROKER_UNAVAILABLE, detail).header("Retry-After", RETRY_AFTER_SECONDS);
    }
}
