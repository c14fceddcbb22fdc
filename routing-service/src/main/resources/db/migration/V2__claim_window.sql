-- When a waiting call's last claim found no free agent: younger calls of its department wait behind it.
alter table routed_call add column missed_agent_at timestamptz;
-- a department's waiting calls in arrival order (the claim window's look-back)
create index routed_call_waiting on routed_call (department_id, queued_at, call_id) where state = 'WAITING';
