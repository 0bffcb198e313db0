-- A broadcast of one template to a segment of window-tracker's contacts. Progress is durable page by page
-- (the tracker's cursor); a page redone after a crash sends nothing twice (dispatch key campaign:<id>:<contact>).
CREATE TABLE campaign (
    id                BIGSERIAL PRIMARY KEY,
    template_id       BIGINT      NOT NULL REFERENCES template (id),
    content_sid       TEXT        NOT NULL,
    content_variables TEXT        NOT NULL,
    segment           TEXT        NOT NULL,   -- JSON: the tracker's filters
    state             TEXT        NOT NULL,   -- RUNNING, COMPLETED
    next_cursor       TEXT,
    total             BIGINT      NOT NULL DEFAULT 0,
    lease_until       TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX dispatch_campaign_idx ON dispatch (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX followup_decision_campaign_idx ON followup_decision (campaign_id) WHERE campaign_id IS NOT NULL;
