-- Scale-out: what every sender instance shares through this database.
--
-- One send budget per Twilio sender (From number or Messaging Service): next_at is the time of its next free send
-- slot (slots are 1 / (0.9 x rate) seconds apart) in the database's clock. An instance reserves a few slots
-- at a time with one UPDATE and sends each at its slot's time, so all instances together stay under the rate in
-- any one-second window; slots a crashed instance reserved simply pass, nothing has to be given back.
CREATE TABLE send_budget (
    sender    TEXT   PRIMARY KEY,
    next_at   DOUBLE PRECISION NOT NULL   -- seconds since the epoch, database clock
);

-- Jobs that run once across instances (template sync, ...): whoever moves next_run_at forward runs the job.
CREATE TABLE job_lease (
    job         TEXT        PRIMARY KEY,
    next_run_at TIMESTAMPTZ NOT NULL
);

-- A campaign's holder (its lease renewed while a page is worked) and how it ended; CANCELLED and STOPPED
-- (template no longer approved) end it as COMPLETED does.
ALTER TABLE campaign ADD COLUMN lease_owner UUID;
ALTER TABLE campaign ADD COLUMN stop_reason TEXT;

-- Every contact a campaign has reached, once: total is their count, whatever page was read twice.
CREATE TABLE campaign_contact (
    campaign_id BIGINT NOT NULL REFERENCES campaign (id),
    contact_id  TEXT   NOT NULL,
    PRIMARY KEY (campaign_id, contact_id)
);
