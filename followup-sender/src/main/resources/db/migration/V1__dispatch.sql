-- One row per message the sender decided to send. The unique dedupe_key is taken BEFORE the Twilio
-- call, so a redelivered event or a second instance finds the row and never calls Twilio again.
CREATE TABLE dispatch (
    id                 BIGSERIAL PRIMARY KEY,
    dedupe_key         TEXT        NOT NULL UNIQUE,
    kind               TEXT        NOT NULL,            -- FOLLOWUP, CAMPAIGN, MESSAGE
    window_event_id    UUID,
    rule_id            BIGINT,
    campaign_id        BIGINT,
    contact_id         TEXT        NOT NULL,
    contact_address    TEXT        NOT NULL,
    from_address       TEXT,
    messaging_service_sid TEXT,
    content_sid        TEXT,
    content_variables  TEXT,
    body               TEXT,
    status_callback    TEXT,
    twilio_message_sid TEXT UNIQUE,
    status             TEXT        NOT NULL,            -- see DispatchStatus
    status_rank        INT         NOT NULL,
    error_code         TEXT,
    error_message      TEXT,
    dry_run            BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX dispatch_contact_idx ON dispatch (contact_id, created_at);
CREATE INDEX dispatch_window_idx ON dispatch (window_event_id);
CREATE INDEX dispatch_created_idx ON dispatch (created_at);

-- Every follow-up decision, for GET /followups?contactId=: sent, skipped and why, failed and why.
CREATE TABLE followup_decision (
    id              BIGSERIAL PRIMARY KEY,
    contact_id      TEXT        NOT NULL,
    window_event_id UUID,
    rule_id         BIGINT,
    campaign_id     BIGINT,
    dispatch_id     BIGINT,
    decision        TEXT        NOT NULL,              -- SENT, DRY_RUN, SKIPPED, SCHEDULED, CANCELLED, FAILED
    reason          TEXT,
    decided_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX followup_decision_contact_idx ON followup_decision (contact_id, decided_at);

-- Consent as the sender last saw it: an inbound STOP or a permanent opt-out error from Twilio.
CREATE TABLE contact_consent (
    contact_id  TEXT PRIMARY KEY,
    opted_out   BOOLEAN     NOT NULL,
    reason      TEXT        NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL
);

-- The newest inbound message per contact: a reply after a follow-up cancels what is pending and
-- counts as "replied after follow-up" in the stats.
CREATE TABLE contact_activity (
    contact_id      TEXT PRIMARY KEY,
    last_inbound_at TIMESTAMPTZ NOT NULL
);
