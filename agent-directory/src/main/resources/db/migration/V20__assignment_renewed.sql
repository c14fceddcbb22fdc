-- A reservation routing still uses after a long wait (a callback ringing the caller, the Voice API failing) is
-- renewed: the stuck-agent bound counts from the last renewal, not from the claim.
alter table directory.assignment add column renewed_at timestamptz;
