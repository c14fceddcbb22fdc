-- The caller's wait (issue 24, items 2 and 3): place-in-line announcements and callbacks.
-- When the waiting caller's next place-in-line announcement is due (null: queued_at + the department's interval).
alter table routed_call add column next_announce_at timestamptz;
-- A callback: the number the caller asked to be called back on (the call keeps its place: queued_at is unchanged),
-- when the offer was made (once per call), the department's retries at that time, the tries so far and the live
-- callback leg (state CALLING_BACK while it is being created or rings).
alter table routed_call add column callback_number     varchar(64);
alter table routed_call add column callback_offered_at timestamptz;
alter table routed_call add column callback_retries    integer;
alter table routed_call add column callback_tries      integer not null default 0;
alter table routed_call add column callback_leg_id     varchar(100);
create unique index routed_call_callback_leg on routed_call (callback_leg_id) where callback_leg_id is not null;
