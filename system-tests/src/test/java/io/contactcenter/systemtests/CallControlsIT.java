package io.contactcenter.systemtests;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.infra.ServiceProcess;
import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.LegView;
import io.contactcenter.simulator.client.TranscriptEntry;
import io.contactcenter.testsupport.HeadlessChromium;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Routing's call controls (issue 29) through the simulator, whose audio model says who hears whom: a cold transfer
 * to another department ends in one survey naming both agents; a warm transfer with its consultation and three-way
 * moment; a supervisor's listen → whisper → barge heard by exactly the right legs, in the audit log; a recorded
 * call's announcement before its recording, which supervisors find; and the desk's and the supervisor page's buttons
 * in headless Chromium. One contact center (and, for the supervisor page, a wallboard) for all; each test has its own
 * departments, agents and caller, so the tests are independent of each other and of their order. The tests needing
 * routing endpoints that were not committed when they were written are disabled, naming them.
 */
class CallControlsIT {

    private static final String PASSWORD = "controls-test-password";
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String SUPERVISOR_PHONE = "447700900729";

    private static ContactCenter center;
    private static ServiceProcess wallboard;
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
        String billing = center.department(3, "Billing", 30, 120, 20);
        String care = center.department(4, "Care", 30, 120, 20);
        String claims = center.department(5, "Claims", 30, 120, 20);
        center.admin().body(Map.of("digit", 5, "name", "Claims", "wrapUpSeconds", 30, "maxWaitSeconds", 120,
                "ringingTimeoutSeconds", 20, "recording", "on")).put("/departments/" + claims).then().statusCode(200);
        String orders = center.department(6, "Orders", 30, 120, 20);
        returns = center.department(7, "Returns", 30, 120, 20);
        String tech = center.department(8, "Tech", 30, 120, 20);
        agent("Ann", "447700900721", sales);
        agent("Bob", "447700900722", support);
        agent("Cat", "447700900723", billing);
        agent("Dan", "447700900724", billing);
        status("Dan", "AWAY"); // Cat takes the Billing call; Dan becomes available for the warm transfer
        agent("Eve", "447700900725", care);
        agent("Fay", "447700900726", claims);
        agent("Gus", "447700900727", orders);
        agent("Hal", "447700900728", returns);
        agent("Ivy", "447700900730", tech);
        String sue = center.agentWithPassword("Sue", PASSWORD, "phone", SUPERVISOR_PHONE, tech);
        center.admin().body(Map.of("name", "Sue", "departmentIds", List.of(tech), "endpoint",
                Map.of("type", "phone", "value", SUPERVISOR_PHONE), "status", "AWAY", "supervisor", true))
                .put("/agents/" + sue).then().statusCode(200);
        ids.put("Sue", sue);
        center.simulator.register(AgentEndpoint.answering("phone", SUPERVISOR_PHONE, 1, null));
        center.awaitMenu(8);
        // built before routing's controls were committed: skipped, not failed, on a routing without them
        Assumptions.assumeTrue(center.routing(token("Sue")).get("/calls/live").statusCode() != 404,
                "routing-service offers no call controls (GET /calls/live) yet");
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

    /** Cat consults Dan while the caller holds, completes: a three-way moment, then Cat leaves, Dan stays. */
    @Test
    @Disabled("needs routing's POST /calls/{id}/transfers/{transferId}/complete (not committed when this test was written; never run)")
    void warmTransferConsultsThenJoinsAllThree() {
        String call = dial("447700900702", "3");
        awaitAnswered(call, "Cat");
        LegView cat = legTo("447700900723");
        status("Dan", "AVAILABLE");
        String transferId = transfer(call, "Cat", Map.of("kind", "warm",
                "target", Map.of("type", "agent", "agentId", ids.get("Dan")))).extract().path("transferId");
        await().atMost(WAIT).until(() -> "CONSULTING".equals(callView(call, "Cat").get("transfer.state")));
        LegView dan = legTo("447700900724");

        // consulting: the agents hear each other, the caller (on hold) hears neither and nobody hears the caller
        assertEquals(List.of(dan.uuid()), center.simulator.say(cat.uuid(), "Dan, a billing question for you"));
        assertEquals(List.of(cat.uuid()), center.simulator.say(dan.uuid(), "put them through"));
        assertEquals(List.of(), center.simulator.say(call, "hello? still there?"));

        center.routing(token("Cat")).header("Idempotency-Key", "complete-" + transferId)
                .post("/calls/" + call + "/transfers/" + transferId + "/complete").then().statusCode(lessThan(300));
        center.simulator.awaitStatus(cat.uuid(), WAIT, "completed");
        assertEquals(List.of(dan.uuid()), center.simulator.say(call, "thanks Dan"), "the caller now talks with Dan");
        List<TranscriptEntry> transcript = center.simulator.transcript(call);
        assertTrue(transcript.stream().anyMatch(e -> "conversation-joined".equals(e.type()) && call.equals(e.legId())
                && members(e).containsAll(Set.of(call, cat.uuid(), dan.uuid()))),
                "a three-way moment: the caller rejoined with both agents in the conversation");
        center.simulator.hangup(call);
    }

    /** Sue listens, whispers, barges, stops: each heard by exactly the right legs, all in the audit log. */
    @Test
    @Disabled("needs routing's /calls/{id}/monitors and /monitoring/audit (not committed when this test was written; never run)")
    void listenWhisperBargeAreHeardByExactlyTheRightLegs() {
        String call = dial("447700900703", "4");
        awaitAnswered(call, "Eve");
        LegView eve = legTo("447700900725");
        String sue = token("Sue");
        String monitor = center.routing(sue).body(Map.of("mode", "listen",
                        "endpoint", Map.of("type", "phone", "number", "+" + SUPERVISOR_PHONE)))
                .post("/calls/" + call + "/monitors").then().statusCode(201).extract().path("monitorId");
        String sup = awaitLegInCall(SUPERVISOR_PHONE, call).uuid();

        assertEquals(Set.of(eve.uuid(), sup), Set.copyOf(center.simulator.say(call, "my parcel never came")));
        assertEquals(Set.of(call, sup), Set.copyOf(center.simulator.say(eve.uuid(), "let me look")));
        assertEquals(List.of(), center.simulator.say(sup, "(listening)"), "listen: nobody hears the supervisor");

        mode(sue, call, monitor, "whisper");
        awaitSay(sup, "ask for the order number", List.of(eve.uuid()));
        assertEquals(List.of(), center.simulator.heardFrom(call, sup), "whisper: the caller hears nothing of it");

        mode(sue, call, monitor, "barge");
        awaitSay(sup, "I am the supervisor, I can help", List.of(call, eve.uuid()));

        center.routing(sue).delete("/calls/" + call + "/monitors/" + monitor).then().statusCode(lessThan(300));
        center.simulator.awaitStatus(sup, WAIT, "completed");
        List<String> actions = center.routing(sue).queryParam("callId", call).get("/monitoring/audit").then()
                .statusCode(200).extract().path("collect { it.mode + ':' + it.action }");
        assertEquals(4, actions.size(), actions.toString());
        assertTrue(actions.get(0).startsWith("listen") && actions.get(1).startsWith("whisper")
                && actions.get(2).startsWith("barge"), actions.toString());
        center.simulator.hangup(call);
    }

    /** Claims records every call: the caller hears the announcement first, and supervisors find the recording. */
    @Test
    @Disabled("needs routing's recording and GET /recordings (not committed when this test was written; never run)")
    void aRecordedCallsAnnouncementPrecedesItsRecordingWhichIsListed() {
        String call = dial("447700900704", "5");
        awaitAnswered(call, "Fay");
        center.simulator.hangup(call);
        center.simulator.awaitStatus(call, WAIT, "completed");
        List<TranscriptEntry> transcript = center.simulator.transcript(call);
        long announced = transcript.stream().filter(e -> call.equals(e.legId()) && "heard".equals(e.type())
                && e.text().contains("recorded")).findFirst().orElseThrow(() -> new AssertionError("no announcement"))
                .seq();
        long recording = transcript.stream().filter(e -> "record".equals(e.type())
                && e.text().startsWith("recording started")).findFirst()
                .orElseThrow(() -> new AssertionError("no recording")).seq();
        assertTrue(announced < recording, "the announcement precedes the recording");
        await().atMost(WAIT).untilAsserted(() -> center.routing(token("Sue")).queryParam("callId", call)
                .get("/recordings").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].url", org.hamcrest.Matchers.containsString("/v1/files/")));
        center.routing(token("Fay")).get("/recordings").then().statusCode(403);
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

    /** Sue on the live-calls page: Listen, Whisper, Barge, Stop on Ivy's call, from her phone. */
    @Test
    @Disabled("needs routing's /calls/{id}/monitors (not committed when this test was written; never run)")
    void theSupervisorPageListensWhispersAndBarges() throws Exception {
        String call = dial("447700900706", "8");
        awaitAnswered(call, "Ivy");
        LegView ivy = legTo("447700900730");
        wallboard = wallboard == null ? center.startWallboard() : wallboard;
        try (HeadlessChromium page = HeadlessChromium.launch()) {
            page.navigate(center.wallboardUrl + "/wallboard/supervisor.html");
            page.waitFor("!document.getElementById('sign-in').hidden", WAIT);
            page.eval("document.querySelector('#sign-in [name=name]').value = 'Sue';"
                    + "document.querySelector('#sign-in [name=password]').value = '" + PASSWORD + "';"
                    + "document.querySelector('#sign-in button').click(); true");
            page.waitFor("document.querySelector('#calls tr[data-call=\"" + call + "\"]')", WAIT);
            page.eval("document.getElementById('endpoint-value').value = '" + SUPERVISOR_PHONE + "'");
            press(page, call, "listen");
            String sup = awaitLegInCall(SUPERVISOR_PHONE, call).uuid();
            awaitSay(call, "can you hear me", List.of(ivy.uuid(), sup));
            assertEquals(List.of(), center.simulator.say(sup, "(listening)"));
            page.waitFor(row(call) + ".querySelector('button[data-mode=\"listen\"]').getAttribute('aria-pressed') === 'true'", WAIT);
            press(page, call, "whisper");
            awaitSay(sup, "mention the warranty", List.of(ivy.uuid()));
            press(page, call, "barge");
            awaitSay(sup, "hello from the supervisor", List.of(call, ivy.uuid()));
            page.waitFor("!" + row(call) + ".querySelector('button[data-action=\"stop\"]').hidden", WAIT);
            page.eval(row(call) + ".querySelector('button[data-action=\"stop\"]').click()");
            center.simulator.awaitStatus(sup, WAIT, "completed");
            page.waitFor(row(call) + ".querySelector('button[data-action=\"stop\"]').hidden", WAIT);
        }
        center.simulator.hangup(call);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String row(String call) {
        return "document.querySelector('#calls tr[data-call=\"" + call + "\"]')";
    }

    private static void press(HeadlessChromium page, String call, String mode) throws Exception {
        page.waitFor(row(call) + " && !" + row(call) + ".querySelector('button[data-mode=\"" + mode + "\"]').disabled", WAIT);
        page.eval(row(call) + ".querySelector('button[data-mode=\"" + mode + "\"]').click()");
    }

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

    private static LegView awaitLegInCall(String number, String call) {
        return await().atMost(WAIT).until(() -> center.simulator.calls().stream()
                .filter(l -> l.to().endsWith(number) && "answered".equals(l.status())
                        && ("cc-" + call).equals(l.conversationName())).findFirst().orElse(null), l -> l != null);
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

    private static void mode(String token, String call, String monitor, String mode) {
        center.routing(token).body(Map.of("mode", mode)).put("/calls/" + call + "/monitors/" + monitor).then()
                .statusCode(lessThan(300));
    }

    private static io.restassured.path.json.JsonPath callView(String call, String agent) {
        return center.routing(token(agent)).get("/calls/" + call).then().statusCode(200).extract().jsonPath();
    }

    @SuppressWarnings("unchecked")
    private static List<String> members(TranscriptEntry entry) {
        Object members = entry.data() == null ? null : entry.data().get("members");
        return members instanceof List<?> list ? (List<String>) list : List.of();
    }
}
