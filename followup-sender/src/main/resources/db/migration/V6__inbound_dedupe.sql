-- Every inbound MessageSid the sender applied, first sighting wins: ingest may publish the same message twice (a
-- webhook answered 503 whose first attempt still reached the broker, then Twilio's retry), with two receivedAt
-- values. The tracker keeps the first; the sender must too, or the retry's later receivedAt looks like a reply after
-- the window's opening message and cancels a follow-up of a window that never re-opened.
CREATE TABLE processed_inbound (
    message_sid  TEXT PRIMARY KEY,
    contact_id   TEXT        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX processed_inbound_processed_at ON processed_inbound (processed_at);

-- Which message the newest inbound time belongs to: a window's own opening message is never a reply to it.
ALTER TABLE contact_activity ADD COLUMN last_inbound_sid TEXT;
