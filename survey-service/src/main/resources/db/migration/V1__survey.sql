-- One journey per call: what the survey service knows about the call's legs and its survey.
CREATE TABLE journey (
    call_id              VARCHAR(64)  PRIMARY KEY,
    caller_number        VARCHAR(64),
    region_url           VARCHAR(255),
    department_id        VARCHAR(64),
    agent_id             VARCHAR(64),
    caller_status        VARCHAR(32),
    caller_final_at      TIMESTAMPTZ,
    caller_final_seen_at TIMESTAMPTZ,
    -- NONE, PENDING_TRANSFER, OFFERED, DONE, SKIPPED, FAILED
    survey_state         VARCHAR(32)  NOT NULL,
    survey_note          VARCHAR(255),
    offered_at           TIMESTAMPTZ,
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL
);
CREATE INDEX journey_offered_hangup_idx ON journey (survey_state, caller_final_seen_at);

-- The agent legs of a call (one per routing attempt).
CREATE TABLE agent_leg (
    leg_id        VARCHAR(64) PRIMARY KEY,
    call_id       VARCHAR(64) NOT NULL REFERENCES journey (call_id),
    agent_id      VARCHAR(64),
    last_status   VARCHAR(32),
    answered_at   TIMESTAMPTZ,
    completed_at  TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX agent_leg_call_idx ON agent_leg (call_id);

-- Survey transfers still to be made (retried with backoff; survives restarts).
CREATE TABLE pending_transfer (
    call_id          VARCHAR(64) PRIMARY KEY REFERENCES journey (call_id),
    attempts         INTEGER     NOT NULL,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    give_up_at       TIMESTAMPTZ NOT NULL,
    lease_until      TIMESTAMPTZ,
    last_error       VARCHAR(500),
    created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_transfer_due_idx ON pending_transfer (next_attempt_at);

-- The outcome of a call's survey: one row per call, published once to survey-results.
CREATE TABLE survey_response (
    call_id        VARCHAR(64)  PRIMARY KEY,
    event_id       VARCHAR(100) NOT NULL,
    department_id  VARCHAR(64),
    agent_id       VARCHAR(64),
    status         VARCHAR(32)  NOT NULL,
    score          SMALLINT CHECK (score BETWEEN 1 AND 5),
    caller_number  VARCHAR(64),
    offered_at     TIMESTAMPTZ,
    answered_at    TIMESTAMPTZ,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    survey_at      TIMESTAMPTZ  NOT NULL,
    published_at   TIMESTAMPTZ
);
CREATE INDEX survey_response_at_idx ON survey_response (survey_at);
CREATE INDEX survey_response_department_idx ON survey_response (department_id, survey_at);
CREATE INDEX survey_response_agent_idx ON survey_response (agent_id, survey_at);
CREATE INDEX survey_response_unpublished_idx ON survey_response (recorded_at) WHERE published_at IS NULL;

-- Ids of the Kafka records already applied (idempotent consumers).
CREATE TABLE processed_event (
    event_id      VARCHAR(200) PRIMARY KEY,
    topic         VARCHAR(100) NOT NULL,
    processed_at  TIMESTAMPTZ  NOT NULL
);
