package io.contactcenter.gateway.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The directory allowed the call: the agent placing it and the number to connect (E.164 without {@code +}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OutboundCall(String callId, String agentId, String to) {
}
