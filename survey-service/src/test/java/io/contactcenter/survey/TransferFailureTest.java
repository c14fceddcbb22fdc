package io.contactcenter.survey;

import static io.contactcenter.survey.support.Calls.agentStatus;
import static io.contactcenter.survey.support.Calls.assignment;
import static io.contactcenter.survey.support.Calls.callerStatus;
import static io.contactcenter.survey.support.Calls.newId;
import static io.contactcenter.survey.support.Calls.surveyInput;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.survey.support.Calls;
import io.contactcenter.survey.support.Results;
import io.contactcenter.survey.support.Stubs;
import io.contactcenter.survey.support.StubsResource;
import io.contactcenter.survey.support.TestDb;
import io.contactcenter.survey.support.VonageStub;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vonage refusing or failing the transfer. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "survey"))
@WithTestResource(StubsResource.class)
class TransferFailureTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestDb db;

    final VonageStub vonage = Stubs.shared().vonage;

    private String agentEndsCall(String call) {
        String department = newId();
        Stubs.shared().directory.department(department, true);
        String leg = newId();
        String agent = newId();
        Calls.event(callerStatus(call, CallStatus.ANSWERED, null));
        Calls.assignment(assignment(call, department, agent, leg, AssignmentOutcome.ANSWERED));
        Calls.event(agentStatus(call, leg, agent, CallStatus.COMPLETED));
        Calls.completed(call, department, agent, leg);
        return department;
    }

    @Test
    void serverErrorsAndRateLimitsAreRetriedUntilTheTransferSucceeds() {
        String call = newId();
        vonage.answer(call, 500, 429, 503);
        agentEndsCall(call);

        await().atMost(WAIT).until(() -> "OFFERED".equals(db.surveyState(call)));
        List<VonageStub.Request> attempts = vonage.requestsFor(call);
        assertEquals(List.of(500, 429, 503, 204), attempts.stream().map(VonageStub.Request::answeredWith).toList());
        assertTrue(attempts.stream().allMatch(VonageStub.Request::jwtValid));
        assertTrue(attempts.stream().allMatch(r -> r.body().equals(attempts.get(0).body())), "the same transfer each time");
        assertFalse(db.pendingTransfer(call)); // so no transfer can follow the successful one
        assertEquals(4, vonage.requestsFor(call).size(), "no transfer after the successful one");

        Calls.event(surveyInput(call, "5", false, 1, "ANSWERED"));
        await().atMost(WAIT).until(() -> Results.shared().forCall(call).size() == 1);
        assertEquals(5, Results.shared().forCall(call).get(0).value().score());
    }

    @Test
    void legGoneMeansTheCallerHungUp() {
        String call = newId();
        vonage.answer(call, 404);
        String department = agentEndsCall(call);

        await().atMost(WAIT).until(() -> Results.shared().forCall(call).size() == 1);
        SurveyResult result = Results.shared().forCall(call).get(0).value();
        assertEquals(SurveyStatus.CALLER_HUNG_UP, result.status());
        assertEquals(department, result.department());
        assertNull(result.offeredAt());
        assertEquals(1, vonage.requestsFor(call).size());
        assertFalse(db.pendingTransfer(call));
        assertEquals("DONE", db.surveyState(call));
    }

    /** A survey transfer that is given up leaves no caller alone: they hear the closing message and the call ends. */
    @Test
    void refusedTransferIsAskedOnceMoreAfterTheHangupGraceThenTheCallerIsClosed() {
        String call = newId();
        vonage.answer(call, 400, 400);
        agentEndsCall(call);

        await().atMost(WAIT).until(() -> "FAILED".equals(db.surveyState(call)) && !db.pendingTransfer(call));
        List<VonageStub.Request> requests = vonage.requestsFor(call);
        assertEquals(3, requests.size(), requests.toString());
        assertEquals(400, requests.get(1).answeredWith());
        assertEquals(StubsResource.CLOSING_NCCO, requests.get(2).body().at("/destination/ncco"), "closing message");
        assertEquals(204, requests.get(2).answeredWith());
        assertEquals(0, db.responses(call));
    }

    /** Vonage answers 400 for a leg that has just ended; the caller's completed event follows and settles it. */
    @Test
    void transferRefusedBecauseTheCallerJustHungUpRecordsCallerHungUp() {
        String call = newId();
        vonage.answer(call, 400);
        agentEndsCall(call);
        await().atMost(WAIT).until(() -> vonage.requestsFor(call).size() == 1);

        Calls.event(callerStatus(call, CallStatus.COMPLETED, null));

        await().atMost(WAIT).until(() -> Results.shared().forCall(call).size() == 1);
        assertEquals(SurveyStatus.CALLER_HUNG_UP, Results.shared().forCall(call).get(0).value().status());
        assertEquals(1, vonage.requestsFor(call).size());
    }

    @Test
    void callerHangingUpWhileTheTransferIsRetriedStopsTheRetries() {
        String call = newId();
        vonage.answer(call, 500, 500, 500, 500, 500, 500, 500, 500);
        agentEndsCall(call);
        await().atMost(WAIT).until(() -> vonage.requestsFor(call).size() >= 1);
        Calls.event(callerStatus(call, CallStatus.COMPLETED, null));

        await().atMost(WAIT).until(() -> Results.shared().forCall(call).size() == 1);
        assertEquals(SurveyStatus.CALLER_HUNG_UP, Results.shared().forCall(call).get(0).value().status());
        assertFalse(db.pendingTransfer(call));
        int attempts = vonage.requestsFor(call).size();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> vonage.requestsFor(call).size() == attempts);
    }
}
