-- Retention (issue 26 item 5, service/Retention): call records by age, their numbers still in clear; each batch reads
-- one of these indexes instead of the whole table.
create index assignment_released on assignment (released_at) where state = 'RELEASED';
create index assignment_unmasked on assignment (released_at)
    where state = 'RELEASED' and caller_number not like '%*%' and length(caller_number) > 2;
create index outbound_call_allowed on outbound_call (allowed_at);
create index voicemail_received on voicemail (received_at);
create index disposition_recorded on disposition (recorded_at);
