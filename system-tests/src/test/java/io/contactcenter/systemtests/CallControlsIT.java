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
import io.contactcenter.simulator.client.TranscriptEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Routing's call controls (issue 29) through the simulator, whose audio model says who hears whom: a cold transfer
 * to another department ends in one survey naming both agents, and the desk's hold, resume, cold and warm transfer
 * in headless Chromium. One contact center for all; each test has its own departments, agents and caller, so the tests
 * are independent of each other and of their order. Also a warm transfer with its consultation and three-way moment,
 * and a supervisor's listen → whisper → barge heard by exactly the right legs, in the audit log; a recorded call's
 * announcement before its recording, which a supervisor then finds listed.
 */
class CallControlsIT {

    private static final String PASSWORD = "controls-test-password";
    private static final Duration WAIT = Duration.ofSeconds(45);
    /** Sue, the supervisor, answers monitor calls on this phone. */
    private static final String SUPERVISOR_PHONE = "447700900729";

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
        String billing = center.department(3, "Billing", 30, 120, 20);
        String care = center.department(4, "Care", 30, 120, 20);
        agent("Ann", "447700900721", sales);
        agent("Bob", "447700900722", support);
        agent("Cat", "447700900723", billing);
        agent("Dan", "447700900724", billing);
        status("Dan", "AWAY"); // Cat takes the Billing call; Dan becomes available for the warm transfer
        agent("Eve", "447700900725", care);
        agent("Gus", "447700900727", orders);
        agent("Hal", "447700900728", returns);
        ids.put("Sue", center.supervisorWithPassword("Sue", PASSWORD, SUPERVISOR_PHONE, care));
        center.awaitMenu(6);
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
                .post("/calls/" + call + "/transfers/" + transferId + "/complete").then().statusCode(200);
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

        center.routing(sue).delete("/calls/" + call + "/monitors/" + monitor).then().statusCode(200);
        MonitorSession.assertEndedAndAudited(center, sue, call, sup, eve.uuid(), WAIT);
        center.simulator.hangup(call);
    }

    /** Gus holds and resumes from the desk, then transfers the caller cold to Returns; Hal answers. */
    @Test
    void theDeskHoldsAndTransfers() throws Exception {
        try (DeskPage desk = new DeskPage(center.directory.url())) {
            String call = takeCallOnDesk(desk, "Gus", "447700900705", "6");
            LegView gus = legTo("447700900727");
            desk.press("hold");
            desk.awaitText("hold", "Resume");
            desk.awaitText("call-status", "On hold");
            // the desk shows routing's state; the caller's leg is moved by a task just after: out of the conversation soon
            awaitSay(call, "is anyone there?", List.of());
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

    /**
     * Ida transfers warm from the desk to Refunds: she consults Jon while the caller holds, completes; a three-way
     * moment, then Ida leaves (wrap-up) and the caller talks with Jon.
     */
    @Test
    void theDeskTransfersWarm() throws Exception {
        String claims = center.department(8, "Claims", 30, 120, 20);
        String refunds = center.department(9, "Refunds", 30, 120, 20);
        agent("Ida", "447700900731", claims);
        agent("Jon", "447700900732", refunds);
        center.awaitFullMenu();
        try (DeskPage desk = new DeskPage(center.directory.url())) {
            String call = takeCallOnDesk(desk, "Ida", "447700900706", "8");
            LegView ida = legTo("447700900731");

            desk.fill("transfer-kind", "warm");
            desk.fill("transfer-type", "department");
            desk.awaitTrue("document.querySelector('#transfer-department option[value=\"" + refunds + "\"]')");
            desk.fill("transfer-department", refunds);
            desk.press("transfer");
            desk.awaitText("transfer-state", "Warm transfer to Refunds: you are talking with the target");
            LegView jon = legTo("447700900732");
            assertEquals(List.of(jon.uuid()), center.simulator.say(ida.uuid(), "Jon, a refund for you"));
            assertEquals(List.of(ida.uuid()), center.simulator.say(jon.uuid(), "put them through"));
            assertEquals(List.of(), center.simulator.say(call, "hello?"), "the caller holds: heard by nobody");

            desk.press("transfer-complete");
            center.simulator.awaitStatus(ida.uuid(), WAIT, "completed");
            desk.awaitState("WRAP_UP");
            assertEquals(List.of(jon.uuid()), center.simulator.say(call, "thanks Jon"), "the caller with Jon only");
            assertTrue(center.simulator.transcript(call).stream().anyMatch(e -> "conversation-joined".equals(e.type())
                    && call.equals(e.legId()) && members(e).containsAll(Set.of(call, ida.uuid(), jon.uuid()))),
                    "a three-way moment: the caller rejoined with both agents in the conversation");
            center.simulator.hangup(call);
        }
    }

    /**
     * Quality records every call: when Kim answers, the caller hears the announcement before the record action starts
     * and then talks with Kim; the call ends, Vonage (the simulator) reports the recording, and a supervisor (not an
     * agent) finds it listed with the simulator's URL and length.
     */
    @Test
    void aRecordedCallIsAnnouncedBeforeTheRecordingAndListedForSupervisors() {
        String quality = center.admin().body(Map.of("digit", 5, "name", "Quality", "wrapUpSeconds", 30,
                "maxWaitSeconds", 120, "ringingTimeoutSeconds", 20, "recording", "on"))
                .post("/departments").then().statusCode(201).extract().path("id");
        agent("Kim", "447700900733", quality);
        center.awaitFullMenu();
        String call = dial("447700900707", "5");
        awaitAnswered(call, "Kim");
        LegView kim = legTo("447700900733");
        awaitSay(call, "hello Kim", List.of(kim.uuid())); // back in the conversation after the announcement
        center.simulator.hangup(call);

        List<TranscriptEntry> transcript = center.simulator.transcript(call);
        int announced = firstIndex(transcript, e -> "heard".equals(e.type()) && call.equals(e.legId())
                && e.text().contains("This call is recorded for quality and training."));
        int recorded = firstIndex(transcript, e -> "record".equals(e.type()) && call.equals(e.legId())
                && e.text().startsWith("recording started"));
        assertTrue(announced >= 0 && recorded > announced, "the announcement precedes the record action: "
                + transcript.stream().map(TranscriptEntry::text).toList());
        Map<String, Object> report = await().atMost(WAIT).until(() -> center.simulator.transcript(call).stream()
                .filter(e -> "record".equals(e.type()) && "recording finished".equals(e.text())).findFirst()
                .map(TranscriptEntry::data).orElse(null), r -> r != null);
        long seconds = Math.round(java.time.Duration.between(java.time.Instant.parse((String) report.get("start_time")),
                java.time.Instant.parse((String) report.get("end_time"))).toMillis() / 1000.0);

        io.restassured.path.json.JsonPath listed = await().atMost(WAIT).until(() -> center.routing(token("Sue"))
                .queryParam("callId", call).get("/recordings").then().statusCode(200).extract().jsonPath(),
                json -> json.getList("$").size() == 1);
        assertEquals(report.get("recording_url"), listed.getString("[0].url"), "the simulator's recording");
        assertEquals(seconds, listed.getLong("[0].durationSeconds"));
        assertEquals(quality, listed.getString("[0].departmentId"));
        assertEquals(List.of(ids.get("Kim")), listed.getList("[0].agentIds"));
        center.routing(token("Kim")).queryParam("callId", call).get("/recordings").then().statusCode(403);
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

    /** The agent signs in on the desk and goes Available; a caller dials the digit; the desk shows the call. */
    private static String takeCallOnDesk(DeskPage desk, String agent, String from, String digit) throws Exception {
        desk.signIn(agent, PASSWORD);
        desk.status("AVAILABLE");
        String call = dial(from, digit);
        desk.awaitState("ON_CALL");
        return call;
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

    private static LegView awaitLegInCall(String number, String call) {
        return await().atMost(WAIT).until(() -> center.simulator.calls().stream()
                .filter(l -> l.to().endsWith(number) && "answered".equals(l.status())
                        && ("cc-" + call).equals(l.conversationName())).findFirst().orElse(null), l -> l != null);
    }

    private static void mode(String token, String call, String monitor, String mode) {
        center.routing(token).body(Map.of("mode", mode)).put("/calls/" + call + "/monitors/" + monitor).then()
                .statusCode(200);
    }

    private static io.restassured.path.json.JsonPath callView(String call, String agent) {
        return center.routing(token(agent)).get("/calls/" + call).then().statusCode(200).extract().jsonPath();
    }

    private static int firstIndex(List<TranscriptEntry> transcript, java.util.function.Predicate<TranscriptEntry> test) {
        for (int i = 0; i < transcript.size(); i++) {
            if (test.test(transcript.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static List<String> members(TranscriptEntry entry) {
        Object members = entry.data() == null ? null : entry.data().get("members");
        return members instanceof List<?> list ? (List<String>) list : List.of();
    }

    private static io.restassured.response.ValidatableResponse transfer(String call, String agent, Map<String, ?> body) {
        return center.routing(token(agent)).header("Idempotency-Key", "transfer-" + call).body(body)
                .post("/calls/" + call + "/transfers").then().statusCode(202);
    }
}
