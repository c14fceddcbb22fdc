-- The agent desk (issue 22): sign-in, the agent's stream, screen pop, dispositions, the agent-activity topic.

-- Passwords only as bcrypt hashes (null: the agent cannot sign in); supervisors get the "supervisor" role too.
alter table agent add column password_hash varchar(100);
alter table agent add column supervisor boolean not null default false;
-- Raised with every status or state change: consumers of agent-activity and the stream keep the highest.
alter table agent add column version bigint not null default 0;
-- When the current state began (the desk's timers).
alter table agent add column state_since timestamptz not null default now();
create index agent_by_lower_name on agent (lower(name));

-- Screen pop: what routing knows about the caller when it claims an agent (null for older callers).
alter table assignment add column caller_number varchar(20);
alter table assignment add column waiting_since timestamptz;
alter table assignment add column attempt integer;
-- An in-app agent's outbound call is an assignment too: the agent is ON_CALL for it, and it ends in wrap-up.
alter table assignment add column direction varchar(8) not null default 'INBOUND'
    check (direction in ('INBOUND', 'OUTBOUND'));
create index assignment_by_agent on assignment (agent_id, claimed_at);
-- outbound calls are keyed by the agent leg's uuid, as long as outbound_call.call_id allows
alter table assignment alter column call_id type varchar(100);

-- Revoked (signed-out) tokens of our issuer, kept until they would have expired anyway.
create table revoked_token (
    jti        varchar(64) primary key,
    expires_at timestamptz not null
);

-- Failed sign-ins per account and per client address, counted in fixed windows.
create table sign_in_failure (
    throttle_key varchar(200) primary key,
    failures     integer      not null,
    window_start timestamptz  not null
);

-- Dispositions an agent may pick after a call of the department.
create table department_disposition (
    department_id uuid        not null references department (id) on delete cascade,
    code          varchar(32) not null,
    label         varchar(80) not null,
    position      integer     not null,
    primary key (department_id, code)
);

-- What each call was about, one per call and agent.
create table disposition (
    call_id       varchar(100) not null,
    agent_id      uuid         not null,
    department_id uuid         not null,
    code          varchar(32)  not null,
    note          varchar(500),
    recorded_at   timestamptz  not null,
    primary key (call_id, agent_id)
);
create index disposition_by_agent on disposition (agent_id, recorded_at);

-- agent-activity records written with the change that caused them, published to Kafka afterwards.
create table activity_outbox (
    id         bigserial    primary key,
    agent_id   uuid         not null,
    payload    text         not null,
    created_at timestamptz  not null
);
