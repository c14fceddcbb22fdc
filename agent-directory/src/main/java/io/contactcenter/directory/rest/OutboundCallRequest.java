package io.contactcenter.directory.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An in-app agent's call to a phone number, as the gateway's answer webhook sees it. */
public record OutboundCallRequest(
        /** The Vonage uuid of the agent's leg: a repeated answer webhook is the same call. */
        @NotBlank @Size(max = 100) String callId,
        /** The Client SDK user name that places the call ({@code from_user}). */
        @NotBlank @Size(max = 64) String appUser,
        /** The number dialled, E.164 with or without {@code +}. */
        @NotBlank @Size(max = 20) String to) {
}
