-- How far each partition of inbound-messages has been applied, across every tracker instance: applied_through is an
-- instant before which every record of the partition is applied (the check time when the partition was caught up,
-- else the newest applied record's timestamp). The expiry engine decides at the smallest of them, so a window never
-- closes while a message sent before its deadline (a reply, a STOP) still waits in the topic: after a database or
-- broker outage, or while a tracker is down, expiry waits for the inbound backlog instead of racing it. A partition no
-- tracker has reported yet is '-infinity': nothing is decided until some tracker owns it.
create table inbound_watermark (
    partition_id    integer     primary key,
    applied_through timestamptz not null,
    reported_by     text,
    reported_at     timestamptz not null default now()
);
