-- Call controls (issue 29): idempotent answers expire after routing.controls.idempotency-ttl (IdempotentRequests).
create index idempotent_request_created on idempotent_request (created_at);
