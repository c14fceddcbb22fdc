-- The caller's wait (issue 24): hold music is on by default (the gateway's built-in track unless the department names
-- its own https URL), and a department may switch it off; a closed department offers voicemail unless switched off.
alter table department add column music_on_hold     boolean      not null default true;
alter table department add column music_on_hold_url varchar(500);
alter table department add column voicemail_enabled boolean      not null default true;
