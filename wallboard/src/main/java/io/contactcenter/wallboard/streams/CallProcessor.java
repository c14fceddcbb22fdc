package io.contactcenter.wallboard.streams;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.wallboard.domain.CallState;
import io.contactcenter.wallboard.domain.Fact;
import io.contactcenter.wallboard.domain.FactKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-call stage (keyed by call id): applies each record once (its {@code eventId} is kept with the call) and
 * forwards the facts that became known, keyed by department. Records of one call may come in any order; a fact is
 * emitted once what it needs is known. Calls not seen for the retention are dropped (hourly, wall-clock).
 */
final class CallProcessor implements Processor<String, CallRecord, String, Fact> {

    private final Duration retention;
    private ProcessorContext<String, Fact> context;
    private KeyValueStore<String, CallState> calls;

    CallProcessor(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, Fact> context) {
        this.context = context;
        this.calls = context.getStateStore(WallboardTopology.CALLS_STORE);
        context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, this::dropOldCalls);
    }

    @Override
    public void process(Record<String, CallRecord> record) {
        String callId = record.key();
        CallRecord value = record.value();
        if (callId == null || value == null) {
            return;
        }
        CallState call = calls.get(callId);
        if (call == null) {
            call = new CallState();
        }
        if (!call.firstTime(value.eventId(), Instant.ofEpochMilli(context.currentSystemTimeMs()))) {
            return;
        }
        apply(call, value);
        List<Fact> facts = call.newFacts(callId);
        Assignment assignment = value.assignment();
        if (assignment != null && assignment.outcome() == AssignmentOutcome.TRANSFERRED) {
            // one per transfer (the record is applied once): counted for the department and agent the call left
            String department = assignment.department() != null ? assignment.department() : call.department();
            if (department != null) {
                facts.add(Fact.of(callId, department, assignment.agentId(), FactKind.TRANSFERRED, assignment.at()));
            }
        }
        calls.put(callId, call);
        for (Fact fact : facts) {
            context.forward(record.withKey(fact.department()).withValue(fact));
        }
    }

    private static void apply(CallState call, CallRecord value) {
        if (value.request() != null) {
            call.requested(value.request().department(), value.request().requestedAt());
        } else if (value.assignment() != null) {
            Assignment assignment = value.assignment();
            if (assignment.outcome() == null) {
                return; // nothing to count (never a crash that would stop the partition)
            }
            switch (assignment.outcome()) {
                case ANSWERED -> call.answered(assignment.department(), assignment.agentId(), assignment.at());
                // handed to an outside number: our part of the conversation ended there
                case COMPLETED, TRANSFERRED_EXTERNAL ->
                        call.completed(assignment.department(), assignment.agentId(), assignment.at());
                case ABANDONED -> call.abandoned(assignment.department(), assignment.at());
                case NO_AGENT -> call.overflowed(assignment.department(), assignment.at());
                // ringing, no answer, failed: the agents' side shows them (agent-activity), the call goes on;
                // transfers are counted per record (process)
                case RINGING, NO_ANSWER, FAILED, TRANSFER_STARTED, TRANSFERRED, TRANSFER_FAILED, TRANSFER_CANCELLED -> { }
            }
        } else {
            SurveyResult survey = value.survey();
            call.surveyed(survey.department(), survey.agentId(), survey.offeredAt(), survey.score());
        }
    }

    private void dropOldCalls(long now) {
        Instant oldest = Instant.ofEpochMilli(now).minus(retention);
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, CallState> all = calls.all()) {
            while (all.hasNext()) {
                KeyValue<String, CallState> entry = all.next();
                if (entry.value.lastSeen() == null || entry.value.lastSeen().isBefore(oldest)) {
                    old.add(entry.key);
                }
            }
        }
        old.forEach(calls::delete);
    }
}
