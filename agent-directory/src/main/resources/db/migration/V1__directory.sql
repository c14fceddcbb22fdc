-- Departments callers choose in the IVR, agents, and the assignment of agents to calls.

create table department (
    id                      uuid         primary key,
    digit                   integer      not null check (digit between 0 and 9),
    name                    varchar(100) not null,
    spoken_name             varchar(200) not null,
    max_wait_seconds        integer      not null,
    ringing_timeout_seconds integer      not null,
    wrap_up_seconds         integer      not null,
    max_attempts            integer      not null,
    survey_enabled          boolean      not null,
    constraint department_digit_unique unique (digit),
    constraint department_name_unique unique (name)
);

create table agent (
    id                     uuid         primary key,
    name                   varchar(100) not null,
    endpoint_type          varchar(8)   not null check (endpoint_type in ('PHONE', 'APP', 'SIP')),
    endpoint_value         varchar(255) not null,
    status                 varchar(10)  not null check (status in ('AVAILABLE', 'AWAY', 'OFFLINE')),
    state                  varchar(10)  not null check (state in ('IDLE', 'RESERVED', 'ON_CALL', 'WRAP_UP')),
    -- when the agent became (or, in wrap-up, will become) idle: the longest idle is served first
    last_idle_at           timestamptz  not null,
    wrap_up_until          timestamptz,
    consecutive_no_answers integer      not null default 0,
    constraint agent_endpoint_unique unique (endpoint_type, endpoint_value)
);

create table agent_department (
    agent_id      uuid not null references agent (id) on delete cascade,
    department_id uuid not null references department (id),
    primary key (agent_id, department_id)
);
create index agent_department_by_department on agent_department (department_id, agent_id);
create index agent_claimable on agent (last_idle_at) where status = 'AVAILABLE';

-- History is kept, so no foreign keys: departments and agents may be deleted later.
create table assignment (
    id            uuid        primary key,
    call_id       varchar(64) not null,
    agent_id      uuid        not null,
    department_id uuid        not null,
    state         varchar(10) not null check (state in ('RESERVED', 'ON_CALL', 'RELEASED')),
    outcome       varchar(10) check (outcome in ('COMPLETED', 'NO_ANSWER')),
    claimed_at    timestamptz not null,
    answered_at   timestamptz,
    released_at   timestamptz
);
-- The two guarantees, enforced by the database whatever the number of directory replicas:
-- a call holds at most one live agent, and an agent is in at most one live call.
create unique index assignment_one_live_per_call on assignment (call_id) where state <> 'RELEASED';
create unique index assignment_one_live_per_agent on assignment (agent_id) where state <> 'RELEASED';
create index assignment_by_call on assignment (call_id, claimed_at);
