-- Routing withdraws a reserved agent when the caller hangs up while the agent's phone rings: not a no-answer.
alter table assignment drop constraint assignment_outcome_check;
alter table assignment add constraint assignment_outcome_check check (outcome in ('COMPLETED', 'NO_ANSWER', 'CANCELLED'));
