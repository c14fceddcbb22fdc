package io.contactcenter.directory.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The number an in-app agent is about to dial from the desk, E.164 with or without {@code +}. */
public record OutboundCheckRequest(@NotBlank @Size(max = 20) String to) {
}
