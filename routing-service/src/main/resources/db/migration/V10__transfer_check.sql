-- Call controls (issue 29): a warm transfer in progress is checked when check_at is due (TransferSweep): one whose
-- target leg was never created or whose leg's events were lost is settled as FAILED.
alter table call_transfer add column check_at timestamptz;
create index call_transfer_check on call_transfer (check_at) where state in ('RINGING', 'CONSULTING');
-- transfers already in progress when this runs are checked at the sweep's next run
update call_transfer set check_at = now() where state in ('RINGING', 'CONSULTING');
