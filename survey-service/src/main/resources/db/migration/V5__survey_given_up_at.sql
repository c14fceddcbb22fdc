-- When the survey transfer was given up (FAILED): a caller whose leg ended before that moment hung up on their own,
-- and their final status may reach us later (another consumer's partition, a rebalance); one that ended after it
-- was ended by our closing message.
ALTER TABLE journey ADD COLUMN survey_given_up_at TIMESTAMPTZ;
