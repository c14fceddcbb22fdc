package io.contactcenter.directory.rest;

/**
 * The agent's day so far: calls handled (answered and ended), their average handle time, and the average survey
 * score of the agent's calls (from survey-service; null when none was scored or the survey could not be asked).
 */
public record TodayView(long callsHandled, Long averageHandleSeconds, Double averageScore, long scoredCalls) {
}
