-- Call controls (issue 29): whether a department's calls are recorded (off, on, on-request: when its agent asks), and
-- whether calls transferred into it go ahead of its waiting callers.
alter table department add column recording         varchar(20) not null default 'off';
alter table department add column transfer_priority boolean     not null default false;
