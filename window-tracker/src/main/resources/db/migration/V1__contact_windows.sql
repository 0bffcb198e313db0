-- One row per contact: the newest inbound message decides the customer service window.
create table contact (
    contact_id              text primary key,
    contact_address         text        not null,
    business_address        text,
    profile_name            text,
    first_seen_at           timestamptz not null,
    last_message_at         timestamptz not null,
    last_message_sid        text        not null,
    inbound_count           bigint      not null,
    window_expires_at       timestamptz not null,
    entry_point_expires_at  timestamptz,
    opted_out               boolean     not null default false,
    consent_changed_at      timestamptz,
    -- Pending deadlines of the expiry engine: set when a newer message opens a window, cleared once the
    -- broker acknowledged the event. NULL means nothing is owed for the current window.
    expiry_due_at           timestamptz,
    expiring_soon_due_at    timestamptz,
    expired_emitted_at      timestamptz,
    updated_at              timestamptz not null
);

-- Finding due windows costs what is due, not what is stored: only pending deadlines are indexed.
create index contact_expiry_due on contact (expiry_due_at) where expiry_due_at is not null;
create index contact_expiring_soon_due on contact (expiring_soon_due_at) where expiring_soon_due_at is not null;

-- Keyset pagination of GET /contacts, in either direction.
create index contact_last_message on contact (last_message_at, contact_id);

-- Inbound messages already applied, so a redelivered event changes nothing. Pruned after a retention.
create table processed_message (
    message_sid   text primary key,
    processed_at  timestamptz not null
);
create index processed_message_processed_at on processed_message (processed_at);
