package io.contactcenter.survey.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An agent's answered surveys in a time range: how many and their average score (null when none). */
@RegisterForReflection
public record AgentSummaryView(String agentId, long scoredCalls, Double averageScore) {
}
