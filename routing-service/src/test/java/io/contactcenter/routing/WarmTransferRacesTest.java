package io.contactcenter.routing;

import static io.contactcenter.routing.ControlsTest.as;
import static io.contactcenter.routing.ControlsTest.connectedCall;
import static io.contactcenter.routing.ControlsTest.monitorBody;
import static io.contactcenter.routing.ControlsTest.monitorConversation;
import static io.contactcenter.routing.ControlsTest.supervisor;
import static io.contactcenter.routing.ControlsTest.transferState;
import static io.contactcenter.routing.ControlsTest.transfersOf;
import static io.contactcenter.routing.ControlsTest.warmTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallStatus;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.routing.service.CallEventService;
import io.contactcenter.routing.service.TransferSweep;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The races around a warm transfer (issue 29): a supervisor monitoring while the agents consult and after the call
 * changed hands (a whisper follows the call to the new agent), two warm transfers asked at once, and transfers left
 * in progress by lost events or a crash, settled by {@link TransferSweep}. (The caller hanging up and the target
 * declining during a warm transfer are in {@link ControlsTest}.)
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class WarmTransferRacesTest {

    private final Bus bus = Bus.get();

    @Inject
    DataSource dataSource;

    @Inject
    TransferSweep sweep;

    @Inject
    CallEventService callEvents;

    @Inject
    Scheduler scheduler;

    /** Only the tests' own runs of the sweep check transfers (a scheduled run could take a due one first). */
    @BeforeEach
    void pauseTheScheduledSweep() {
        scheduler.pause("routing-transfer-sweep");
    }

    @AfterEach
    void resumeTheScheduledSweep() {
        scheduler.resume("routing-transfer-sweep");
    }

    static List<?> canSpeak(VonageStub.Create monitorLeg) {
        return Bus.JSON.convertValue(monitorConversation(monitorLeg).path("canSpeak"), List.class);
    }

    @Test
    void aSupervisorBargesInWhileTheAgentsConsultTheirWhisperFollowsTheNewAgentWhoHangsUpWhileTheyListen() {
        String[] call = connectedCall();
        String callId = call[0];
        String second = Scenario.phoneAgent(call[3])[0];
        String sup = "sup-" + Scenario.id();
        String monitors = "/calls/" + callId + "/monitors";
        String transfers = "/calls/" + callId + "/transfers";

        String monitorId = as(sup, "supervisor").contentType("application/json").body(monitorBody("whisper"))
                .post(monitors).then().statusCode(201).extract().path("monitorId");
        VonageStub.Create monitor = Scenario.awaitLeg(callId, 2);
        assertEquals(List.of(call[2]), canSpeak(monitor));

        String transferId = as(call[1], "agent").contentType("application/json").body(warmTo("agent", second))
                .post(transfers).then().statusCode(202).extract().path("transferId");
        VonageStub.Create target = Scenario.awaitLeg(callId, 3);
        bus.agentEvent(callId, target.legId(), second, CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "CONSULTING".equals(transferState(callId)));

        // barging in while the agents consult: the supervisor stays in the caller's conversation, heard by all in it
        // (the two agents; the caller holds outside it), and the transfer goes on
        as(sup, "supervisor").contentType("application/json").body("{\"mode\":\"barge\"}")
                .put(monitors + "/" + monitorId).then().statusCode(200);
        assertTrue(monitorConversation(monitor).path("canSpeak").isMissingNode(), "barge: everyone hears them");
        supervisor().get("/calls/" + callId).then().body("transfer.state", equalTo("CONSULTING"))
                .body("monitors[0].mode", equalTo("barge"));
        // whispering again: to the first agent, who still has the call
        as(sup, "supervisor").contentType("application/json").body("{\"mode\":\"whisper\"}")
                .put(monitors + "/" + monitorId).then().statusCode(200);
        assertEquals(List.of(call[2]), canSpeak(monitor));
        int moves = transfersOf(monitor.legId()).size();

        as(call[1], "agent").post(transfers + "/" + transferId + "/complete").then().statusCode(200);
        // the whisper follows the call: only the new agent hears the supervisor now
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(monitor.legId()).size() == moves + 1);
        assertEquals(List.of(target.legId()), canSpeak(monitor));
        assertEquals("cc-" + callId, monitorConversation(monitor).path("name").asText());
        as(second, "agent").get("/calls/" + callId).then().statusCode(200).body("monitors[0].mode",
                equalTo("whisper"));

        // the supervisor listens; the agent hangs up: the call ends as usual, and the monitor with it
        as(sup, "supervisor").contentType("application/json").body("{\"mode\":\"listen\"}")
                .put(monitors + "/" + monitorId).then().statusCode(200);
        assertEquals(List.of(), canSpeak(monitor));
        bus.agentEvent(callId, target.legId(), second, CallStatus.COMPLETED, Map.of("duration", "5"));
        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.modifiesOf(monitor.legId()).stream()
                .anyMatch(m -> m.action().equals("hangup")));
        supervisor().get("/monitoring/audit?callId=" + callId).then().statusCode(200)
                .body("action", equalTo(List.of("START", "SWITCH", "SWITCH", "SWITCH", "END")))
                .body("mode", equalTo(List.of("whisper", "barge", "whisper", "listen", "listen")));
        Scenario.awaitOutcomes(callId, AssignmentOutcome.RINGING, AssignmentOutcome.ANSWERED,
                AssignmentOutcome.TRANSFER_STARTED, AssignmentOutcome.TRANSFERRED, AssignmentOutcome.ANSWERED,
                AssignmentOutcome.COMPLETED);
        assertEquals(List.of(call[1], second), bus.last(callId, AssignmentOutcome.COMPLETED).orElseThrow().agentIds());
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }

    /**
     * A supervisor switches to whisper while the warm transfer completes: the whisper's move to the first agent reaches
     * Vonage after the transfer's move to the new agent. The whisper still ends up with the new agent.
     */
    @Test
    void aSwitchToWhisperRacingTheTransfersCompletionEndsWithTheNewAgent() throws Exception {
        String[] call = connectedCall();
        String callId = call[0];
        String second = Scenario.phoneAgent(call[3])[0];
        String sup = "sup-" + Scenario.id();
        String monitors = "/calls/" + callId + "/monitors";
        String monitorId = as(sup, "supervisor").contentType("application/json").body(monitorBody("listen"))
                .post(monitors).then().statusCode(201).extract().path("monitorId");
        VonageStub.Create monitor = Scenario.awaitLeg(callId, 2);
        String transferId = as(call[1], "agent").contentType("application/json").body(warmTo("agent", second))
                .post("/calls/" + callId + "/transfers").then().statusCode(202).extract().path("transferId");
        VonageStub.Create target = Scenario.awaitLeg(callId, 3);
        bus.agentEvent(callId, target.legId(), second, CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "CONSULTING".equals(transferState(callId)));

        CountDownLatch switching = new CountDownLatch(1);
        CountDownLatch followed = new CountDownLatch(1);
        VonageStub.beforeAnswering(monitor.legId(), () -> {
            switching.countDown();
            awaitQuietly(followed); // well within routing's Vonage timeout (2 s in tests)
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> switched = pool.submit(() -> as(sup, "supervisor").contentType("application/json")
                    .body("{\"mode\":\"whisper\"}").put(monitors + "/" + monitorId).statusCode());
            assertTrue(switching.await(10, TimeUnit.SECONDS), "the switch moves the supervisor's leg");
            int moves = transfersOf(monitor.legId()).size();
            as(call[1], "agent").post("/calls/" + callId + "/transfers/" + transferId + "/complete").then()
                    .statusCode(200);
            // the transfer's move (to the new agent) reaches Vonage while the switch's move is still on its way
            await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(monitor.legId()).size() == moves + 1);
            assertEquals(List.of(target.legId()), canSpeak(monitor));
            followed.countDown();
            assertEquals(200, switched.get(10, TimeUnit.SECONDS));
        } finally {
            followed.countDown();
            pool.shutdown();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> List.of(target.legId()).equals(canSpeak(monitor)));
        ControlsTest.callerHangsUp(callId);
    }

    @Test
    void twoWarmTransfersAskedAtOnceOneWinsTheOtherIsRefusedAndItsClaimedAgentFreed() throws Exception {
        String[] call = connectedCall();
        String callId = call[0];
        String target = Scenario.department(60, 3);
        List<String> agents = List.of(Scenario.phoneAgent(target)[0], Scenario.phoneAgent(target)[0]);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Integer>> requests = List.of(
                    () -> as(call[1], "agent").contentType("application/json").body(warmTo("department", target))
                            .post("/calls/" + callId + "/transfers").statusCode(),
                    () -> supervisor().contentType("application/json").body(warmTo("department", target))
                            .post("/calls/" + callId + "/transfers").statusCode());
            for (Future<Integer> answer : pool.invokeAll(requests)) {
                statuses.add(answer.get());
            }
        } finally {
            pool.shutdown();
        }
        statuses.sort(null);
        assertEquals(List.of(202, 409), statuses);

        // one target leg; the agent the losing request claimed (if it got that far) is free again
        VonageStub.Create leg = Scenario.awaitLeg(callId, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> agents.stream()
                .filter(agent -> "IDLE".equals(DirectoryStub.agentState(agent))).count() == 1);
        assertEquals(2, VonageStub.createsFor(callId).size());
        assertEquals(1, bus.outcomes(callId).stream().filter(o -> o == AssignmentOutcome.TRANSFER_STARTED).count());
        assertTrue(leg.eventUrl().contains("&agent="), leg.eventUrl());
        ControlsTest.callerHangsUp(callId);
        await().atMost(Duration.ofSeconds(10)).until(() -> agents.stream()
                .allMatch(agent -> "IDLE".equals(DirectoryStub.agentState(agent))));
    }

    @Test
    void theSameWarmTransferSentTwiceAtOnceMakesOneTransferAndKeepsItsAgent() throws Exception {
        String[] call = connectedCall();
        String callId = call[0];
        String second = Scenario.phoneAgent(call[3])[0];
        String key = Scenario.id();
        Callable<String> request = () -> as(call[1], "agent").header("Idempotency-Key", key)
                .contentType("application/json").body(warmTo("agent", second))
                .post("/calls/" + callId + "/transfers").then().statusCode(202).extract().asString();
        // both requests pass their checks and claim (the same agent, idempotently) before either transfers
        DirectoryStub.claimDelay(Duration.ofMillis(500));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> answers = new ArrayList<>();
        int claimsAtOnce;
        try {
            for (Future<String> answer : pool.invokeAll(List.of(request, request))) {
                answers.add(answer.get());
            }
            claimsAtOnce = DirectoryStub.mostClaimsInFlight();
        } finally {
            pool.shutdown();
            DirectoryStub.claimDelay(Duration.ZERO);
        }
        assertEquals(2, claimsAtOnce);
        assertEquals(answers.get(0), answers.get(1));

        // one transfer, its target leg ringing; the agent stays claimed for it: the retry released nothing
        Scenario.awaitLeg(callId, 2);
        assertEquals(1, bus.outcomes(callId).stream().filter(o -> o == AssignmentOutcome.TRANSFER_STARTED).count());
        assertEquals("RESERVED", DirectoryStub.agentState(second));
        assertEquals(List.of(), DirectoryStub.requests("POST", "/assignments/" + callId + "/release"));
        ControlsTest.callerHangsUp(callId);
        await().atMost(Duration.ofSeconds(10)).until(() -> "IDLE".equals(DirectoryStub.agentState(second)));
    }

    /**
     * The target answers while the sweep asks Vonage about its leg, which Vonage still reports ringing: the transfer
     * is CONSULTING, and the sweep's answer, read before, is not applied to it (it would give the transfer up).
     */
    @Test
    void theTargetAnsweringWhileTheSweepAsksVonageKeepsTheTransfer() throws Exception {
        String[] call = connectedCall();
        String callId = call[0];
        String second = Scenario.phoneAgent(call[3])[0];
        as(call[1], "agent").contentType("application/json").body(warmTo("agent", second))
                .post("/calls/" + callId + "/transfers").then().statusCode(202);
        VonageStub.Create target = Scenario.awaitLeg(callId, 2);
        VonageStub.legStatus(target.legId(), "ringing");
        CountDownLatch asking = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(1);
        VonageStub.beforeAnswering(target.legId(), () -> {
            asking.countDown();
            awaitQuietly(answered); // well within routing's Vonage timeout (2 s in tests)
        });
        checkDue(callId);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> checked = pool.submit(sweep::runOnce);
            assertTrue(asking.await(10, TimeUnit.SECONDS), "the sweep asks Vonage about the target leg");
            // the target's answered event is applied meanwhile (straight, not through Kafka: no delay)
            callEvents.onCallEvent(new CallEvent(Scenario.id(), CallEvent.VERSION, callId, target.legId(),
                    Role.AGENT, second, EventKind.STATUS, CallStatus.ANSWERED, null, null, "447700900100",
                    "447700900001", "CON-" + callId, null, Instant.now(), Instant.now(), null));
            answered.countDown();
            assertEquals(1, checked.get(10, TimeUnit.SECONDS));
        } finally {
            answered.countDown();
            pool.shutdown();
        }
        assertEquals("CONSULTING", transferState(callId));
        ControlsTest.callerHangsUp(callId);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(1500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Makes the call's transfer in progress due for its check now, as if its time had passed. */
    private void checkDue(String callId) {
        assertEquals(1, Db.update(dataSource, "update routing.call_transfer set check_at = now() - interval '1 second'"
                + " where call_id = ? and state in ('RINGING', 'CONSULTING')", callId));
    }

    @Test
    void aWarmTransferLeftRingingOrConsultingIsSettledAsFailedTheCallerBackWithTheFirstAgent() {
        String[] call = connectedCall();
        String callId = call[0];
        String second = Scenario.phoneAgent(call[3])[0];
        String transfers = "/calls/" + callId + "/transfers";

        // 1. the target leg's events are lost; Vonage says it still rings: given up, hung up, the caller back
        as(call[1], "agent").contentType("application/json").body(warmTo("agent", second)).post(transfers).then()
                .statusCode(202);
        VonageStub.Create ringing = Scenario.awaitLeg(callId, 2);
        assertEquals(1, Db.count(dataSource, "select count(*) from routing.call_transfer where call_id = ?"
                + " and check_at > now() + interval '20 seconds'", callId), "due after ringing timeout + grace");
        VonageStub.legStatus(ringing.legId(), "ringing");
        checkDue(callId);
        sweep.runOnce();
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.last(callId, AssignmentOutcome.TRANSFER_FAILED)
                .isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.modifiesOf(ringing.legId()).stream()
                .anyMatch(m -> m.action().equals("hangup")));
        await().atMost(Duration.ofSeconds(10)).until(() -> "IDLE".equals(DirectoryStub.agentState(second)));
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(callId).size() == 2);
        assertEquals("cc-" + callId, transfersOf(callId).get(1).path(0).path("name").asText());
        as(call[1], "agent").get("/calls/" + callId).then().body("agentId", equalTo(call[1]))
                .body("onHold", equalTo(false)).body("transfer", nullValue());

        // 2. consulting, Vonage says the target's leg is up: left alone; once it ended (its event lost): FAILED
        as(call[1], "agent").contentType("application/json").body(warmTo("agent", second)).post(transfers).then()
                .statusCode(202);
        VonageStub.Create consulted = Scenario.awaitLeg(callId, 3);
        bus.agentEvent(callId, consulted.legId(), second, CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "CONSULTING".equals(transferState(callId)));
        checkDue(callId);
        assertEquals(1, sweep.runOnce(), "checked by this run (the scheduled one is paused)");
        assertEquals("CONSULTING", transferState(callId));
        assertTrue(VonageStub.detailReads().contains(consulted.legId()));
        assertEquals(1, Db.count(dataSource, "select count(*) from routing.call_transfer where call_id = ?"
                + " and state = 'CONSULTING' and check_at > now() + interval '15 seconds'", callId),
                "checked again after the ringing timeout + grace, not merely leased");
        VonageStub.legStatus(consulted.legId(), "completed");
        checkDue(callId);
        sweep.runOnce();
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.outcomes(callId).stream()
                .filter(o -> o == AssignmentOutcome.TRANSFER_FAILED).count() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(callId).size() == 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> "IDLE".equals(DirectoryStub.agentState(second)));

        // 3. routing stopped between the transfer's commit and its target leg's creation (no leg stored): FAILED
        // unasked
        as(call[1], "agent").contentType("application/json").body(warmTo("agent", second)).post(transfers).then()
                .statusCode(202);
        Scenario.awaitLeg(callId, 4);
        assertEquals(1, Db.update(dataSource, "update routing.call_transfer set target_leg_id = null"
                + " where call_id = ? and state = 'RINGING'", callId));
        checkDue(callId);
        sweep.runOnce();
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.outcomes(callId).stream()
                .filter(o -> o == AssignmentOutcome.TRANSFER_FAILED).count() == 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> "IDLE".equals(DirectoryStub.agentState(second)));
        as(call[1], "agent").get("/calls/" + callId).then().body("agentId", equalTo(call[1]))
                .body("transfer", nullValue());

        ControlsTest.callerHangsUp(callId);
        assertEquals(List.of(call[1]), bus.last(callId, AssignmentOutcome.COMPLETED).orElseThrow().agentIds());
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }
}
