-- The last few inbound messages per contact, for the console's contact page. Bounded: the applier keeps at most
-- HISTORY_SIZE rows per contact (older ones are deleted in the same transaction). The body is customer data: only a
-- short preview (HISTORY_PREVIEW_LENGTH characters, 0 = none) is kept, behind the viewer role like everything else.
create table inbound_history (
    contact_id    text        not null,
    message_sid   text        not null,
    received_at   timestamptz not null,
    message_type  text,
    media_count   integer     not null default 0,
    preview       text,
    primary key (contact_id, message_sid)
);
create index inbound_history_newest on inbound_history (contact_id, received_at desc, message_sid desc);
