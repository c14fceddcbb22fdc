-- Retention (issue 26 item 5, service/Retention): finished calls by age, their numbers still in clear, consumed ids
-- by age; each batch reads one of these indexes instead of the whole table.
create index routed_call_finished on routed_call (updated_at) where state in ('DONE', 'OVERFLOW');
create index routed_call_unmasked on routed_call (updated_at)
    where state in ('DONE', 'OVERFLOW') and ((caller_number not like '%*%' and length(caller_number) > 2)
                                            or (callback_number not like '%*%' and length(callback_number) > 2));
create index processed_event_at on processed_event (processed_at);
