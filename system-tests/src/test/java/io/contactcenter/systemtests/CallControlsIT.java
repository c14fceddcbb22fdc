package io.contactcenter.systemtests;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.LegView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Routing's call controls (issue 29) through the simulator, whose audio model says who hears whom: a cold transfer
 * to another department ends in one survey naming both agents, and the desk's hold, resume and cold transfer in
 * headless Chromium. One contact center for all; each test has its own departments, agents and caller, so the tests
 * are independent of each other and of their order. (Warm transfers, monitoring and recording are not built in
 * routing yet: issue 29 stays open.)
 */
class CallControlsIT {

    private static final String PASSWORD = "controls-test-password";
    private static final Duration WAIT = Duration.ofSeconds(45);

    private static ContactCenter center;
    private static String support;
    private static String returns;
    private static final Map<String, String> ids = new java.util.concurrent.ConcurrentHashMap<>();
    /** Sign-in tokens by name (15 minutes: longer than the class runs). */
    private static final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        center = new ContactCenter();
        center.simulator.timeFactor(4);
        String sales = center.department(1, "Sales", 30, 120, 20);
        support = center.department(2, "Support", 30, 120, 20);
        String orders = center.department(6, "Orders", 30, 120, 20);
        returns = center.department(7, "Returns", 30, 120, 20);
        agent("Ann", "447700900721", sales);
        agent("Bob", "447700900722", support);
        agent("Gus", "447700900727", orders);
        agent("Hal", "447700900728", returns);
        center.awaitMenu(4);
    }

    @AfterAll
    static void stop() {
        if (center != null) {
            center.close();
        }
    }

    /** Ann hands the caller to Support cold; Bob answers, talks, hangs up; the one survey names Ann then Bob. */
    @Test
    void coldTransferToAnotherDepartmentEndsInOneSurveyForBothAgents() {
        center.simulator.register(AgentEndpoint.answering("phone", "447700900722", 1, 20.0));
        String call = dial("447700900701", "1", CallerStep.pressWhenHeard("1 to 5", "5"));
        awaitAnswered(call, "Ann");
        LegView ann = legTo("447700900721");

        transfer(call, "Ann", Map.of("kind", "cold", "target", Map.of("type", "department", "departmentId", support)))
                .body("kind", equalTo("cold"));
        awaitAnswered(call, "Bob");
        center.simulator.awaitStatus(ann.uuid(), WAIT, "completed");
        LegView bob = legTo("447700900722");
        assertEquals(List.of(bob.uuid()), center.simulator.say(call, "I need a refund"), "the caller talks with Bob");

        SurveyResult result = await().atMost(WAIT).until(() -> center.surveyResults.forKey(call).stream()
                .findFirst().orElse(null), r -> r != null);
        center.settle(call);
        assertEquals(1, center.surveyResults.forKey(call).size(), "one survey for the transferred call");
        assertEquals(5, result.score());
        assertEquals(ids.get("Bob"), result.agentId(), "the last agent");
        assertEquals(List.of(ids.get("Ann"), ids.get("Bob")), result.agentIds(), "every agent, in order");
    }

    /** Gus holds and resumes from the desk, then transfers the caller cold to Returns; Hal answers. */
    @Test
    void theDeskHoldsAndTransfers() throws Exception {
        try (DeskPage desk = new DeskPage(center.directory.url())) {
            desk.signIn("Gus", PASSWORD);
            desk.status("AVAILABLE");
            String call = dial("447700900705", "6");
            desk.awaitState("ON_CALL");
            LegView gus = legTo("447700900727");
            desk.press("hold");
            desk.awaitText("hold", "Resume");
            desk.awaitText("call-status", "On hold");
            assertEquals(List.of(), center.simulator.say(call, "is anyone there?"), "on hold: out of the conversation");
            desk.press("hold");
            desk.awaitText("hold", "Hold");
            awaitSay(call, "I am back", List.of(gus.uuid()));

            desk.fill("transfer-type", "department");
            desk.awaitTrue("document.querySelector('#transfer-department option[value=\"" + returns + "\"]')");
            desk.fill("transfer-department", returns);
            desk.fill("transfer-kind", "cold");
            desk.press("transfer");
            awaitAnswered(call, "Hal");
            desk.awaitState("WRAP_UP");
            assertEquals(List.of(legTo("447700900728").uuid()), center.simulator.say(call, "hello Hal"));
            center.simulator.hangup(call);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void agent(String name, String phone, String department) {
        ids.put(name, center.agentWithPassword(name, PASSWORD, "phone", phone, department));
        center.simulator.register(AgentEndpoint.answering("phone", phone, 1, null));
    }

    private static void status(String name, String status) {
        center.admin().body(Map.of("status", status)).put("/agents/" + ids.get(name) + "/status").then().statusCode(200);
    }

    private static String token(String name) {
        return tokens.computeIfAbsent(name, CallControlsIT::signIn);
    }

    private static String signIn(String name) {
        return io.restassured.RestAssured.given().baseUri(center.directory.url())
                .contentType(io.restassured.http.ContentType.JSON).body(Map.of("name", name, "password", PASSWORD))
                .post("/auth/sign-in").then()
                .statusCode(200).extract().path("token");
    }

    private static String dial(String from, String digit, CallerStep... more) {
        List<CallerStep> steps = new java.util.ArrayList<>(List.of(CallerStep.pressWhenHeard("press " + digit, digit)));
        steps.addAll(List.of(more));
        return center.simulator.dial(from, steps.toArray(CallerStep[]::new)).callId();
    }

    private static void awaitAnswered(String call, String agent) {
        await().atMost(WAIT).until(() -> center.assignments.forKey(call).stream().anyMatch(a ->
                a.outcome() == AssignmentOutcome.ANSWERED && ids.get(agent).equals(a.agentId())));
    }

    /** The newest answered leg to that phone number. */
    private static LegView legTo(String number) {
        return await().atMost(WAIT).until(() -> center.simulator.calls().stream()
                .filter(l -> l.to().endsWith(number) && "answered".equals(l.status())).findFirst().orElse(null),
                l -> l != null);
    }

    /** Says the text until exactly these legs hear it (a mode switch takes a moment to reach the simulator). */
    private static void awaitSay(String leg, String text, List<String> heardBy) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> Set.copyOf(center.simulator.say(leg, text)).equals(Set.copyOf(heardBy)));
    }

    private static io.restassured.response.ValidatableResponse transfer(String call, String agent, Map<String, ?> body) {
        return center.routing(token(agent)).header("Idempotency-Key", "transfer-" + call).body(body)
                .post("/calls/" + call + "/transfers").then().statusCode(202);
    }
}
