package io.contactcenter.survey.support;

import static org.awaitility.Awaitility.await;

import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallStatus;
import java.time.Duration;

/** A test call's ids, in a department of its own that the directory stub knows, driven to a point of its journey. */
public record TestCall(String callId, String department, String agentId, String agentLegId) {

    /** The caller answered and routing connected the agent: the caller's ANSWERED and routing's ANSWERED record. */
    public static TestCall answered(boolean surveyOn) {
        TestCall call = new TestCall(Calls.newId(), Calls.newId(), Calls.newId(), Calls.newId());
        Stubs.shared().directory.department(call.department, surveyOn);
        Calls.event(Calls.callerStatus(call.callId, CallStatus.ANSWERED, null));
        Calls.assignment(Calls.assignment(call.callId, call.department, call.agentId, call.agentLegId,
                AssignmentOutcome.ANSWERED));
        return call;
    }

    /** The agent hung up and the survey is offered (the caller's leg was transferred). */
    public static TestCall offered(TestDb db) {
        TestCall call = answered(true);
        Calls.event(Calls.agentStatus(call.callId, call.agentLegId, call.agentId, CallStatus.COMPLETED));
        Calls.completed(call.callId, call.department, call.agentId, call.agentLegId);
        await().atMost(Duration.ofSeconds(20)).until(() -> "OFFERED".equals(db.surveyState(call.callId)));
        return call;
    }
}
