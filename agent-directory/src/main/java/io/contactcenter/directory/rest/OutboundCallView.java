package io.contactcenter.directory.rest;

import java.util.UUID;

/** An allowed outbound call: the agent placing it and the number to connect (E.164 without {@code +}). */
public record OutboundCallView(String callId, UUID agentId, String to) {
}
