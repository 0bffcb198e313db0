-- Twilio's Create Message has no idempotency key: every attempt is recorded BEFORE the call, so an attempt whose
-- answer was lost (read timeout, reset, 5xx) is known and reconciled with List Messages before any new attempt.
CREATE TABLE dispatch_attempt (
    id             BIGSERIAL PRIMARY KEY,
    dispatch_id    BIGINT      NOT NULL REFERENCES dispatch (id),
    attempt_number INT         NOT NULL,
    instance_id    UUID,
    started_at     TIMESTAMPTZ NOT NULL,   -- database time (now()), before the request was written
    finished_at    TIMESTAMPTZ,
    outcome        TEXT        NOT NULL,   -- IN_FLIGHT, CREATED, NOT_CREATED, REJECTED, UNKNOWN, FOUND, ABSENT, UNDECIDED
    http_status    INT,
    error_code     TEXT,
    message_sid    TEXT,
    expected_body  TEXT,                   -- the text Twilio's list must show for this message (rendered template or body)
    UNIQUE (dispatch_id, attempt_number)
);

-- A claim is held under a lease in database time, renewed while its call runs; recovery adopts expired leases only.
ALTER TABLE dispatch ADD COLUMN lease_until TIMESTAMPTZ;
-- The window a follow-up is for, so every new attempt (recovery included) re-checks a reply since it opened / expired.
ALTER TABLE dispatch ADD COLUMN window_opened_at TIMESTAMPTZ;
ALTER TABLE dispatch ADD COLUMN window_expired_at TIMESTAMPTZ;
DROP INDEX IF EXISTS dispatch_claimed_idx;
CREATE INDEX dispatch_lease_idx ON dispatch (lease_until) WHERE status = 'CLAIMED';

-- Claims left by the heartbeat scheme: their call may have reached Twilio, so they are reconciled, never re-sent blindly.
UPDATE dispatch SET lease_until = coalesce(claimed_at, updated_at) WHERE status = 'CLAIMED';
INSERT INTO dispatch_attempt (dispatch_id, attempt_number, instance_id, started_at, outcome)
    SELECT id, 1, claimed_by, coalesce(claimed_at, updated_at), 'IN_FLIGHT' FROM dispatch WHERE status = 'CLAIMED';

-- The template's text (Content API types.*.body), to know what Twilio's list shows for a template send.
ALTER TABLE template ADD COLUMN body TEXT;

-- One follow-up decision per (window, rule), committed with its effect and its audit row: a redelivered
-- window-expired finds its row and changes nothing.
CREATE TABLE followup_window_decision (
    window_event_id UUID        NOT NULL,
    rule_id         BIGINT      NOT NULL,
    decided_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (window_event_id, rule_id)
);
