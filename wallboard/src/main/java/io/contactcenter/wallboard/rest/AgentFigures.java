package io.contactcenter.wallboard.rest;

import java.time.Instant;
import java.util.List;

/**
 * One agent on the wallboard: what they do now (from agent-activity) and today's calls (from call-assignments and
 * survey-results, over all their departments).
 *
 * @param activity {@code available}, {@code ringing}, {@code onCall}, {@code wrapUp}, {@code away}, {@code offline}
 *                 or {@code unknown} (no agent-activity record yet)
 * @param since when the agent's last state change happened
 * @param transferred today's calls this agent transferred away (over all their departments)
 */
public record AgentFigures(String agentId, String activity, Instant since, List<String> departments, long handled,
        Double averageHandleTimeSeconds, long surveyResponses, Double csatAverage, long transferred) {
}
