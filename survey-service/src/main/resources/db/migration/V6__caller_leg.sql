-- The caller's current leg when it is not the call id's own: the callback leg routing placed to call the caller back
-- (routing's call-assignments name it in detail.callerLegId; a callback leg's completed with talk time names it too).
-- The survey transfers this leg, only its end is the caller leaving, and a survey input from it (the gateway knows
-- only the leg's uuid) finds the call through it. Null: the call id's leg.
ALTER TABLE journey ADD COLUMN caller_leg_id VARCHAR(64);
CREATE INDEX journey_caller_leg_idx ON journey (caller_leg_id) WHERE caller_leg_id IS NOT NULL;
