-- What a pending transfer sends the caller to: the survey, or (when there will be no survey: switched off for the
-- department, or its transfer given up) the closing message that ends the call, so no caller is left alone in the
-- conversation after the agent hung up.
ALTER TABLE pending_transfer ADD COLUMN purpose VARCHAR(16) NOT NULL DEFAULT 'SURVEY';
