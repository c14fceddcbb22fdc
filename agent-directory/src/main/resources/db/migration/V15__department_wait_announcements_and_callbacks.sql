-- The caller's wait (issue 24, items 2 and 3): how often a waiting caller hears their place in line (0 = never), after
-- how long they are offered a callback (0 = never), and how often an unanswered callback is tried again.
alter table department add column announcement_interval_seconds integer not null default 30;
alter table department add column callback_offer_seconds        integer not null default 60;
alter table department add column callback_retries              integer not null default 2;
