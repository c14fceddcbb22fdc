-- A caller's number as routing has it may be a SIP URI or a withheld-number word, not only E.164: room for it, so a
-- claim is never refused for its screen-pop details.
alter table assignment alter column caller_number type varchar(100);
