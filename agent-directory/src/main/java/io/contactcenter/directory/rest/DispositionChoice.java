package io.contactcenter.directory.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** One disposition of a department's list: a code (stored and published) and the label agents see. */
public record DispositionChoice(
        @NotNull @Pattern(regexp = "[A-Z0-9_]{1,32}") String code,
        @NotBlank @Size(max = 80) String label) {
}
