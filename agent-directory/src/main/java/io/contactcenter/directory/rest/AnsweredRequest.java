package io.contactcenter.directory.rest;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

public record AnsweredRequest(@NotNull UUID agentId) {
}
