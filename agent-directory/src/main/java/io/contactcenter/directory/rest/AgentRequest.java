package io.contactcenter.directory.rest;

import io.contactcenter.directory.domain.AgentStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * An agent to create or replace; {@code status} defaults to AVAILABLE on creation; {@code supervisor} (the agent's
 * sign-in token also carries the supervisor role) defaults to false on creation and is kept when omitted on replace.
 */
public record AgentRequest(
        @NotBlank @Size(max = 100) String name,
        @NotEmpty @Size(max = 10) List<@NotNull UUID> departmentIds,
        @NotNull @Valid EndpointDto endpoint,
        AgentStatus status,
        Boolean supervisor) {
}
