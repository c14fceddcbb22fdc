-- When routing's record that the call is over for routing arrived (COMPLETED, ABANDONED, TRANSFERRED_EXTERNAL, ...):
-- a caller's hang-up applied before it waits for it, since only that record tells whether the call was handed to an
-- outside number (no survey, no result) or ended with our agent (CALLER_HUNG_UP). Journeys that had routing's
-- COMPLETED already have it.
ALTER TABLE journey ADD COLUMN routing_ended_at TIMESTAMPTZ;
UPDATE journey SET routing_ended_at = agent_ended_at WHERE agent_ended_at IS NOT NULL;
-- the reconciler's bound on that wait reads only the journeys waiting (not every abandoned call's)
CREATE INDEX journey_waiting_for_routing_idx ON journey (caller_final_seen_at)
    WHERE survey_state = 'NONE' AND agent_confirmed_at IS NOT NULL AND routing_ended_at IS NULL;
