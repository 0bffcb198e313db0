-- Who holds a CLAIMED dispatch and since when, and which sender instances are alive: a claim whose owner stopped
-- heart-beating was cut off by a crash between the claim and Twilio's answer, and is reconciled with Twilio.
ALTER TABLE dispatch ADD COLUMN claimed_by UUID;
ALTER TABLE dispatch ADD COLUMN claimed_at TIMESTAMPTZ;
CREATE INDEX dispatch_claimed_idx ON dispatch (claimed_at) WHERE status = 'CLAIMED';

CREATE TABLE sender_instance (
    instance_id  UUID PRIMARY KEY,
    heartbeat_at TIMESTAMPTZ NOT NULL
);
