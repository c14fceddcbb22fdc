package io.contactcenter.simulator.client;

/** The inbound leg created for a dial: its uuid is the call id. */
public record DialResponse(String callId, String conversationUuid) {
}
