-- A business-scoped user id (bsuid:<ExternalUserId>) that a later message showed to be a phone contact, as the tracker
-- merges them: from then on the sender treats both ids as the phone contact (consent, replies, pending follow-ups).
CREATE TABLE contact_alias (
    alias_id   TEXT PRIMARY KEY,
    contact_id TEXT        NOT NULL,
    merged_at  TIMESTAMPTZ NOT NULL
);
