package io.contactcenter.systemtests;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.AgentActivity;
import io.contactcenter.events.AgentActivityKind;
import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.Topics;
import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.DialResponse;
import io.contactcenter.simulator.client.LegView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent desk in headless Chromium against the packaged services and the simulator (the desk's phone is the
 * simulator's desk API): an in-app agent takes a call end to end, a phone agent gets the screen pop, an in-app agent
 * dials out, and a declined call fails over. One contact center for all four; each has its own department (digit),
 * agents and caller number, so the methods are independent of each other and of their order.
 */
class DeskIT {

    private static final String PASSWORD = "desk-test-password";
    private static final Path SCREENSHOT = Screenshots.of("desk.png");

    private static ContactCenter center;
    private static TopicRecorder<AgentActivity> activity;
    private static String sales;
    private static String ann;
    private static String support;
    private static String pat;
    private static String otto;
    private static String orders;
    private static String claims;
    private static String dee;
    private static String fay;

    @BeforeAll
    static void start() throws Exception {
        center = new ContactCenter();
        center.simulator.timeFactor(4);
        activity = center.record(Topics.AGENT_ACTIVITY, AgentActivity.class);
        sales = center.department(1, "Sales", 60, 120, 60);
        support = center.department(2, "Support", 60, 120, 60);
        claims = center.department(3, "Claims", 60, 120, 60);
        orders = center.department(4, "Orders", 60, 120, 60);
        for (String department : List.of(sales, support, claims, orders)) {
            center.dispositions(department, Map.of("SALE", "Sale made", "INFO", "Information only"));
        }
        ann = center.agentWithPassword("Ann", PASSWORD, "app", "desk-ann", sales);
        pat = center.agentWithPassword("Pat", PASSWORD, "phone", "447700900611", support);
        center.simulator.register(AgentEndpoint.answering("phone", "447700900611", 8, 8.0));
        otto = center.agentWithPassword("Otto", PASSWORD, "app", "desk-otto", orders);
        dee = center.agentWithPassword("Dee", PASSWORD, "app", "desk-dee", claims);
        fay = center.agent("Fay", "phone", "447700900633", claims);
        center.simulator.register(AgentEndpoint.answering("phone", "447700900633", 2, 8.0));
        status(fay, "AWAY");
        center.awaitMenu(4);
    }

    @AfterAll
    static void stop() {
        if (center != null) {
            center.close();
        }
    }

    /** Ann (in-app) rings on her desk, answers, mutes, hangs up, records the disposition, and is ready again. */
    @Test
    void inAppAgentTakesACallOnTheDeskAndRecordsItsDisposition() throws Exception {
        try (DeskPage desk = availableDesk("ann", "desk-ann")) {
            DialResponse call = center.simulator.dial("447700900601", CallerStep.pressWhenHeard("press 1", "1"));

            desk.awaitState("RESERVED");
            desk.awaitText("offer-department", "Sales");
            desk.awaitText("offer-caller", "601");
            assertEquals("1", desk.text("offer-attempt"));
            desk.awaitTrue("!document.getElementById('answer').hidden");
            desk.screenshot(SCREENSHOT);
            desk.press("answer");
            desk.awaitState("ON_CALL");
            LegView leg = agentLeg("desk-ann", call.callId());
            assertEquals("answered", center.simulator.call(leg.uuid()).status());
            desk.press("mute");
            desk.awaitText("mute", "Unmute");
            assertTrue(center.simulator.call(leg.uuid()).muted(), "muted through the desk");
            desk.press("hangup");

            desk.awaitState("WRAP_UP");
            assertEquals("completed", center.simulator.awaitStatus(leg.uuid(), DeskPage.WAIT, "completed").status());
            desk.dispose("SALE", "wants the blue one");
            center.admin().get("/agents/" + ann + "/dispositions").then().statusCode(200)
                    .body("find { it.callId == '" + call.callId() + "' }.code", equalTo("SALE"));
            await().atMost(DeskPage.WAIT).until(() -> activity.forKey(ann).stream().anyMatch(a ->
                    a.kind() == AgentActivityKind.DISPOSITION && call.callId().equals(a.callId())
                            && "SALE".equals(a.disposition())));
            desk.press("ready");
            desk.awaitState("IDLE");
            assertEquals("AVAILABLE", agentStatus(ann));
            desk.awaitText("today-calls", "1");
            System.out.printf("desk in-app: call %s rang Ann's desk, answered, muted, hung up, disposed SALE%n",
                    call.callId());
        }
    }

    /** Pat's phone rings (the simulator answers it); the desk shows who it is, with no call buttons. */
    @Test
    void phoneAgentGetsTheScreenPopAndDisposesOnTheDesk() throws Exception {
        try (DeskPage desk = availableDesk("Pat", null)) {
            DialResponse call = center.simulator.dial("447700900602", CallerStep.pressWhenHeard("press 2", "2"));

            desk.awaitState("RESERVED");
            desk.awaitText("offer-department", "Support");
            desk.awaitText("offer-caller", "602");
            assertFalse(desk.shown("answer"), "a phone agent answers on the phone");
            assertFalse(desk.shown("dial-form"), "a phone agent dials from the phone");
            desk.awaitState("ON_CALL");
            desk.awaitState("WRAP_UP");
            desk.dispose("INFO", "");
            center.admin().get("/agents/" + pat + "/dispositions").then().statusCode(200)
                    .body("find { it.callId == '" + call.callId() + "' }.code", equalTo("INFO"));
            desk.press("ready");
            desk.awaitState("IDLE");
            System.out.printf("desk phone agent: call %s popped on Pat's desk, disposed INFO%n", call.callId());
        }
    }

    /** Otto (in-app) dials: a number outside the prefixes is refused with a reason; an allowed one connects. */
    @Test
    void inAppAgentDialsOutFromTheDialPad() throws Exception {
        try (DeskPage desk = availableDesk("otto", "desk-otto")) {
            desk.dial("33123456789");
            desk.awaitText("dial-message", "Not allowed");

            desk.dial("+447700900622");
            desk.awaitState("ON_CALL");
            desk.awaitText("state-detail", "447700900622");
            LegView outbound = center.simulator.calls().stream()
                    .filter(l -> "app".equals(l.fromType()) && "desk-otto".equals(l.from())).findFirst().orElseThrow();
            assertEquals("447700900622", outbound.to());
            await().atMost(DeskPage.WAIT).until(() -> center.simulator.calls().stream()
                    .anyMatch(l -> "447700900622".equals(l.to()) && "phone".equals(l.toType())
                            && "answered".equals(l.status())));
            desk.press("hangup");
            assertEquals("completed", center.simulator.awaitStatus(outbound.uuid(), DeskPage.WAIT, "completed").status());
            desk.awaitTrue("['WRAP_UP', 'IDLE'].includes(document.getElementById('state').dataset.state)");
            System.out.printf("desk outbound: Otto's call %s to 447700900622 connected and ended%n", outbound.uuid());
        }
    }

    /** Dee declines: routing offers the call to Fay at once, who answers. */
    @Test
    void declineFailsOverToTheNextAgent() throws Exception {
        try (DeskPage desk = availableDesk("Dee", "desk-dee")) {
            status(fay, "AVAILABLE");
            DialResponse call = center.simulator.dial("447700900603", CallerStep.pressWhenHeard("press 3", "3"));

            desk.awaitState("RESERVED");
            desk.awaitText("offer-department", "Claims");
            long declinedAt = System.currentTimeMillis();
            desk.press("decline");
            LegView deeLeg = center.simulator.awaitStatus(agentLeg("desk-dee", call.callId()).uuid(), DeskPage.WAIT,
                    "rejected");
            assertEquals("rejected", deeLeg.status());
            await().atMost(DeskPage.WAIT).until(() -> outcome(call.callId(), fay).isPresent());
            List<Assignment> steps = center.assignments.forKey(call.callId());
            assertTrue(steps.stream().anyMatch(a -> dee.equals(a.agentId()) && a.outcome() == AssignmentOutcome.NO_ANSWER),
                    steps.toString());
            await().atMost(DeskPage.WAIT).until(() -> outcome(call.callId(), fay)
                    .filter(o -> o == AssignmentOutcome.ANSWERED).isPresent());
            long failoverMillis = System.currentTimeMillis() - declinedAt;
            assertTrue(failoverMillis < 30_000, "failed over at once, not after the ringing timer: " + failoverMillis + " ms");
            desk.awaitTrue("document.getElementById('state').dataset.state !== 'RESERVED'");
            System.out.printf("desk decline: call %s declined by Dee, answered by Fay %d ms later%n", call.callId(),
                    failoverMillis);
        }
    }

    private static Optional<AssignmentOutcome> outcome(String callId, String agentId) {
        return center.assignments.forKey(callId).stream().filter(a -> agentId.equals(a.agentId()))
                .map(Assignment::outcome).filter(o -> o == AssignmentOutcome.ANSWERED || o == AssignmentOutcome.RINGING)
                .reduce((first, second) -> second);
    }

    /**
     * The desk of agent {@code name}, signed in and Available; for an in-app agent ({@code deskUser}) once its phone
     * listens.
     */
    private static DeskPage availableDesk(String name, String deskUser) throws Exception {
        DeskPage desk = new DeskPage(center.directory.url());
        try {
            desk.signIn(name, PASSWORD);
            desk.status("AVAILABLE");
            if (deskUser != null) {
                awaitDeskPhone(deskUser);
            }
            return desk;
        } catch (Exception | AssertionError e) {
            desk.close();
            throw e;
        }
    }

    /** The desk's simulator phone is listening: the user's legs ring until the desk decides. */
    private static void awaitDeskPhone(String user) {
        await().atMost(DeskPage.WAIT).until(() -> center.simulator.endpoints().stream()
                .anyMatch(e -> "app".equals(e.type()) && user.equals(e.value()) && "manual".equals(e.behaviour())));
    }

    /** The agent leg routing created to the in-app user for this call. */
    private static LegView agentLeg(String user, String callId) {
        await().atMost(DeskPage.WAIT).until(() -> center.simulator.calls().stream()
                .anyMatch(l -> "app".equals(l.toType()) && user.equals(l.to())));
        return center.simulator.calls().stream().filter(l -> "app".equals(l.toType()) && user.equals(l.to()))
                .findFirst().orElseThrow(() -> new AssertionError("no leg to " + user + " for " + callId));
    }

    private static void status(String agentId, String status) {
        center.admin().body(Map.of("status", status)).put("/agents/" + agentId + "/status").then().statusCode(200);
    }

    private static String agentStatus(String agentId) {
        return center.admin().get("/agents/" + agentId).then().statusCode(200).extract().path("status");
    }
}
