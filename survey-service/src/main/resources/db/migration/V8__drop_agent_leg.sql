-- agent_leg has been neither written nor read since V4: the agent's side of a call comes from routing's
-- call-assignments. Every instance now runs a version that does not know the table, so it goes.
DROP TABLE IF EXISTS agent_leg;
