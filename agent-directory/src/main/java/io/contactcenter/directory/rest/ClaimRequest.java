package io.contactcenter.directory.rest;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Claim an agent of a department for a call, except agents already tried for it. A transfer of routing's call controls
 * claims a second agent for the call under its {@code transferId} (idempotent per call and transfer), optionally the
 * named {@code agentId} (claimed only when it is available and idle, whatever its departments). {@code callerNumber},
 * {@code waitingSince} and {@code attempt} are the agent's screen pop (optional: older routing does not send them).
 */
public record ClaimRequest(
        @NotBlank @Size(max = 64) String callId,
        @NotNull UUID departmentId,
        @Size(max = 100) List<@NotNull UUID> excludeAgentIds,
        @Size(max = 100) String callerNumber,
        Instant waitingSince,
        @Min(1) Integer attempt,
        UUID agentId,
        @Size(max = 100) String transferId) {
}
