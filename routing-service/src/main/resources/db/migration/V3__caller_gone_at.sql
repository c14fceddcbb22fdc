-- When the caller left: an agent leg answered before that was a conversation, even when its event arrives later.
alter table routed_call add column caller_gone_at timestamptz;
