-- The agent's side of a call now comes from routing's call-assignments (ANSWERED, COMPLETED), not from the agent
-- legs' own call-events: routing already decides when an agent's conversation ended (also when the leg's completed
-- event was lost, or after a transfer to another agent).
ALTER TABLE journey ADD COLUMN agent_ended_at TIMESTAMPTZ;

-- journeys in flight at the upgrade: an answered agent leg that completed ended the agent's part
UPDATE journey j SET agent_ended_at = l.completed_at
FROM agent_leg l
WHERE l.call_id = j.call_id AND l.answered_at IS NOT NULL AND l.completed_at IS NOT NULL
  AND j.agent_ended_at IS NULL AND j.survey_state = 'NONE';

-- agent_leg is no longer written; it is dropped by a later migration, once no instance of the previous version runs

-- a transferred call has several agents (routing's COMPLETED names them all in detail.agentIds): the one survey
-- after the last agent left counts for each of them
ALTER TABLE journey ADD COLUMN agent_ids VARCHAR(1000);
ALTER TABLE survey_response ADD COLUMN agent_ids VARCHAR(64)[];
UPDATE survey_response SET agent_ids = ARRAY[agent_id] WHERE agent_id IS NOT NULL;
CREATE INDEX survey_response_agents_idx ON survey_response USING GIN (agent_ids);
DROP INDEX survey_response_agent_idx;
