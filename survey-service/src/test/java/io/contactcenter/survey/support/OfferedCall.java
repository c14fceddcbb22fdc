package io.contactcenter.survey.support;

import static org.awaitility.Awaitility.await;

import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallStatus;
import java.time.Duration;

/** A call driven to the point where the survey is offered (the caller's leg was transferred). */
public record OfferedCall(String callId, String department, String agentId, String agentLegId) {

    public static OfferedCall start(TestDb db) {
        OfferedCall call = new OfferedCall(Calls.newId(), Calls.newId(), Calls.newId(), Calls.newId());
        Stubs.shared().directory.department(call.department, true);
        Calls.event(Calls.callerStatus(call.callId, CallStatus.ANSWERED, null));
        Calls.assignment(Calls.assignment(call.callId, call.department, call.agentId, call.agentLegId,
                AssignmentOutcome.ANSWERED));
        Calls.event(Calls.agentStatus(call.callId, call.agentLegId, call.agentId, CallStatus.COMPLETED));
        Calls.completed(call.callId, call.department, call.agentId, call.agentLegId);
        await().atMost(Duration.ofSeconds(20)).until(() -> "OFFERED".equals(db.surveyState(call.callId)));
        return call;
    }
}
