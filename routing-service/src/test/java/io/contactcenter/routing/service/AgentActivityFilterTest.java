package io.contactcenter.routing.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.AgentActivity;
import io.contactcenter.events.AgentActivityKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of the directory's {@code agent-activity} records wake the queue: an agent now available and idle. */
class AgentActivityFilterTest {

    private static AgentActivity activity(AgentActivityKind kind, List<String> departments, String status,
            String state) {
        return new AgentActivity("e", AgentActivity.VERSION, kind, "agent", 1, departments, status, state, null, null,
                null, Instant.now());
    }

    @Test
    void anAvailableIdleAgentOfADepartmentIsFree() {
        assertTrue(CallEventService.freesAgent(
                activity(AgentActivityKind.STATE_CHANGED, List.of("sales"), "AVAILABLE", "IDLE")));
    }

    @Test
    void anythingElseIsNot() {
        assertFalse(CallEventService.freesAgent(
                activity(AgentActivityKind.STATE_CHANGED, List.of("sales"), "AWAY", "IDLE")));
        assertFalse(CallEventService.freesAgent(
                activity(AgentActivityKind.STATE_CHANGED, List.of("sales"), "AVAILABLE", "WRAP_UP")));
        assertFalse(CallEventService.freesAgent(
                activity(AgentActivityKind.STATE_CHANGED, List.of("sales"), "AVAILABLE", "RESERVED")));
        assertFalse(CallEventService.freesAgent(
                activity(AgentActivityKind.DISPOSITION, List.of("sales"), "AVAILABLE", "IDLE")));
        assertFalse(CallEventService.freesAgent(
                activity(AgentActivityKind.STATE_CHANGED, List.of(), "AVAILABLE", "IDLE")));
        assertFalse(CallEventService.freesAgent(
                activity(AgentActivityKind.STATE_CHANGED, null, "AVAILABLE", "IDLE")));
    }
}
