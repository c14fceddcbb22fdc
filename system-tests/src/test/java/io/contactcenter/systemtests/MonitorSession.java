package io.contactcenter.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The end of a supervisor's listen → whisper → barge session on a call, as the simulator and routing see it. */
final class MonitorSession {

    private MonitorSession() {
    }

    /**
     * The supervisor's leg ended, the caller and the agent still hear each other, and routing's audit log holds the
     * session: listen started, switched to whisper, then barge, ended.
     */
    static void assertEndedAndAudited(ContactCenter center, String supervisorToken, String call, String supervisorLeg,
            String agentLeg, Duration wait) {
        center.simulator.awaitStatus(supervisorLeg, wait, "completed");
        assertEquals(Set.of(call), Set.copyOf(center.simulator.say(agentLeg, "anything else?")),
                "the supervisor's hang-up ended neither the caller's nor the agent's leg");
        List<String> audit = center.routing(supervisorToken).queryParam("callId", call).get("/monitoring/audit").then()
                .statusCode(200).extract().path("collect { it.mode + ':' + it.action }");
        assertEquals(List.of("listen:START", "whisper:SWITCH", "barge:SWITCH", "barge:END"), audit);
    }
}
