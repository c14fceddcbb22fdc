-- No stuck agents (service/StuckAgents): the agent's own leg of a live assignment, learnt from its call events, so
-- that an ON_CALL agent can be checked against Vonage; when that check was last made; and the two scans' indexes.
alter table assignment add column agent_leg_id varchar(64);
alter table assignment add column leg_checked_at timestamptz;
create index assignment_reserved_since on assignment (claimed_at) where state = 'RESERVED';
create index assignment_on_call_since on assignment (answered_at) where state = 'ON_CALL';
