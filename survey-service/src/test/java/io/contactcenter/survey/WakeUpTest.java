package io.contactcenter.survey;

import static io.contactcenter.survey.support.Calls.agentStatus;
import static io.contactcenter.survey.support.Calls.assignment;
import static io.contactcenter.survey.support.Calls.callerStatus;
import static io.contactcenter.survey.support.Calls.newId;
import static io.contactcenter.survey.support.Calls.surveyInput;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallStatus;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.survey.support.Calls;
import io.contactcenter.survey.support.Results;
import io.contactcenter.survey.support.Stubs;
import io.contactcenter.survey.support.StubsResource;
import io.contactcenter.survey.support.TestCall;
import io.contactcenter.survey.support.TestDb;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the idle poll intervals at an hour, the survey is still offered and its result published: the transfer and
 * publishing loops run because the committed work wakes them, not because a timer comes round.
 */
@QuarkusTest
@TestProfile(WakeUpTest.NoPolling.class)
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "survey"))
@WithTestResource(StubsResource.class)
class WakeUpTest {

    public static class NoPolling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("survey.transfer.poll-interval", "1h", "survey.publish.poll-interval", "1h");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    TestDb db;

    @Test
    void transferAndResultFollowTheEventsWithoutPolling() {
        TestCall c = TestCall.answered(true);
        Calls.event(agentStatus(c.callId(), c.agentLegId(), c.agentId(), CallStatus.ANSWERED));
        Calls.event(agentStatus(c.callId(), c.agentLegId(), c.agentId(), CallStatus.COMPLETED));
        Calls.completed(c.callId(), c.department(), c.agentId(), c.agentLegId());
        await().atMost(WAIT).until(() -> "OFFERED".equals(db.surveyState(c.callId())));

        Calls.event(surveyInput(c.callId(), "4", false, 1, "ANSWERED"));
        await().atMost(WAIT).until(() -> Results.shared().forCall(c.callId()).size() == 1);
        assertEquals(4, Results.shared().forCall(c.callId()).get(0).value().score());
    }
}
