package io.contactcenter.wallboard.domain;

import java.time.Instant;

/**
 * One thing that became known about a call, as the per-call stage hands it to its department's board (keyed by
 * department id on the repartition topic).
 *
 * @param at when it happened (the record's own time: requestedAt, the assignment's at, the survey's offeredAt)
 * @param millis the wait (ANSWERED) or handle time (HANDLED)
 * @param waiting for OFFERED: the call has not ended yet, so its caller is waiting now
 * @param score the survey's score, null when none was given
 */
public record Fact(String callId, String department, String agentId, FactKind kind, Instant at, long millis,
        boolean waiting, Integer score) {

    public static Fact of(String callId, String department, String agentId, FactKind kind, Instant at) {
        return new Fact(callId, department, agentId, kind, at, 0, false, null);
    }

    /** Whether this fact ends the caller's wait. */
    public boolean endsWait() {
        return kind == FactKind.ANSWERED || kind == FactKind.ABANDONED || kind == FactKind.OVERFLOWED;
    }
}
