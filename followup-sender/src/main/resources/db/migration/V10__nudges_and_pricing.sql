-- In-window nudges: a rule of kind NUDGE sends a short free-form text on window-expiring-soon, while the window is
-- still open (FOLLOWUP rules send a template after it closed). A share of the eligible windows is held out, so the
-- reply rate of nudged windows has an honest comparison.
ALTER TABLE followup_rule ADD COLUMN kind TEXT NOT NULL DEFAULT 'FOLLOWUP';
ALTER TABLE followup_rule ALTER COLUMN content_sid DROP NOT NULL;
ALTER TABLE followup_rule ADD COLUMN body TEXT;
ALTER TABLE followup_rule ADD COLUMN holdout_percent INT NOT NULL DEFAULT 0;
ALTER TABLE followup_rule ADD COLUMN quiet_after_send_seconds BIGINT NOT NULL DEFAULT 0;
-- a FOLLOWUP rule may send while a contact's free entry point window is still open instead of after its delay
ALTER TABLE followup_rule ADD COLUMN prefer_free BOOLEAN NOT NULL DEFAULT FALSE;

-- One row per (window, nudge rule) that passed every check: NUDGED (sent), HOLDOUT (held out on purpose), DROPPED (the
-- window closed, or nearly, before it could go). replied_at: the contact's first message after the decision and before
-- the window's deadline, i.e. the window was kept open by a reply.
CREATE TABLE nudge_window (
    window_event_id UUID        NOT NULL,
    rule_id         BIGINT      NOT NULL,
    contact_id      TEXT        NOT NULL,
    last_message_at TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    arm             TEXT        NOT NULL,
    dispatch_id     BIGINT,
    decided_at      TIMESTAMPTZ NOT NULL,
    replied_at      TIMESTAMPTZ,
    PRIMARY KEY (window_event_id, rule_id)
);
CREATE INDEX nudge_window_awaiting_reply_idx ON nudge_window (contact_id, expires_at) WHERE replied_at IS NULL;
CREATE INDEX nudge_window_decided_idx ON nudge_window (decided_at);

-- What a message costs under Meta's per-message pricing. Data, not code: a change Meta announces is a new row with its
-- effective date. region: the contact's calling code ('62', '1', '44') or '*' for every other; the longest matching
-- region wins, then the newest row in effect on the send's UTC day. billable_in_service_window: whether this category
-- is billed while the customer service window is open (a template outside it always is; inside the free entry point
-- window nothing is).
CREATE TABLE pricing_rate (
    id                         BIGSERIAL PRIMARY KEY,
    effective_from             DATE          NOT NULL,
    category                   TEXT          NOT NULL,  -- MARKETING, UTILITY, AUTHENTICATION, SERVICE
    region                     TEXT          NOT NULL,
    rate                       NUMERIC(12,6) NOT NULL,
    currency                   TEXT          NOT NULL,
    billable_in_service_window BOOLEAN       NOT NULL,
    source                     TEXT          NOT NULL,
    UNIQUE (effective_from, category, region)
);

-- Each send's pricing: category as Meta defines it (service, utility, marketing, authentication,
-- referral_conversion), whether it is billable, the estimated cost, and whence (ESTIMATE at the claim, CALLBACK when a
-- status callback carried Meta's category).
ALTER TABLE dispatch ADD COLUMN pricing_category TEXT;
ALTER TABLE dispatch ADD COLUMN billable BOOLEAN;
ALTER TABLE dispatch ADD COLUMN estimated_cost NUMERIC(12,6);
ALTER TABLE dispatch ADD COLUMN cost_currency TEXT;
ALTER TABLE dispatch ADD COLUMN pricing_source TEXT;

-- The rules published as of 2026-12 (sources in README "What each message costs"; every rate is USD per delivered
-- message). Meta's own rate cards were not reachable here: rates are as secondary sources restate them, and a market
-- without its own row falls back to Meta's "Other" bucket ('*'). An operator adds the rows of their markets from
-- Meta's rate card with PUT /pricing/rates.
INSERT INTO pricing_rate (effective_from, category, region, rate, currency, billable_in_service_window, source) VALUES
    -- per-message pricing from 2025-07-01: templates billed per delivered message, utility free inside the open service
    -- window, non-template (service) messages free
    ('2025-07-01', 'MARKETING',      '*',  0.0604, 'USD', TRUE,  'Other bucket, effective 2025-07-01: docs.sent.dm/docs/guides/whatsapp-pricing (secondary)'),
    ('2025-07-01', 'UTILITY',        '*',  0.0077, 'USD', FALSE, 'Other bucket, effective 2025-07-01: docs.sent.dm/docs/guides/whatsapp-pricing (secondary); free in the window: Meta pricing page'),
    ('2025-07-01', 'AUTHENTICATION', '*',  0.0077, 'USD', TRUE,  'Other bucket, effective 2025-07-01: docs.sent.dm/docs/guides/whatsapp-pricing (secondary)'),
    ('2025-07-01', 'SERVICE',        '*',  0,      'USD', FALSE, 'Meta pricing page: "All non-template messages are free" (since 2024-11-01)'),
    -- Brazil, effective 2026-01-01
    ('2026-01-01', 'MARKETING',      '55', 0.0625, 'USD', TRUE,  'Brazil, effective 2026-01-01: talkall.com.br/en/novidades/tarifas-whatsapp-2026 (secondary)'),
    ('2026-01-01', 'UTILITY',        '55', 0.0068, 'USD', FALSE, 'Brazil, effective 2026-01-01: talkall.com.br/en/novidades/tarifas-whatsapp-2026 (secondary)'),
    ('2026-01-01', 'AUTHENTICATION', '55', 0.0068, 'USD', TRUE,  'Brazil, effective 2026-01-01: talkall.com.br/en/novidades/tarifas-whatsapp-2026 (secondary)'),
    -- from 2026-10-01 Meta charges utility templates inside the open window and service messages, the latter at the
    -- market's utility rate; the free entry point window stays free
    ('2026-10-01', 'UTILITY',        '*',  0.0077, 'USD', TRUE,  'Meta "Upcoming pricing updates" (updated 2026-07-01): utility in the window charged from 2026-10-01'),
    ('2026-10-01', 'UTILITY',        '55', 0.0068, 'USD', TRUE,  'Meta "Upcoming pricing updates" (updated 2026-07-01): utility in the window charged from 2026-10-01'),
    ('2026-10-01', 'SERVICE',        '*',  0.0077, 'USD', TRUE,  'Meta "Upcoming pricing updates" (updated 2026-07-01): service charged from 2026-10-01, at the utility rate (secondary: hello-charles.com)'),
    ('2026-10-01', 'SERVICE',        '55', 0.0068, 'USD', TRUE,  'Meta "Upcoming pricing updates" (updated 2026-07-01): service charged from 2026-10-01, at the utility rate (secondary: hello-charles.com)');
