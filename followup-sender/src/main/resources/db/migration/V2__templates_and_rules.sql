-- Approved WhatsApp templates (Twilio Content API). Only status 'approved' is ever sent.
CREATE TABLE template (
    id               BIGSERIAL PRIMARY KEY,
    content_sid      TEXT        NOT NULL UNIQUE,
    friendly_name    TEXT,
    language         TEXT,
    category         TEXT,                 -- UTILITY, MARKETING, AUTHENTICATION
    approval_status  TEXT        NOT NULL, -- approved, pending, received, rejected, paused, disabled, unsubmitted
    rejection_reason TEXT,
    variables        TEXT,                 -- JSON: Twilio's sample values, used as defaults
    source           TEXT        NOT NULL, -- CONFIG, SYNC, API
    updated_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE template_status_change (
    id          BIGSERIAL PRIMARY KEY,
    template_id BIGINT      NOT NULL REFERENCES template (id),
    old_status  TEXT,
    new_status  TEXT        NOT NULL,
    reason      TEXT,
    changed_at  TIMESTAMPTZ NOT NULL
);

-- What to send after a window closes. The rule named 'default' mirrors FOLLOWUP_* at every start.
CREATE TABLE followup_rule (
    id                BIGSERIAL PRIMARY KEY,
    name              TEXT        NOT NULL UNIQUE,
    content_sid       TEXT        NOT NULL,
    content_variables TEXT        NOT NULL, -- JSON object; string values may use {profileName}, {contactId}, ...
    delay_seconds     BIGINT      NOT NULL DEFAULT 0,
    max_per_window    INT         NOT NULL DEFAULT 1,
    stop_on_reply     BOOLEAN     NOT NULL DEFAULT TRUE,
    quiet_hours       TEXT,                 -- HH:mm-HH:mm in the contact's local time, or NULL
    enabled           BOOLEAN     NOT NULL DEFAULT TRUE,
    updated_at        TIMESTAMPTZ NOT NULL
);

-- Follow-ups waiting for their time (rule delay, quiet hours). Claimed with FOR UPDATE SKIP LOCKED,
-- so any number of instances share the work and each row is sent once.
CREATE TABLE scheduled_followup (
    id              BIGSERIAL PRIMARY KEY,
    window_event_id UUID        NOT NULL,
    rule_id         BIGINT      NOT NULL REFERENCES followup_rule (id),
    contact_id      TEXT        NOT NULL,
    last_message_at TIMESTAMPTZ NOT NULL,   -- the window's opening message: a reply after it cancels
    event_json      TEXT        NOT NULL,
    due_at          TIMESTAMPTZ NOT NULL,
    state           TEXT        NOT NULL, -- PENDING, DONE, CANCELLED
    reason          TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (window_event_id, rule_id)
);
CREATE INDEX scheduled_followup_due_idx ON scheduled_followup (due_at) WHERE state = 'PENDING';
CREATE INDEX scheduled_followup_contact_idx ON scheduled_followup (contact_id) WHERE state = 'PENDING';

-- Per-contact timezone override for quiet hours (otherwise derived from the phone's country code).
CREATE TABLE contact_timezone (
    contact_id TEXT PRIMARY KEY,
    zone_id    TEXT NOT NULL
);
