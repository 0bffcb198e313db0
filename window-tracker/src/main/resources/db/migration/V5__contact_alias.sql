-- A business-scoped user id (bsuid:<ExternalUserId>, a username-only WhatsApp user) that turned out to be a phone
-- number's: recorded when an inbound message carries both. From then on the bsuid's messages apply to the phone
-- contact, and its contact row, window and history were merged into the phone's in the transaction that recorded the
-- alias (InboundApplier, ContactIdentity). The first phone seen for a bsuid keeps it.
create table contact_alias (
    alias_id    text        primary key,
    contact_id  text        not null,
    merged_at   timestamptz not null
);
