-- Call recording (issue 29): the department's recording mode as it was when the call's settings were loaded
-- (off, on, on-request; null reads as off), and the supervisors' listing of recordings by department.
alter table routed_call add column recording_mode varchar(20);
create index call_recording_department on call_recording (department_id, started_at);
