package io.contactcenter.directory.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A signed-in agent's token of our issuer, its expiry and roles. */
public record SignInView(UUID agentId, String name, String token, Instant expiresAt, List<String> roles) {
}
