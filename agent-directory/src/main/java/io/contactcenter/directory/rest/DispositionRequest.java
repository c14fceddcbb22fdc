package io.contactcenter.directory.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The agent's disposition of a call it handled; the note stays in the directory (never published). */
public record DispositionRequest(
        @NotBlank @Size(max = 100) String callId,
        @NotNull @Pattern(regexp = "[A-Z0-9_]{1,32}") String code,
        @Size(max = 500) String note) {
}
