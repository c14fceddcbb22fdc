package io.contactcenter.wallboard.rest;

import java.time.Instant;
import java.util.List;

/**
 * One department on the wallboard.
 *
 * @param waiting callers waiting for an agent now
 * @param longestWaitSeconds how long the longest-waiting of them has waited, 0 when none
 * @param oldestWaitingSince when that caller chose the department (the page counts on from it), null when none
 * @param lastHourChart one point per minute, oldest first
 */
public record DepartmentFigures(String department, int waiting, long longestWaitSeconds, Instant oldestWaitingSince,
        AgentCounts agents, Period today, Period last15Minutes, Period lastHour, List<ChartPoint> lastHourChart) {
}
