-- processed_message grows at the inbound rate and is pruned by processed_at, which only grows as rows arrive: a BRIN
-- index (a few pages for millions of rows, nearly free to maintain per insert) finds the old rows as well as the
-- B-tree did, which cost one more index insert per inbound message.
drop index processed_message_processed_at;
create index processed_message_processed_at on processed_message using brin (processed_at);
