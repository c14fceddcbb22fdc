-- Call controls (issue 29): hold, transfers, supervisor monitors, recording, idempotent control requests.

-- Hold: the caller is in the hold-music NCCO (out of the conversation) since hold_started_at; hold_seconds sums the
-- finished holds of the call.
alter table routed_call add column on_hold boolean not null default false;
alter table routed_call add column hold_started_at timestamptz;
alter table routed_call add column hold_seconds integer not null default 0;
-- Every agent who had the caller, comma-separated in order (transfers); the COMPLETED record names them.
alter table routed_call add column agent_ids varchar(2000);
-- A transferred caller waits for the next agent with the hold music (out of the conversation) and is brought back
-- into it when that agent answers; the target department's max wait counts from requeued_at.
alter table routed_call add column caller_parked boolean not null default false;
alter table routed_call add column requeued_at timestamptz;
-- Recording: null (not recording) or when the recording of the caller's leg was started.
alter table routed_call add column recording_started_at timestamptz;

-- A side effect may need more than an agent and a leg (a monitor's endpoint, a transfer's target): its own reference.
alter table task add column ref varchar(255);

-- One row per transfer of a call; at most one in progress per call.
create table call_transfer (
    id              varchar(100) primary key,
    call_id         varchar(100) not null references routed_call (call_id),
    kind            varchar(10)  not null,  -- cold, warm
    -- RINGING (warm: target leg ringing; cold: being placed), CONSULTING (warm: agents talk), COMPLETED, CANCELLED,
    -- FAILED
    state           varchar(20)  not null,
    target_type     varchar(20)  not null,  -- department, agent, number
    target_value    varchar(255) not null,
    from_agent_id   varchar(100),
    target_agent_id varchar(100),
    target_leg_id   varchar(100),
    requested_by    varchar(100) not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);
create unique index call_transfer_live on call_transfer (call_id) where state in ('RINGING', 'CONSULTING');
create index call_transfer_leg on call_transfer (target_leg_id) where target_leg_id is not null;

-- Supervisors' monitor legs on a call.
create table call_monitor (
    id             varchar(100) primary key,
    call_id        varchar(100) not null references routed_call (call_id),
    supervisor_id  varchar(100) not null,
    mode           varchar(10)  not null,  -- listen, whisper, barge
    endpoint_type  varchar(10)  not null,
    endpoint_value varchar(255) not null,
    leg_id         varchar(100),
    state          varchar(10)  not null,  -- ACTIVE, ENDED
    started_at     timestamptz  not null,
    ended_at       timestamptz
);
create index call_monitor_call on call_monitor (call_id);

-- Who monitored which call when, in which mode (never deleted by routing).
create table monitor_audit (
    id            bigserial primary key,
    call_id       varchar(100) not null,
    monitor_id    varchar(100) not null,
    supervisor_id varchar(100) not null,
    mode          varchar(10)  not null,
    action        varchar(10)  not null,  -- START, SWITCH, END
    at            timestamptz  not null
);
create index monitor_audit_call on monitor_audit (call_id, at);

-- Recordings Vonage reported for calls (deleted after the retention).
create table call_recording (
    recording_uuid   varchar(100) primary key,
    call_id          varchar(100) not null,
    department_id    varchar(100),
    agent_ids        varchar(2000),
    url              varchar(1000) not null,
    duration_seconds integer,
    started_at       timestamptz  not null
);
create index call_recording_started on call_recording (started_at);
create index call_recording_call on call_recording (call_id);

-- The first answer to each control request that carried an Idempotency-Key, per call: a retry gets it again.
create table idempotent_request (
    call_id      varchar(100) not null,
    request_key  varchar(100) not null,
    request_hash varchar(64)  not null,
    status       integer      not null,
    body         text,
    created_at   timestamptz  not null,
    primary key (call_id, request_key)
);
