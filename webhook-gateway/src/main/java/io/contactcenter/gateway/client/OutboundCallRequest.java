package io.contactcenter.gateway.client;

/** An in-app agent's call as the answer webhook describes it: its leg's uuid, the Client SDK user, the number. */
public record OutboundCallRequest(String callId, String appUser, String to) {
}
