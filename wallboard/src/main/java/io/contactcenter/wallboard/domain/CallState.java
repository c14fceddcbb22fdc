package io.contactcenter.wallboard.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the wallboard knows of one call (store {@code calls}, keyed by call id): the times its records gave, the
 * record ids already applied (a redelivered record is recognized) and the facts already emitted (each at most once,
 * whatever order the records came in).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CallState {

    private String department;
    private Instant requestedAt;
    private Instant answeredAt;
    private Instant completedAt;
    private Instant abandonedAt;
    private Instant overflowedAt;
    private String agentId;
    private Instant surveyOfferedAt;
    private String surveyAgentId;
    private Integer score;
    private Instant lastSeen;
    private final Set<String> eventIds = new LinkedHashSet<>();
    private final EnumSet<FactKind> emitted = EnumSet.noneOf(FactKind.class);

    /** Records {@code eventId}; false when it was applied before (a redelivery). */
    public boolean firstTime(String eventId, Instant now) {
        lastSeen = now;
        return eventId == null || eventIds.add(eventId);
    }

    public void requested(String department, Instant at) {
        departmentIfUnknown(department);
        requestedAt = at;
    }

    public void answered(String department, String agentId, Instant at) {
        departmentIfUnknown(department);
        this.agentId = agentId;
        answeredAt = at;
    }

    public void completed(String department, String agentId, Instant at) {
        departmentIfUnknown(department);
        if (this.agentId == null) {
            this.agentId = agentId;
        }
        completedAt = at;
    }

    public void abandoned(String department, Instant at) {
        departmentIfUnknown(department);
        abandonedAt = at;
    }

    public void overflowed(String department, Instant at) {
        departmentIfUnknown(department);
        overflowedAt = at;
    }

    /** The survey result: counted only when the survey was offered ({@code offeredAt}). */
    public void surveyed(String department, String agentId, Instant offeredAt, Integer score) {
        departmentIfUnknown(department);
        surveyAgentId = agentId;
        surveyOfferedAt = offeredAt;
        this.score = score;
    }

    private void departmentIfUnknown(String department) {
        if (this.department == null) {
            this.department = department;
        }
    }

    /**
     * The facts that became known with the last record and were not emitted before: the offer once the request is
     * known; exactly one ending (the first known of answered, abandoned, overflowed; answered needs the request's time
     * for its wait); the handling once answer and completion are both known; the survey once offered (it may come first).
     */
    public List<Fact> newFacts(String callId) {
        List<Fact> facts = new ArrayList<>();
        boolean ended = ended();
        if (department == null) {
            return facts;
        }
        if (requestedAt != null && emitted.add(FactKind.OFFERED)) {
            facts.add(new Fact(callId, department, null, FactKind.OFFERED, requestedAt, 0, !ended && !endKnown(), null));
        }
        if (!ended) {
            if (answeredAt != null && requestedAt != null) {
                emitted.add(FactKind.ANSWERED);
                long wait = Math.max(0, Duration.between(requestedAt, answeredAt).toMillis());
                facts.add(new Fact(callId, department, agentId, FactKind.ANSWERED, answeredAt, wait, false, null));
            } else if (abandonedAt != null && answeredAt == null) {
                emitted.add(FactKind.ABANDONED);
                facts.add(Fact.of(callId, department, null, FactKind.ABANDONED, abandonedAt));
            } else if (overflowedAt != null && answeredAt == null) {
                emitted.add(FactKind.OVERFLOWED);
                facts.add(Fact.of(callId, department, null, FactKind.OVERFLOWED, overflowedAt));
            }
        }
        if (emitted.contains(FactKind.ANSWERED) && completedAt != null && emitted.add(FactKind.HANDLED)) {
            long handle = Math.max(0, Duration.between(answeredAt, completedAt).toMillis());
            facts.add(new Fact(callId, department, agentId, FactKind.HANDLED, completedAt, handle, false, null));
        }
        if (surveyOfferedAt != null && emitted.add(FactKind.SURVEY)) {
            facts.add(new Fact(callId, department, surveyAgentId != null ? surveyAgentId : agentId, FactKind.SURVEY,
                    surveyOfferedAt, 0, false, score));
        }
        return facts;
    }

    private boolean ended() {
        return emitted.contains(FactKind.ANSWERED) || emitted.contains(FactKind.ABANDONED)
                || emitted.contains(FactKind.OVERFLOWED);
    }

    /** An ending record arrived (its fact may still wait for the request's time). */
    private boolean endKnown() {
        return answeredAt != null || abandonedAt != null || overflowedAt != null;
    }

    public String department() {
        return department;
    }

    public Instant lastSeen() {
        return lastSeen;
    }
}
