package io.contactcenter.directory.rest;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** The agent an assignment request is about ({@code answered}, {@code renewed}). */
public record AnsweredRequest(@NotNull UUID agentId) {
}
