package io.contactcenter.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A step of routing one call (topic {@link Topics#CALL_ASSIGNMENTS}).
 *
 * @param agentId the agent of this attempt, null for {@link AssignmentOutcome#NO_AGENT}
 * @param agentLegId the Vonage uuid of the agent's leg, once created
 * @param attempt 1 for the first agent tried for the call, 2 for the next, ...
 * @param detail facts of the step beyond the fields above, keys in {@link Detail} (absent when there are none)
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Assignment(
        String eventId,
        int version,
        String callId,
        String department,
        String agentId,
        String agentLegId,
        AssignmentOutcome outcome,
        int attempt,
        Instant at,
        Map<String, String> detail) {

    public static final int VERSION = 1;

    /** A step without detail. */
    public Assignment(String eventId, int version, String callId, String department, String agentId,
            String agentLegId, AssignmentOutcome outcome, int attempt, Instant at) {
        this(eventId, version, callId, department, agentId, agentLegId, outcome, attempt, at, null);
    }

    /** The keys of {@link #detail} (docs/events.md). */
    public enum Detail {
        /** {@code COMPLETED}: seconds the caller spent on hold during the call, all agents together. */
        HOLD_SECONDS("holdSeconds"),
        /**
         * {@code COMPLETED}: every agent who talked to the caller, comma-separated in the order they took the call
         * (one agent unless the call was transferred); the survey's score counts for each of them.
         */
        AGENT_IDS("agentIds"),
        /** Transfer steps: the transfer's id. */
        TRANSFER_ID("transferId"),
        /** Transfer steps: {@code cold} or {@code warm}. */
        TRANSFER_KIND("transferKind"),
        /** Transfer steps: the target, {@code department:<id>}, {@code agent:<id>} or {@code number:<E.164>}. */
        TRANSFER_TARGET("transferTarget"),
        /**
         * Every step of a callback once the caller answered it: the uuid of the callback leg, the caller's leg from
         * then on (the call id's own leg ended when the caller asked for the callback).
         */
        CALLER_LEG_ID("callerLegId");

        private final String key;

        Detail(String key) {
            this.key = key;
        }

        /** The key in the JSON {@code detail} object. */
        public String key() {
            return key;
        }
    }

    /** The value of a detail key, null when absent. */
    public String detail(Detail key) {
        return detail == null ? null : detail.get(key.key());
    }

    /** {@link Detail#AGENT_IDS} as a list; just {@link #agentId} when the record does not carry it. */
    public List<String> agentIds() {
        String ids = detail(Detail.AGENT_IDS);
        if (ids == null || ids.isBlank()) {
            return agentId == null ? List.of() : List.of(agentId);
        }
        return List.of(ids.split(","));
    }
}
