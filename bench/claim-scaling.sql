-- Due-window lookup at :rows contacts, in a schema of its own (psql -v rows=N -v schema=S -f bench/claim-scaling.sql).
-- The tracker's V1 contact table and partial indexes; 10% of the rows hold a pending deadline spread over 30 days,
-- about 1,000 of them due at the instant queried: the claim and the next-deadline queries, as the engine runs them.
\set ON_ERROR_STOP on
drop schema if exists :schema cascade;
create schema :schema;
set search_path = :schema;
create table contact (
    contact_id text primary key, contact_address text not null, business_address text, profile_name text,
    first_seen_at timestamptz not null, last_message_at timestamptz not null, last_message_sid text not null,
    inbound_count bigint not null, window_expires_at timestamptz not null, entry_point_expires_at timestamptz,
    opted_out boolean not null default false, consent_changed_at timestamptz, expiry_due_at timestamptz,
    expiring_soon_due_at timestamptz, expired_emitted_at timestamptz, updated_at timestamptz not null);
\timing on
insert into contact (contact_id, contact_address, business_address, profile_name, first_seen_at, last_message_at,
        last_message_sid, inbound_count, window_expires_at, opted_out, expiry_due_at, updated_at)
select '+62810' || lpad(n::text, 8, '0'), 'whatsapp:+62810' || lpad(n::text, 8, '0'), 'whatsapp:+14155238886',
       'Contact ' || n, t - interval '90 days', t, 'SMbench' || n, 1, t + interval '24 hours', false,
       case when mod(n, 10) = 0 then timestamptz '2030-01-01' + (mod(n::bigint * 7919, :rows) / :rows::float) * interval '30 days' end,
       now()
from (select n, now() - interval '2 days' as t from generate_series(0, :rows - 1) as n) as s;
create index contact_expiry_due on contact (expiry_due_at) where expiry_due_at is not null;
create index contact_expiring_soon_due on contact (expiring_soon_due_at) where expiring_soon_due_at is not null;
vacuum analyze contact;
\timing off
select count(*) as pending, count(*) filter (where expiry_due_at <= timestamptz '2030-01-01' + (1000.0 * 30 / (:rows / 10)) * interval '1 day') as due
from contact where expiry_due_at is not null;
explain (analyze, buffers, costs off)
select contact_id, contact_address, business_address, profile_name, last_message_at, window_expires_at,
       last_message_sid, opted_out, entry_point_expires_at, expiry_due_at from contact
where expiry_due_at <= timestamptz '2030-01-01' + (1000.0 * 30 / (:rows / 10)) * interval '1 day'
order by expiry_due_at limit 500 for update skip locked;
explain (analyze, buffers, costs off)
select least((select min(expiry_due_at) from contact where expiry_due_at is not null),
             (select min(expiring_soon_due_at) from contact where expiring_soon_due_at is not null));
-- 200 runs of each, timed in the server: p50 and max in milliseconds
create function pg_temp.timed(query text, runs int) returns table (p50_ms float, p99_ms float, max_ms float) language plpgsql as $$
declare t0 timestamptz; took float[] := '{}'; r record;
begin
  for i in 1..runs loop
    t0 := clock_timestamp();
    for r in execute query loop end loop;
    took := took || extract(epoch from clock_timestamp() - t0) * 1000;
  end loop;
  return query select percentile_cont(0.5) within group (order by x), percentile_cont(0.99) within group (order by x), max(x)
               from unnest(took) as x;
end $$;
select 'claim' as query, * from pg_temp.timed(format($q$select contact_id, contact_address, business_address, profile_name,
       last_message_at, window_expires_at, last_message_sid, opted_out, entry_point_expires_at, expiry_due_at from %I.contact
       where expiry_due_at <= timestamptz '2030-01-01' + (1000.0 * 30 / (%s / 10)) * interval '1 day'
       order by expiry_due_at limit 500 for update skip locked$q$, :'schema', :rows), 200)
union all
select 'next deadline', * from pg_temp.timed(format($q$select least((select min(expiry_due_at) from %I.contact where expiry_due_at is not null),
       (select min(expiring_soon_due_at) from %I.contact where expiring_soon_due_at is not null))$q$, :'schema', :'schema'), 200);
