-- When routing said the agent took the call (its ANSWERED assignment). An agent leg answered after the caller had
-- left, which routing hangs up again, is no conversation and gets no survey record.
ALTER TABLE journey ADD COLUMN agent_confirmed_at TIMESTAMPTZ;
