-- Retention (issue 26 item 5, service/Retention): settled journeys by age, their caller numbers still in clear,
-- consumed ids by age; each batch reads one of these indexes instead of the whole table.
CREATE INDEX journey_settled_idx ON journey (updated_at)
    WHERE survey_state IN ('DONE', 'SKIPPED', 'FAILED') OR caller_final_seen_at IS NOT NULL;
CREATE INDEX journey_unmasked_idx ON journey (updated_at)
    WHERE (survey_state IN ('DONE', 'SKIPPED', 'FAILED') OR caller_final_seen_at IS NOT NULL)
      AND caller_number NOT LIKE '%*%' AND length(caller_number) > 2;
CREATE INDEX processed_event_at_idx ON processed_event (processed_at);
-- a journey is deleted without naming the agent legs it may still have (the table is going: see V4)
ALTER TABLE agent_leg DROP CONSTRAINT agent_leg_call_id_fkey;
ALTER TABLE agent_leg ADD CONSTRAINT agent_leg_call_id_fkey FOREIGN KEY (call_id) REFERENCES journey (call_id)
    ON DELETE CASCADE;

-- The reconciler (service/Reconciler): when Vonage was last asked whether the caller's leg of a journey still waiting
-- for it has ended; the journeys it looks at.
ALTER TABLE journey ADD COLUMN caller_checked_at TIMESTAMPTZ;
CREATE INDEX journey_open_idx ON journey (survey_state, created_at)
    WHERE survey_state IN ('NONE', 'OFFERED') AND caller_final_seen_at IS NULL;
