-- A callback asked for outside the department's opening hours (issue 24, item 4): it is not made before this instant,
-- the department's next opening as the gateway computed it in the department's zone (null: no such bound).
alter table routed_call add column callback_not_before timestamptz;
