package io.contactcenter.directory.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Claim an agent of a department for a call, except agents already tried for it. */
public record ClaimRequest(
        @NotBlank @Size(max = 64) String callId,
        @NotNull UUID departmentId,
        @Size(max = 100) List<@NotNull UUID> excludeAgentIds) {
}
