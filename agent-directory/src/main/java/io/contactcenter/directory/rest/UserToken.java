package io.contactcenter.directory.rest;

import java.time.Instant;
import java.util.UUID;

/** A Vonage Client SDK login token for an in-app agent. */
public record UserToken(UUID agentId, String userName, String token, Instant expiresAt) {
}
