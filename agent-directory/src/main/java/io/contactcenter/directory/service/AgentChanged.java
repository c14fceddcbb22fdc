package io.contactcenter.directory.service;

import java.util.UUID;

/**
 * A CDI event: the current transaction changed the agent (status, state or disposition). Observed after a successful
 * commit, so the stream and the outbox publisher see the change when it is visible to their own transactions.
 */
public record AgentChanged(UUID agentId) {
}
