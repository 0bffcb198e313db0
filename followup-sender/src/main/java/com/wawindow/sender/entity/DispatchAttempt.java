package com.wawindow.sender.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One Create Message attempt of a dispatch, recorded before the request is written, and what came of it. */
@Entity
@Table(name = "dispatch_attempt")
public class DispatchAttempt {

    /** What is known about an attempt. */
    public enum Outcome {
        /** Recorded, request under way (or its instance died): it may have created a message. */
        IN_FLIGHT,
        /** Twilio answered 201 with this SID. */
        CREATED,
        /** Twilio answered an error that means nothing was created (429, 20429, 63018) or the request never left. */
        NOT_CREATED,
        /** Twilio refused for good (4xx): nothing created, no further attempt. */
        REJECTED,
        /** No answer that tells (read timeout, reset, 5xx): reconciled with List Messages before anything else. */
        UNKNOWN,
        /** Reconciled: List Messages shows the message this attempt created (its SID). */
        FOUND,
        /** Reconciled: List Messages shows no such message; a new attempt may go. */
        ABSENT,
        /** Reconciled but not decidable (no known text and a candidate, or several candidates): held, never re-sent. */
        UNDECIDED;

        /** Whether this attempt may have created a message nobody has accounted for yet. */
        public boolean unresolved() {
            return this == IN_FLIGHT || this == UNKNOWN;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "dispatch_id")
    public long dispatchId;
    @Column(name = "attempt_number")
    public int attemptNumber;
    @Column(name = "instance_id")
    public UUID instanceId;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Enumerated(EnumType.STRING)
    public Outcome outcome;
    @Column(name = "http_status")
    public Integer httpStatus;
    @Column(name = "error_code")
    public String errorCode;
    @Column(name = "message_sid")
    public String messageSid;
    @Column(name = "expected_body")
    public String expectedBody;
}
