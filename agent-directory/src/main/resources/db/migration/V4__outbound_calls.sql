-- In-app agents' outbound calls, allowed by the directory (issue 25 item 7). One row per allowed call: Vonage repeats
-- the answer webhook with the same call uuid, and a repeat is allowed again without being counted twice; the rows are
-- also the record of who called which number when.
create table outbound_call (
    call_id    varchar(100) primary key,
    agent_id   uuid         not null references agent (id) on delete cascade,
    to_number  varchar(15)  not null,
    allowed_at timestamptz  not null
);
create index outbound_call_by_agent on outbound_call (agent_id, allowed_at);

-- Calls allowed per agent and UTC day, raised with one guarded upsert so concurrent calls never pass the cap.
create table outbound_call_count (
    agent_id uuid    not null references agent (id) on delete cascade,
    day      date    not null,
    calls    integer not null,
    primary key (agent_id, day)
);
