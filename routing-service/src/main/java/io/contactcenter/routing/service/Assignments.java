package io.contactcenter.routing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.routing.domain.Attempt;
import io.contactcenter.routing.domain.OutboxEntry;
import io.contactcenter.routing.domain.OutboxRepository;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.support.work.WorkWritten;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Writes Assignment records to the outbox, in the caller's transaction. */
@ApplicationScoped
public class Assignments {

    private final OutboxRepository outbox;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Event<WorkWritten> written;

    public Assignments(OutboxRepository outbox, ObjectMapper json, MeterRegistry metrics, Event<WorkWritten> written) {
        this.outbox = outbox;
        this.json = json;
        this.metrics = metrics;
        this.written = written;
    }

    public void publish(RoutedCall call, Attempt attempt, AssignmentOutcome outcome) {
        publish(call, attempt, outcome, outcome == AssignmentOutcome.COMPLETED
                || outcome == AssignmentOutcome.TRANSFERRED_EXTERNAL ? completedDetail(call) : null);
    }

    /**
     * Publishes a step with {@link Assignment.Detail} values (null: none); a callback's steps also name the callback
     * leg, the caller's leg survey-service transfers.
     */
    public void publish(RoutedCall call, Attempt attempt, AssignmentOutcome outcome, Map<String, String> detail) {
        Instant now = Instant.now();
        if (call.callbackLegId != null) {
            detail = detail == null ? new LinkedHashMap<>() : new LinkedHashMap<>(detail);
            detail.put(Assignment.Detail.CALLER_LEG_ID.key(), call.callbackLegId);
        }
        Assignment record = new Assignment(UUID.randomUUID().toString(), Assignment.VERSION, call.callId,
                call.departmentId, attempt == null ? null : attempt.agentId, attempt == null ? null : attempt.agentLegId,
                outcome, attempt == null ? call.attempts : attempt.attemptNo, now, detail);
        OutboxEntry entry = new OutboxEntry();
        entry.callId = call.callId;
        entry.createdAt = now;
        try {
            entry.payload = json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        outbox.persist(entry);
        written.fire(new WorkWritten(OutboxRepository.LOOP)); // the outbox loop wakes once the transaction commits
        metrics.counter("routing.assignments", "outcome", outcome.name()).increment();
    }

    /** The end of the call: every agent who had it and its hold time. */
    private static Map<String, String> completedDetail(RoutedCall call) {
        Map<String, String> detail = new LinkedHashMap<>();
        if (call.agentIds != null) {
            detail.put(Assignment.Detail.AGENT_IDS.key(), call.agentIds);
        }
        detail.put(Assignment.Detail.HOLD_SECONDS.key(), Integer.toString(call.holdSecondsAt(Instant.now())));
        return detail;
    }
}
