-- Call transfers (routing's call controls, issue 29): while a warm transfer's target agent is reserved and talks to
-- the first agent, a call holds two live agents. The second assignment carries the routing transfer's id, and "a call
-- holds at most one live agent" becomes "at most one per transfer of the call (and one outside any transfer)".
alter table assignment add column transfer_id varchar(100);
drop index assignment_one_live_per_call;
create unique index assignment_one_live_per_call on assignment (call_id, coalesce(transfer_id, ''))
    where state <> 'RELEASED';
