package io.contactcenter.directory.rest;

import java.util.UUID;

/** Whose Client SDK token: an agent asks for its own (may leave {@code agentId} out), an admin for anyone's. */
public record UserTokenRequest(UUID agentId) {
}
