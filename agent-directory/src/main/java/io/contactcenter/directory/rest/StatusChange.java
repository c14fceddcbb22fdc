package io.contactcenter.directory.rest;

import io.contactcenter.directory.domain.AgentStatus;
import jakarta.validation.constraints.NotNull;

public record StatusChange(@NotNull AgentStatus status) {
}
