-- One row per call that asked for an agent (or whose caller hung up before the route request arrived).
create table routed_call (
    call_id            varchar(100) primary key,
    department_id      varchar(100),
    caller_number      varchar(64),
    region_url         varchar(255),
    -- WAITING (in the queue), CALLING (agent claimed, agent leg being created), RINGING, CONNECTED,
    -- OVERFLOW (transferred to the apology), DONE
    state              varchar(20)  not null,
    -- ANSWERED flow end: COMPLETED; otherwise NO_AGENT or ABANDONED; null while routing
    outcome            varchar(20),
    caller_gone        boolean      not null default false,
    queued_at          timestamptz  not null,
    next_try_at        timestamptz  not null,
    try_count          integer      not null default 0,
    attempts           integer      not null default 0,
    max_attempts       integer,
    max_wait_seconds   integer,
    ringing_timeout    integer,
    current_attempt_id bigint,
    answered_at        timestamptz,
    updated_at         timestamptz  not null
);
-- the queue: due calls of a state, oldest first
create index routed_call_due on routed_call (state, next_try_at, queued_at);

-- One row per agent tried for a call.
create table attempt (
    id            bigserial primary key,
    call_id       varchar(100) not null references routed_call (call_id),
    attempt_no    integer      not null,
    agent_id      varchar(100) not null,
    agent_leg_id  varchar(100),
    endpoint_type varchar(10)  not null,
    endpoint_value varchar(255) not null,
    -- CLAIMED (leg being created), RINGING, ANSWERED, COMPLETED, NO_ANSWER, FAILED, CANCELLED
    state         varchar(20)  not null,
    created_at    timestamptz  not null,
    ended_at      timestamptz,
    unique (call_id, attempt_no)
);
create unique index attempt_leg on attempt (agent_leg_id) where agent_leg_id is not null;

-- Side effects that must happen (and be retried) after a state change: directory and Vonage requests.
-- Executed per call in id order.
create table task (
    id          bigserial primary key,
    call_id     varchar(100) not null,
    kind        varchar(30)  not null,
    agent_id    varchar(100),
    leg_id      varchar(100),
    outcome     varchar(20),
    due_at      timestamptz  not null,
    tries       integer      not null default 0,
    last_error  varchar(500),
    created_at  timestamptz  not null
);
create index task_due on task (due_at, id);
create index task_call on task (call_id, id);

-- Assignment records to publish to call-assignments (transactional outbox).
create table outbox (
    id          bigserial primary key,
    call_id     varchar(100) not null,
    payload     text         not null,
    created_at  timestamptz  not null
);

-- Ids of consumed Kafka records already handled (idempotent consumers).
create table processed_event (
    event_id     varchar(200) primary key,
    processed_at timestamptz not null
);
