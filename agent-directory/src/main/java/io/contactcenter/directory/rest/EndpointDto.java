package io.contactcenter.directory.rest;

import io.contactcenter.directory.domain.EndpointType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * How Vonage reaches an agent: {@code phone} with an E.164 number (stored without '+', as Vonage writes it),
 * {@code app} with a Client SDK user name, or {@code sip} with a SIP URI.
 */
public record EndpointDto(@NotNull EndpointType type, @NotBlank @Size(max = 255) String value) {
}
