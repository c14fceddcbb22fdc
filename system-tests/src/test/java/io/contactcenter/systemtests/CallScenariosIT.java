package io.contactcenter.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.AuthKeys;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.DialRequest;
import io.contactcenter.simulator.client.DialResponse;
import io.contactcenter.simulator.client.LegView;
import io.contactcenter.simulator.client.TranscriptEntry;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's scenarios 2, 4, 5, 6 and 10 against one contact center (the packaged services and the simulator as
 * processes, real Kafka and PostgreSQL). Every scenario has departments, agents and numbers of its own, so the
 * methods do not depend on each other or on their order. Each asserts what the people heard and did (the
 * simulator's transcript and legs), the state the services report through their APIs (directory agents and
 * assignments, survey API, routing's queue gauge) and the records on the topics, and prints one summary line.
 */
class CallScenariosIT {

    /** Simulated seconds per real second: talks, input timeouts and ringing run 4× faster, no faster. */
    private static final double TIME_FACTOR = 4;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);

    private static ContactCenter center;
    private static TopicRecorder<CallEvent> callEvents;
    private static TopicRecorder<RouteRequest> routeRequests;

    // scenario 2
    private static String billing;
    private static String bill;
    // scenario 4
    private static String claims;
    private static String quinn;
    private static String quincy;
    private static String returns;
    private static String olive;
    // scenario 5
    private static String accounts;
    private static String walt;
    private static String repairs;
    private static String rita;
    private static String orders;
    private static String tess;
    private static String feedback;
    private static String sam;
    // scenario 6
    private static String mobile;
    private static String alice;

    @BeforeAll
    static void start() throws Exception {
        center = new ContactCenter();
        center.simulator.timeFactor(TIME_FACTOR);
        String kafka = LocalInfra.shared().kafkaBootstrapServers();
        callEvents = new TopicRecorder<>(kafka, Topics.CALL_EVENTS, CallEvent.class);
        routeRequests = new TopicRecorder<>(kafka, Topics.ROUTE_REQUESTS, RouteRequest.class);

        billing = department(1, "Billing", 60, 20, 1);
        bill = agent("Bill", "phone", "14155550201", billing, AgentEndpoint.answering("phone", "14155550201", 1, 4.0));

        claims = department(2, "Claims", 120, 20, 1);
        quinn = agent("Quinn", "phone", "14155550211", claims, AgentEndpoint.answering("phone", "14155550211", 1, null));
        quincy = agent("Quincy", "phone", "14155550212", claims, AgentEndpoint.answering("phone", "14155550212", 1, null));
        returns = department(3, "Returns", 6, 20, 1);
        olive = agent("Olive", "phone", "14155550221", returns, AgentEndpoint.answering("phone", "14155550221", 1, null));

        accounts = department(4, "Accounts", 300, 20, 1);
        walt = agent("Walt", "phone", "14155550231", accounts, AgentEndpoint.answering("phone", "14155550231", 1, 4.0));
        center.admin().body(Map.of("status", "AWAY")).put("/agents/" + walt + "/status").then().statusCode(200);
        repairs = department(5, "Repairs", 300, 120, 1);
        rita = agent("Rita", "phone", "14155550241", repairs, AgentEndpoint.behaving("phone", "14155550241", "never"));
        orders = department(6, "Orders", 300, 20, 4);
        tess = agent("Tess", "phone", "14155550251", orders, AgentEndpoint.answering("phone", "14155550251", 1, null));
        feedback = department(7, "Feedback", 300, 20, 1);
        sam = agent("Sam", "phone", "14155550261", feedback, AgentEndpoint.answering("phone", "14155550261", 1, 4.0));

        mobile = department(8, "Mobile", 60, 20, 1);
        alice = agent("Alice", "app", "alice-scenarios", mobile, AgentEndpoint.answering("app", "alice-scenarios", 1, 4.0));
        center.simulator.register(AgentEndpoint.answering("phone", "14155550699", 1, 4.0));
        center.awaitMenu(8);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable resource : new AutoCloseable[] {callEvents, routeRequests, center}) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                System.err.println("stopping failed: " + e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ scenario 2

    /**
     * An invalid digit, then a valid one: the menu again, then routed to Billing, Bill answers, the caller rates 3.
     * No digit at all: the menu three times, then the goodbye, and the call ends without a route request.
     */
    @Test
    void invalidDigitThenValidOneIsRoutedAndNoDigitEndsWithGoodbye() {
        DialResponse retried = center.simulator.dial("447700900201",
                CallerStep.pressWhenHeard("press 1", "9"),
                CallerStep.pressWhenHeard("did not understand", "1"),
                CallerStep.pressWhenHeard("1 to 5", "3"));
        DialResponse silent = center.simulator.dial("447700900202");

        SurveyResult result = awaitSurveyResult(retried.callId());
        assertEquals(SurveyStatus.ANSWERED, result.status());
        assertEquals(3, result.score());
        assertEquals(billing, result.department());
        assertEquals(bill, result.agentId());
        List<String> heard = heard(retried.callId());
        assertHeard(heard, "did not understand");
        assertHeard(heard, "connect you to Billing");
        assertEquals(List.of("RETRY:9", "ROUTED:1"), menuInputs(retried.callId()));
        List<RouteRequest> routed = routeRequests.forKey(retried.callId());
        assertEquals(1, routed.size(), routed.toString());
        assertEquals(billing, routed.get(0).department());
        assertEquals(List.of(AssignmentOutcome.RINGING, AssignmentOutcome.ANSWERED, AssignmentOutcome.COMPLETED),
                awaitOutcomes(retried.callId(), AssignmentOutcome.COMPLETED));
        awaitAgentState(bill, "IDLE");

        center.simulator.awaitStatus(silent.callId(), CALL_TIMEOUT, "completed");
        await().atMost(Duration.ofSeconds(20)).until(() -> menuInputs(silent.callId()).size() == 3);
        assertEquals(List.of("RETRY:", "RETRY:", "GOODBYE:"), menuInputs(silent.callId()));
        assertTrue(callEvents.forKey(silent.callId()).stream().filter(e -> e.kind() == EventKind.MENU_INPUT)
                .allMatch(e -> Boolean.TRUE.equals(e.timedOut())), "every menu input timed out");
        assertHeard(heard(silent.callId()), "Goodbye");
        quiet();
        assertEquals(List.of(), routeRequests.forKey(silent.callId()), "no route request without a digit");
        assertEquals(List.of(), center.assignments.forKey(silent.callId()));
        assertEquals(List.of(), center.surveyResults.forKey(silent.callId()));
        summary(2, "menu retry and goodbye", 2, "retry then 1 -> Billing/Bill, survey 3; silence -> RETRY,RETRY,GOODBYE, ended unrouted");
    }

    // ------------------------------------------------------------------------------------------------ scenario 4

    /**
     * Claims' two agents are busy: the third caller waits with hold music and gets the agent who frees up first.
     * Returns' only agent is busy past the department's 6 s max wait: the caller is transferred to the overflow
     * message, NO_AGENT, no survey.
     */
    @Test
    void busyAgentsQueueTheCallerForTheFirstFreeAgentElseOverflow() {
        DialResponse first = center.simulator.dial("447700900401",
                CallerStep.pressWhenHeard("press 2", "2"), CallerStep.pressWhenHeard("1 to 5", "5"));
        DialResponse second = center.simulator.dial("447700900402",
                CallerStep.pressWhenHeard("press 2", "2"), CallerStep.pressWhenHeard("1 to 5", "4"));
        DialResponse busyReturns = center.simulator.dial("447700900404",
                CallerStep.pressWhenHeard("press 3", "3"), CallerStep.pressWhenHeard("1 to 5", "2"));
        Assignment firstAnswered = awaitOutcome(first.callId(), AssignmentOutcome.ANSWERED);
        Assignment secondAnswered = awaitOutcome(second.callId(), AssignmentOutcome.ANSWERED);
        Assignment oliveAnswered = awaitOutcome(busyReturns.callId(), AssignmentOutcome.ANSWERED);
        assertEquals(Set.of(quinn, quincy), Set.of(firstAnswered.agentId(), secondAnswered.agentId()));
        assertEquals(olive, oliveAnswered.agentId());

        DialResponse waiting = center.simulator.dial("447700900403",
                CallerStep.pressWhenHeard("press 2", "2"), CallerStep.pressWhenHeard("1 to 5", "5"));
        DialResponse overflow = center.simulator.dial("447700900405", CallerStep.pressWhenHeard("press 3", "3"));
        Instant waitingSince = Instant.now();

        // the third Claims caller waits: hold music, in routing's queue, both agents on their calls
        center.simulator.awaitTranscript(waiting.callId(), t -> heardIn(t, ContactCenter.HOLD_MUSIC), CALL_TIMEOUT);
        await().atMost(Duration.ofSeconds(20)).until(() -> queueLength(claims) == 1);
        awaitAgentState(quinn, "ON_CALL");
        awaitAgentState(quincy, "ON_CALL");
        assertEquals(List.of(), center.assignments.forKey(waiting.callId()), "nobody rang for the waiting caller");

        // Returns: past its max wait, the overflow message
        Assignment noAgent = awaitOutcome(overflow.callId(), AssignmentOutcome.NO_AGENT);
        assertNull(noAgent.agentId());
        assertEquals(returns, noAgent.department());
        center.simulator.awaitStatus(overflow.callId(), CALL_TIMEOUT, "completed");
        List<TranscriptEntry> overflowTranscript = center.simulator.transcript(overflow.callId());
        assertTrue(heardIn(overflowTranscript, ContactCenter.HOLD_MUSIC), "waited with hold music");
        assertTrue(heardIn(overflowTranscript, "all our agents are busy"), texts(overflowTranscript));
        assertTrue(overflowTranscript.stream().anyMatch(e -> "ncco".equals(e.type())
                && "transfer".equals(e.data().get("source"))), "the overflow came as a transfer");
        assertEquals(List.of(AssignmentOutcome.NO_AGENT), outcomes(overflow.callId()));

        // the agent of the second call frees up first: the waiting caller gets that agent, the other is still busy
        String freed = secondAnswered.agentId();
        String stillBusy = firstAnswered.agentId();
        assertEquals(List.of(), center.assignments.forKey(waiting.callId()), "still waiting");
        center.simulator.hangup(secondAnswered.agentLegId());
        Assignment waitedFor = awaitOutcome(waiting.callId(), AssignmentOutcome.ANSWERED);
        Duration waited = Duration.between(waitingSince, Instant.now());
        assertEquals(freed, waitedFor.agentId());
        assertEquals(1, waitedFor.attempt());
        assertEquals("ON_CALL", agentState(stillBusy));

        // everybody hangs up; every answered caller rates the call
        center.simulator.hangup(firstAnswered.agentLegId());
        center.simulator.hangup(waitedFor.agentLegId());
        center.simulator.hangup(oliveAnswered.agentLegId());
        assertEquals(5, awaitSurveyResult(first.callId()).score());
        assertEquals(4, awaitSurveyResult(second.callId()).score());
        SurveyResult waitedResult = awaitSurveyResult(waiting.callId());
        assertEquals(5, waitedResult.score());
        assertEquals(freed, waitedResult.agentId());
        assertEquals(2, awaitSurveyResult(busyReturns.callId()).score());
        for (String agent : List.of(quinn, quincy, olive)) {
            awaitAgentState(agent, "IDLE");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> queueLength(claims) == 0 && queueLength(returns) == 0);
        assertEquals(List.of(), center.surveyResults.forKey(overflow.callId()), "no survey without an agent");
        summary(4, "queue and overflow", 5, String.format(
                "third Claims caller waited %.1fs with hold music, got the first freed agent; Returns caller NO_AGENT after"
                        + " 6s max wait, overflow transfer; 4 surveys", waited.toMillis() / 1000.0));
    }

    // ------------------------------------------------------------------------------------------------ scenario 5

    /**
     * The caller hangs up while waiting (Accounts, its agent away), while the agent's phone rings (Repairs), while
     * talking to the agent (Orders) and during the survey (Feedback): the four calls run at once.
     */
    @Test
    void callerHangsUpWhileWaitingRingingTalkingAndDuringTheSurvey() {
        DialResponse waiting = center.simulator.dial("447700900501", CallerStep.pressWhenHeard("press 4", "4"));
        DialResponse ringing = center.simulator.dial("447700900502", CallerStep.pressWhenHeard("press 5", "5"));
        DialResponse talking = center.simulator.dial("447700900503", CallerStep.pressWhenHeard("press 6", "6"));
        DialResponse surveyed = center.simulator.dial("447700900504",
                CallerStep.pressWhenHeard("press 7", "7"), CallerStep.hangupWhenHeard("1 to 5"));

        // waiting: in the queue with hold music, then gone
        center.simulator.awaitTranscript(waiting.callId(), t -> heardIn(t, ContactCenter.HOLD_MUSIC), CALL_TIMEOUT);
        await().atMost(Duration.ofSeconds(20)).until(() -> queueLength(accounts) == 1);
        center.simulator.hangup(waiting.callId());

        // ringing: Rita's phone rings, the caller gives up
        Assignment ritaRinging = awaitOutcome(ringing.callId(), AssignmentOutcome.RINGING);
        assertEquals(rita, ritaRinging.agentId());
        center.simulator.awaitStatus(ritaRinging.agentLegId(), CALL_TIMEOUT, "ringing");
        assertEquals("RESERVED", agentState(rita));
        center.simulator.hangup(ringing.callId());

        // talking: Tess answered and stays on the line, the caller hangs up
        Assignment tessAnswered = awaitOutcome(talking.callId(), AssignmentOutcome.ANSWERED);
        assertEquals(tess, tessAnswered.agentId());
        awaitAgentState(tess, "ON_CALL");
        center.simulator.hangup(talking.callId());

        // waiting → ABANDONED, never an agent leg, nothing left in the queue, Walt untouched
        assertEquals(List.of(AssignmentOutcome.ABANDONED), awaitOutcomes(waiting.callId(), AssignmentOutcome.ABANDONED));
        assertEquals(Set.of(waiting.callId()), legsOf(waiting.callId()), "no agent leg for the waiting caller");
        await().atMost(Duration.ofSeconds(20)).until(() -> queueLength(accounts) == 0);
        assertEquals("AWAY", agent(walt).getString("status"));
        assertEquals("IDLE", agentState(walt));

        // ringing → the agent leg cancelled, ABANDONED, Rita free again and not blamed
        assertEquals(List.of(AssignmentOutcome.RINGING, AssignmentOutcome.ABANDONED),
                awaitOutcomes(ringing.callId(), AssignmentOutcome.ABANDONED));
        center.simulator.awaitStatus(ritaRinging.agentLegId(), CALL_TIMEOUT, "cancelled", "completed");
        awaitAgentState(rita, "IDLE");
        Response ritaAssignment = center.admin().get("/assignments/" + ringing.callId());
        ritaAssignment.then().statusCode(200).body("state", equalTo("RELEASED")).body("outcome", equalTo("CANCELLED"));
        assertEquals(0, agent(rita).getInt("consecutiveNoAnswers"));

        // talking → routing hangs the agent leg up, Tess COMPLETED → wrap-up → idle, survey CALLER_HUNG_UP unoffered
        assertEquals(List.of(AssignmentOutcome.RINGING, AssignmentOutcome.ANSWERED, AssignmentOutcome.COMPLETED),
                awaitOutcomes(talking.callId(), AssignmentOutcome.COMPLETED));
        center.simulator.awaitStatus(tessAnswered.agentLegId(), CALL_TIMEOUT, "completed");
        assertTrue(center.simulator.transcript(talking.callId()).stream().anyMatch(e -> "rest-request".equals(e.type())
                        && String.valueOf(e.data().get("path")).contains(tessAnswered.agentLegId())
                        && String.valueOf(e.data().get("body")).contains("hangup")),
                "routing hung the agent leg up over the Voice API");
        Set<String> tessStates = new LinkedHashSet<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            tessStates.add(agentState(tess));
            return tessStates.contains("IDLE");
        });
        String releasedAt = center.admin().get("/assignments/" + talking.callId()).then().statusCode(200)
                .body("state", equalTo("RELEASED")).body("outcome", equalTo("COMPLETED"))
                .extract().path("releasedAt");
        // wrap-up: idle only from release + the department's 4 s (whether or not a poll caught WRAP_UP)
        assertEquals(Instant.parse(releasedAt).plusSeconds(4), Instant.parse(agent(tess).getString("lastIdleAt")),
                "Tess wrapped up for 4 s; states seen: " + tessStates);
        SurveyResult talkResult = awaitSurveyResult(talking.callId());
        assertEquals(SurveyStatus.CALLER_HUNG_UP, talkResult.status());
        assertNull(talkResult.offeredAt(), "never transferred to the survey");
        assertEquals(tess, talkResult.agentId());

        // during the survey → CALLER_HUNG_UP with offeredAt, exactly one record, Sam idle again
        SurveyResult surveyResult = awaitSurveyResult(surveyed.callId());
        assertEquals(SurveyStatus.CALLER_HUNG_UP, surveyResult.status());
        assertNotNull(surveyResult.offeredAt(), "the survey was offered");
        assertNull(surveyResult.score());
        assertEquals(sam, surveyResult.agentId());
        assertHeard(heard(surveyed.callId()), "1 to 5");
        awaitAgentState(sam, "IDLE");
        center.supervisor().queryParam("department", feedback).get("/surveys").then().statusCode(200)
                .body("items.find { it.callId == '" + surveyed.callId() + "' }.status", equalTo("CALLER_HUNG_UP"));

        quiet();
        assertEquals(List.of(), center.surveyResults.forKey(waiting.callId()));
        assertEquals(List.of(), center.surveyResults.forKey(ringing.callId()));
        assertEquals(1, center.surveyResults.forKey(talking.callId()).size());
        assertEquals(1, center.surveyResults.forKey(surveyed.callId()).size());
        summary(5, "caller hang-ups", 4, "waiting ABANDONED (no leg, queue empty); ringing ABANDONED (leg cancelled,"
                + " release CANCELLED); talking COMPLETED (agent leg hung up, wrap-up, idle, survey CALLER_HUNG_UP);"
                + " survey CALLER_HUNG_UP offered, one record");
    }

    // ------------------------------------------------------------------------------------------------ scenario 6

    /** In-app agent Alice takes a routed call in her app, then calls a customer's phone from her app. */
    @Test
    void inAppAgentTakesARoutedCallAndPlacesAnOutboundCall() {
        DialResponse inbound = center.simulator.dial("447700900601",
                CallerStep.pressWhenHeard("press 8", "8"), CallerStep.pressWhenHeard("1 to 5", "5"));
        SurveyResult result = awaitSurveyResult(inbound.callId());
        assertEquals(alice, result.agentId());
        assertEquals(5, result.score());
        Assignment ringing = center.assignments.forKey(inbound.callId()).stream()
                .filter(a -> a.outcome() == AssignmentOutcome.RINGING).findFirst().orElseThrow();
        LegView appLeg = center.simulator.call(ringing.agentLegId());
        assertEquals("app", appLeg.toType());
        assertEquals("alice-scenarios", appLeg.to());
        assertEquals(ContactCenter.NUMBER, appLeg.from());
        assertNotNull(appLeg.answeredAt(), "Alice answered in the app");
        assertEquals(List.of(AssignmentOutcome.RINGING, AssignmentOutcome.ANSWERED, AssignmentOutcome.COMPLETED),
                awaitOutcomes(inbound.callId(), AssignmentOutcome.COMPLETED));
        awaitAgentState(alice, "IDLE");

        DialResponse outbound = center.simulator.dial(new DialRequest(null, "alice-scenarios", "14155550699", List.of()));
        center.simulator.awaitStatus(outbound.callId(), CALL_TIMEOUT, "completed");
        List<TranscriptEntry> transcript = center.simulator.transcript(outbound.callId());
        TranscriptEntry answer = transcript.stream()
                .filter(e -> "webhook".equals(e.type()) && "answer".equals(e.data().get("kind"))).findFirst().orElseThrow();
        Map<?, ?> request = (Map<?, ?>) answer.data().get("request");
        assertEquals("alice-scenarios", request.get("from_user"));
        assertEquals(200, answer.data().get("status"));
        String ncco = transcript.stream().filter(e -> "ncco".equals(e.type()) && "answer".equals(e.data().get("source")))
                .map(e -> String.valueOf(e.data().get("ncco"))).findFirst().orElseThrow();
        assertTrue(ncco.contains("connect") && ncco.contains("14155550699") && ncco.contains(ContactCenter.NUMBER), ncco);
        LegView customer = center.simulator.calls().stream()
                .filter(l -> "14155550699".equals(l.to()) && Objects.equals(l.callId(), outbound.callId()))
                .findFirst().orElseThrow(() -> new AssertionError("no leg to the customer: " + texts(transcript)));
        assertEquals(ContactCenter.NUMBER, customer.from(), "the customer sees the contact-center number");
        assertNotNull(customer.answeredAt(), "the customer answered");
        await().atMost(Duration.ofSeconds(20)).until(() -> callEvents.forKey(outbound.callId()).stream()
                .anyMatch(e -> e.detail() != null && "agent-outbound".equals(e.detail().get("call"))));
        CallEvent answered = callEvents.forKey(outbound.callId()).stream()
                .filter(e -> e.detail() != null && "agent-outbound".equals(e.detail().get("call"))).findFirst().orElseThrow();
        assertEquals(alice, answered.agentId());
        quiet();
        assertEquals(List.of(), routeRequests.forKey(outbound.callId()), "an agent's own call is not routed");
        assertEquals(List.of(), center.assignments.forKey(outbound.callId()));
        assertEquals(List.of(), center.surveyResults.forKey(outbound.callId()));
        summary(6, "in-app agent", 2, "routed call rang app user alice-scenarios, answered, survey 5; Alice's app call"
                + " connected to 14155550699 from " + ContactCenter.NUMBER + ", not routed");
    }

    // ----------------------------------------------------------------------------------------------- scenario 10

    /**
     * Webhooks sent straight to the gateway, not through the simulator: forged (wrong secret), unsigned and stale
     * ({@code iat} 10 minutes old) are refused with 401 problem+json and publish nothing; a correctly signed one is
     * accepted (so the refusals are not an accident). The directory and survey APIs refuse anonymous callers (401),
     * tokens from a foreign key (401) and the wrong role (403).
     */
    @Test
    void forgedUnsignedAndStaleWebhooksAndUnauthorisedApiCallersAreRefused() throws Exception {
        String secret = center.signatureSecret;
        String wrongSecret = "not-" + secret;
        Instant now = Instant.now();
        List<String> refusedCalls = new ArrayList<>();
        int refusals = 0;
        for (String webhook : List.of("event", "input", "survey", "answer")) {
            for (String variant : List.of("forged", "unsigned", "stale")) {
                String uuid = UUID.randomUUID().toString();
                refusedCalls.add(uuid);
                Response response = webhook(webhook, uuid, body -> switch (variant) {
                    case "forged" -> sign(wrongSecret, body, now);
                    case "stale" -> sign(secret, body, now.minus(Duration.ofMinutes(10)));
                    default -> null;
                });
                response.then().statusCode(401).contentType(startsWith("application/problem+json"))
                        .body("status", equalTo(401));
                refusals++;
            }
        }
        String accepted = UUID.randomUUID().toString();
        webhook("event", accepted, body -> sign(secret, body, Instant.now())).then().statusCode(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> !callEvents.forKey(accepted).isEmpty());
        quiet();
        for (String uuid : refusedCalls) {
            assertEquals(List.of(), callEvents.forKey(uuid), "nothing published for a refused webhook");
            assertEquals(List.of(), routeRequests.forKey(uuid), "nothing published for a refused webhook");
        }

        AuthKeys keys = LocalInfra.shared().authKeys();
        AuthKeys foreign = AuthKeys.in(Files.createTempDirectory("foreign-keys"));
        String foreignAdmin = foreign.mint("admin", "admin");
        String supervisor = keys.mint("supervisor", "supervisor");
        String agentToken = keys.mint(alice, "agent");
        String service = keys.mint("contact-center", "service");
        int apiRefusals = 0;
        // directory
        apiRefusals += refused(given().baseUri(center.directory.url()).get("/departments"), 401);
        apiRefusals += refused(given().baseUri(center.directory.url()).auth().oauth2(foreignAdmin).get("/agents"), 401);
        apiRefusals += refused(given().baseUri(center.directory.url()).auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("digit", 9, "name", "Forged")).post("/departments"), 403);
        apiRefusals += refused(given().baseUri(center.directory.url()).auth().oauth2(agentToken).get("/agents"), 403);
        apiRefusals += refused(given().baseUri(center.directory.url()).auth().oauth2(agentToken).contentType(ContentType.JSON)
                .body(Map.of("callId", "x", "departmentId", mobile)).post("/assignments"), 403);
        given().baseUri(center.directory.url()).auth().oauth2(supervisor).get("/agents").then().statusCode(200);
        center.admin().get("/departments").then().statusCode(200).body("find { it.digit == 9 }", org.hamcrest.Matchers.nullValue());
        // survey
        apiRefusals += refused(given().baseUri(center.survey.url()).get("/surveys"), 401);
        apiRefusals += refused(given().baseUri(center.survey.url()).auth().oauth2(foreignAdmin).get("/surveys"), 401);
        apiRefusals += refused(given().baseUri(center.survey.url()).auth().oauth2(agentToken).get("/surveys"), 403);
        apiRefusals += refused(given().baseUri(center.survey.url()).auth().oauth2(service).get("/surveys/stats"), 403);
        given().baseUri(center.survey.url()).auth().oauth2(supervisor).get("/surveys").then().statusCode(200);
        summary(10, "security", 0, refusals + " forged/unsigned/stale webhooks refused 401 (nothing on Kafka), 1 signed"
                + " accepted; " + apiRefusals + " API calls refused 401/403");
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static int refused(Response response, int status) {
        response.then().statusCode(status).contentType(startsWith("application/problem+json"));
        return 1;
    }

    /** Sends one webhook as an attacker would (straight to the gateway); {@code signer} makes the bearer token. */
    private static Response webhook(String webhook, String uuid, java.util.function.Function<byte[], String> signer) {
        String gateway = center.gateway.url();
        if ("answer".equals(webhook)) {
            String query = "uuid=" + uuid + "&conversation_uuid=CON-" + uuid + "&from=447700900999&to=" + ContactCenter.NUMBER;
            String token = signer.apply(query.getBytes(StandardCharsets.UTF_8));
            var request = given().baseUri(gateway).urlEncodingEnabled(false);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return request.get("/webhooks/answer?" + query);
        }
        String json = switch (webhook) {
            case "event" -> "{\"uuid\":\"" + uuid + "\",\"conversation_uuid\":\"CON-" + uuid
                    + "\",\"status\":\"completed\",\"direction\":\"inbound\",\"timestamp\":\"" + Instant.now() + "\"}";
            default -> "{\"uuid\":\"" + uuid + "\",\"conversation_uuid\":\"CON-" + uuid
                    + "\",\"dtmf\":{\"digits\":\"1\",\"timed_out\":false},\"timestamp\":\"" + Instant.now() + "\"}";
        };
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String token = signer.apply(body);
        var request = given().baseUri(gateway).contentType(ContentType.JSON).body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.post("/webhooks/" + webhook + ("event".equals(webhook) ? "" : "?attempt=1"));
    }

    /** A Vonage-style signature token: HS256 JWT with {@code iat} and the body's SHA-256 as {@code payload_hash}. */
    private static String sign(String secret, byte[] body, Instant issuedAt) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            String claims = "{\"iat\":" + issuedAt.getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID()
                    + "\",\"iss\":\"Vonage\",\"payload_hash\":\"" + hash + "\"}";
            String payload = b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = b64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
            return header + "." + payload + "." + signature;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String department(int digit, String name, int maxWaitSeconds, int ringingTimeoutSeconds,
            int wrapUpSeconds) {
        return center.admin().body(Map.of("digit", digit, "name", name, "maxWaitSeconds", maxWaitSeconds,
                        "ringingTimeoutSeconds", ringingTimeoutSeconds, "wrapUpSeconds", wrapUpSeconds))
                .post("/departments").then().statusCode(201).extract().path("id");
    }

    private static String agent(String name, String type, String value, String department, AgentEndpoint behaviour) {
        center.simulator.register(behaviour);
        return center.agent(name, type, value, department);
    }

    private static io.restassured.path.json.JsonPath agent(String id) {
        return center.admin().get("/agents/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static String agentState(String id) {
        return agent(id).getString("state");
    }

    private static void awaitAgentState(String id, String state) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> state.equals(agentState(id)));
    }

    /** routing's {@code routing_queue_length} gauge of a department (0 when absent). */
    private static int queueLength(String department) {
        String metrics = given().baseUri(center.routing.url()).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^routing_queue_length\\{department=\"" + department + "\"[^}]*} ([0-9.]+)",
                Pattern.MULTILINE).matcher(metrics);
        return m.find() ? (int) Double.parseDouble(m.group(1)) : 0;
    }

    private static SurveyResult awaitSurveyResult(String callId) {
        await().atMost(CALL_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> !center.surveyResults.forKey(callId).isEmpty());
        center.settle(callId); // a duplicate would be late, not absent
        List<SurveyResult> results = center.surveyResults.forKey(callId);
        assertEquals(1, results.size(), "exactly one survey result: " + results);
        return results.get(0);
    }

    private static Assignment awaitOutcome(String callId, AssignmentOutcome outcome) {
        await().atMost(CALL_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> outcomes(callId).contains(outcome));
        return center.assignments.forKey(callId).stream().filter(a -> a.outcome() == outcome).findFirst().orElseThrow();
    }

    private static List<AssignmentOutcome> awaitOutcomes(String callId, AssignmentOutcome last) {
        awaitOutcome(callId, last);
        return outcomes(callId);
    }

    private static List<AssignmentOutcome> outcomes(String callId) {
        return center.assignments.forKey(callId).stream().map(Assignment::outcome).toList();
    }

    /** The gateway's MENU_INPUT records of a call as {@code OUTCOME:digits}. */
    private static List<String> menuInputs(String callId) {
        return callEvents.forKey(callId).stream().filter(e -> e.kind() == EventKind.MENU_INPUT)
                .map(e -> e.detail().get("outcome") + ":" + (e.digits() == null ? "" : e.digits())).toList();
    }

    private static Set<String> legsOf(String callId) {
        Set<String> legs = new LinkedHashSet<>();
        center.simulator.transcript(callId).stream().map(TranscriptEntry::legId).filter(Objects::nonNull).forEach(legs::add);
        return legs;
    }

    private static List<String> heard(String callId) {
        return center.simulator.transcript(callId).stream()
                .filter(e -> "heard".equals(e.type()))
                .map(TranscriptEntry::text)
                .toList();
    }

    private static boolean heardIn(List<TranscriptEntry> transcript, String text) {
        return transcript.stream().anyMatch(e -> "heard".equals(e.type()) && e.text() != null
                && e.text().toLowerCase().contains(text.toLowerCase()));
    }

    private static void assertHeard(List<String> heard, String text) {
        assertTrue(heard.stream().anyMatch(t -> t.toLowerCase().contains(text.toLowerCase())),
                "expected to hear '" + text + "': " + heard);
    }

    private static String texts(List<TranscriptEntry> transcript) {
        return String.join("\n", transcript.stream().map(e -> e.type() + " " + e.text()).toList());
    }

    /** Gives records that should not exist time to show up before their absence is asserted. */
    private static void quiet() {
        center.settle();
    }

    private static void summary(int scenario, String name, int calls, String outcomes) {
        System.out.printf("scenario %d %s: calls=%d, outcomes=%s, checks=ok%n", scenario, name, calls, outcomes);
    }
}
