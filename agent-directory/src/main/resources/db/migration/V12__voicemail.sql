-- Messages callers left while their department was closed (issue 24 item 4), sent by the gateway when Vonage reports
-- the recording. One per call: Vonage may deliver the recording event twice. No foreign key to department: a message
-- outlives the department it was left for.
create table voicemail (
    id                uuid         primary key,
    call_id           varchar(100) not null,
    department_id     uuid         not null,
    caller_number     varchar(32),
    recording_url     varchar(500) not null,
    recording_uuid    varchar(100),
    duration_seconds  integer      check (duration_seconds >= 0),
    recorded_at       timestamptz,
    received_at       timestamptz  not null,
    constraint voicemail_call_unique unique (call_id)
);
create index voicemail_by_department on voicemail (department_id, received_at desc);
