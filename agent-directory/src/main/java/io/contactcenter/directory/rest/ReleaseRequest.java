package io.contactcenter.directory.rest;

import io.contactcenter.directory.domain.ReleaseOutcome;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

public record ReleaseRequest(@NotNull UUID agentId, @NotNull ReleaseOutcome outcome) {
}
