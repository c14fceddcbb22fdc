package io.contactcenter.routing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallStatus;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The call controls' API: who may use them (bearer tokens, CORS), the live calls, hold and resume with the Vonage
 * transfers they make and the hold time on the COMPLETED record, retried requests (Idempotency-Key).
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class ControlsTest {

    private final Bus bus = Bus.get();

    /** A call answered by a new agent of a new department: {callId, agentId, agentLegId, departmentId}. */
    static String[] connectedCall() {
        String department = Scenario.department(60, 3);
        String agent = Scenario.phoneAgent(department)[0];
        String callId = Scenario.id();
        Bus.get().routeRequest(callId, department);
        String leg = Scenario.awaitLeg(callId, 1).legId();
        Bus.get().agentEvent(callId, leg, agent, CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Bus.get().outcomes(callId).contains(AssignmentOutcome.ANSWERED));
        return new String[] {callId, agent, leg, department};
    }

    /** The caller hangs up and routing finishes the call: no call of this class is left to other test classes. */
    static void callerHangsUp(String callId) {
        Bus.get().callerEvent(callId, CallStatus.COMPLETED);
        await().atMost(Duration.ofSeconds(20)).until(() -> Bus.get().outcomes(callId).stream()
                .anyMatch(o -> o == AssignmentOutcome.COMPLETED || o == AssignmentOutcome.ABANDONED));
    }

    static RequestSpecification as(String subject, String... roles) {
        return given().header("Authorization", "Bearer " + LocalInfra.shared().authKeys().mint(subject, roles));
    }

    static RequestSpecification supervisor() {
        return as("sup-" + Scenario.id(), "supervisor");
    }

    /** The transfers of a leg routing asked Vonage for, each as its NCCO. */
    static List<JsonNode> transfersOf(String legId) {
        return VonageStub.modifiesOf(legId).stream().filter(m -> m.action().equals("transfer"))
                .map(m -> m.body().path("destination").path("ncco")).toList();
    }

    @Test
    void onlyTheAgentOnTheCallOrASupervisorSeesAndControlsIt() {
        String[] call = connectedCall();
        String callId = call[0];

        given().get("/calls/" + callId).then().statusCode(401).contentType(containsString("application/problem+json"));
        given().post("/calls/" + callId + "/hold").then().statusCode(401);
        as(Scenario.id(), "agent").get("/calls/" + callId).then().statusCode(403)
                .contentType(containsString("application/problem+json"));
        as(Scenario.id(), "agent").post("/calls/" + callId + "/hold").then().statusCode(403);
        as(call[1], "agent").get("/calls/live").then().statusCode(403);
        as(call[1], "agent").get("/calls/" + Scenario.id()).then().statusCode(404)
                .contentType(containsString("application/problem+json"));

        as(call[1], "agent").get("/calls/" + callId).then().statusCode(200)
                .body("callId", equalTo(callId)).body("agentId", equalTo(call[1]))
                .body("departmentId", equalTo(call[3])).body("onHold", equalTo(false))
                .body("holdSeconds", equalTo(0)).body("recording", equalTo(false))
                .body("transfer", nullValue()).body("monitors.size()", equalTo(0));
        supervisor().get("/calls/live").then().statusCode(200).body("callId", hasItem(callId));

        // once the call ended it is no longer live
        bus.agentEvent(callId, call[2], call[1], CallStatus.COMPLETED, Map.of("duration", "5"));
        Scenario.awaitOutcomes(callId, AssignmentOutcome.RINGING, AssignmentOutcome.ANSWERED,
                AssignmentOutcome.COMPLETED);
        supervisor().get("/calls/live").then().statusCode(200).body("callId", not(hasItem(callId)));
        supervisor().get("/calls/" + callId).then().statusCode(404);
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }

    @Test
    void holdPlaysTheHoldMusicToTheCallerAndResumeBringsThemBackTheHoldTimeIsReported() throws Exception {
        String[] call = connectedCall();
        String callId = call[0];

        as(call[1], "agent").post("/calls/" + callId + "/hold").then().statusCode(200)
                .body("onHold", equalTo(true));
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(callId).size() == 1);
        assertEquals(Bus.JSON.readTree("[{\"action\":\"stream\",\"streamUrl\":[\"https://gateway.test/audio/hold.wav\"],"
                + "\"loop\":0}]"), transfersOf(callId).get(0));
        as(call[1], "agent").post("/calls/" + callId + "/hold").then().statusCode(409)
                .contentType(containsString("application/problem+json"));
        supervisor().get("/calls/live").then().body("find { it.callId == '" + callId + "' }.onHold", equalTo(true));

        await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(5)).until(() -> true);
        int held = supervisor().post("/calls/" + callId + "/resume").then().statusCode(200)
                .body("onHold", equalTo(false)).body("holdSeconds", greaterThanOrEqualTo(1))
                .extract().path("holdSeconds");
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(callId).size() == 2);
        assertEquals(Bus.JSON.readTree("[{\"action\":\"conversation\",\"name\":\"cc-" + callId + "\","
                + "\"startOnEnter\":true,\"endOnExit\":false}]"), transfersOf(callId).get(1));
        as(call[1], "agent").post("/calls/" + callId + "/resume").then().statusCode(409);

        bus.agentEvent(callId, call[2], call[1], CallStatus.COMPLETED, Map.of("duration", "5"));
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.last(callId, AssignmentOutcome.COMPLETED).isPresent());
        Assignment completed = bus.last(callId, AssignmentOutcome.COMPLETED).orElseThrow();
        assertEquals(Integer.toString(held), completed.detail(Assignment.Detail.HOLD_SECONDS));
        assertEquals(List.of(call[1]), completed.agentIds());
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }

    @Test
    void aResumeStillRetriedWhenTheAgentEndsTheCallIsDroppedNotMovingTheCallerBackIntoTheEndedCall() {
        String[] call = connectedCall();
        String callId = call[0];
        as(call[1], "agent").post("/calls/" + callId + "/hold").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(callId).size() == 1);
        VonageStub.failModifiesOf(callId, 500, 1000); // Vonage fails for the caller's leg until told otherwise
        as(call[1], "agent").post("/calls/" + callId + "/resume").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.modifiesOf(callId).stream()
                .anyMatch(m -> m.answeredWith() == 500));

        bus.agentEvent(callId, call[2], call[1], CallStatus.COMPLETED, Map.of("duration", "5"));
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.last(callId, AssignmentOutcome.COMPLETED).isPresent());
        VonageStub.stopFailingModifiesOf(callId);

        // the retry comes due (back-off at most 1 s here) after the call ended: dropped, not sent, whatever the survey
        // did with the caller meanwhile stays
        await().atMost(Duration.ofSeconds(15)).until(() -> Db.count(dataSource,
                "select count(*) from routing.task where call_id = ?", callId) == 0);
        assertEquals(List.of(204), VonageStub.modifiesOf(callId).stream().map(VonageStub.Modify::answeredWith)
                .filter(status -> status != 500).toList(), "only the hold reached Vonage");
    }

    @Test
    void aRetriedRequestWithTheSameKeyGetsTheFirstAnswerAndActsOnce() {
        String[] call = connectedCall();
        String callId = call[0];
        String key = Scenario.id();

        String first = as(call[1], "agent").header("Idempotency-Key", key).post("/calls/" + callId + "/hold")
                .then().statusCode(200).extract().asString();
        String again = as(call[1], "agent").header("Idempotency-Key", key).post("/calls/" + callId + "/hold")
                .then().statusCode(200).extract().asString();
        assertEquals(first, again);
        // the same key for another request on the call is refused; a new key acts
        as(call[1], "agent").header("Idempotency-Key", key).post("/calls/" + callId + "/resume").then().statusCode(422)
                .contentType(containsString("application/problem+json"));
        as(call[1], "agent").header("Idempotency-Key", "x".repeat(101)).post("/calls/" + callId + "/resume")
                .then().statusCode(400);
        as(call[1], "agent").header("Idempotency-Key", Scenario.id()).post("/calls/" + callId + "/resume")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(callId).size() == 2);
        assertEquals("stream", transfersOf(callId).get(0).path(0).path("action").asText());
        assertEquals("conversation", transfersOf(callId).get(1).path(0).path("action").asText());
        callerHangsUp(callId);
    }

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @jakarta.inject.Inject
    io.contactcenter.routing.service.IdempotencyExpiry expiry;

    @Test
    void storedAnswersExpireAfterTheirTimeAndARetryThenActsAgain() throws Exception {
        String[] call = connectedCall();
        String callId = call[0];
        String key = Scenario.id();
        as(call[1], "agent").header("Idempotency-Key", key).post("/calls/" + callId + "/hold").then().statusCode(200);
        expiry.runOnce();
        as(call[1], "agent").header("Idempotency-Key", key).post("/calls/" + callId + "/hold").then().statusCode(200);

        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement age = connection.prepareStatement("update routing.idempotent_request"
                        + " set created_at = created_at - interval '25 hours' where call_id = ?")) {
            age.setString(1, callId);
            assertEquals(1, age.executeUpdate());
        }
        assertTrue(expiry.runOnce() >= 1);
        assertEquals(0, Db.count(dataSource, "select count(*) from routing.idempotent_request where call_id = ?",
                callId));
        // the key is forgotten: the same request acts again (and finds the caller on hold already)
        as(call[1], "agent").header("Idempotency-Key", key).post("/calls/" + callId + "/hold").then().statusCode(409);
        callerHangsUp(callId);
    }

    @Test
    void browsersOfTheConfiguredOriginsOnlyMayCall() {
        given().header("Origin", "https://desk.test").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,idempotency-key")
                .options("/calls/x/hold").then()
                .header("Access-Control-Allow-Origin", equalTo("https://desk.test"));
        given().header("Origin", "https://elsewhere.test").header("Access-Control-Request-Method", "POST")
                .options("/calls/x/hold").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    static String coldTo(String department) {
        return "{\"kind\":\"cold\",\"target\":{\"type\":\"department\",\"departmentId\":\"" + department + "\"}}";
    }

    @Test
    void aColdTransferToADepartmentRequeuesTheCallerTheFirstAgentLeavesTheLastOneCompletesNamingBoth()
            throws Exception {
        String[] call = connectedCall();
        String callId = call[0];
        String target = Scenario.department(60, 3);
        String second = Scenario.phoneAgent(target)[0];
        String key = Scenario.id();

        String first = as(call[1], "agent").header("Idempotency-Key", key).contentType("application/json")
                .body(coldTo(target)).post("/calls/" + callId + "/transfers").then().statusCode(202)
                .body("transferId", not(nullValue())).body("kind", equalTo("cold"))
                .body("state", equalTo("COMPLETED")).body("target.type", equalTo("department"))
                .body("target.departmentId", equalTo(target)).extract().asString();
        // a retry of the same request: the first answer, no second transfer
        assertEquals(first, as(call[1], "agent").header("Idempotency-Key", key).contentType("application/json")
                .body(coldTo(target)).post("/calls/" + callId + "/transfers").then().statusCode(202)
                .extract().asString());
        // another transfer now: the call is no longer with an agent
        as(call[1], "agent").contentType("application/json").body(coldTo(target))
                .post("/calls/" + callId + "/transfers").then().statusCode(409);

        // the caller hears the hold music, the first agent's leg is hung up and they go to wrap-up
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(callId).size() == 1);
        assertEquals("stream", transfersOf(callId).get(0).path(0).path("action").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.modifiesOf(call[2]).stream()
                .anyMatch(m -> m.action().equals("hangup")));
        await().atMost(Duration.ofSeconds(10)).until(() -> "IDLE".equals(DirectoryStub.agentState(call[1])));

        // the target department's agent is called into the caller's conversation; when they answer the caller joins
        VonageStub.Create leg = Scenario.awaitLeg(callId, 2);
        assertTrue(leg.eventUrl().contains("&agent=" + second + "&"), leg.eventUrl());
        Assignment ringing = bus.assignments(callId).stream()
                .filter(a -> a.outcome() == AssignmentOutcome.RINGING && second.equals(a.agentId())).findFirst()
                .orElseThrow();
        assertEquals(target, ringing.department());
        Assignment transferred = bus.last(callId, AssignmentOutcome.TRANSFERRED).orElseThrow();
        assertEquals(call[1], transferred.agentId());
        assertEquals("department:" + target, transferred.detail(Assignment.Detail.TRANSFER_TARGET));
        bus.agentEvent(callId, leg.legId(), second, CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(callId).size() == 2);
        assertEquals("cc-" + callId, transfersOf(callId).get(1).path(0).path("name").asText());
        as(second, "agent").get("/calls/" + callId).then().statusCode(200).body("agentId", equalTo(second));
        as(call[1], "agent").get("/calls/" + callId).then().statusCode(403);

        bus.agentEvent(callId, leg.legId(), second, CallStatus.COMPLETED, Map.of("duration", "5"));
        Scenario.awaitOutcomes(callId, AssignmentOutcome.RINGING, AssignmentOutcome.ANSWERED,
                AssignmentOutcome.TRANSFER_STARTED, AssignmentOutcome.TRANSFERRED, AssignmentOutcome.RINGING,
                AssignmentOutcome.ANSWERED, AssignmentOutcome.COMPLETED);
        assertEquals(List.of(call[1], second), bus.last(callId, AssignmentOutcome.COMPLETED).orElseThrow().agentIds());
        assertEquals(1, DirectoryStub.requests("POST", "/assignments/" + callId + "/release").stream()
                .filter(r -> call[1].equals(r.body().path("agentId").asText())).count());
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }

    static String warmTo(String type, String id) {
        return "{\"kind\":\"warm\",\"target\":{\"type\":\"" + type + "\",\"" + type + "Id\":\"" + id + "\"}}";
    }

    static String transferState(String callId) {
        return supervisor().get("/calls/" + callId).then().extract().path("transfer.state");
    }

    @Test
    void aWarmTransferConsultsWhileTheCallerHoldsThenHandsTheCallOverAndTheFirstAgentLeaves() throws Exception {
        String[] call = connectedCall();
        String callId = call[0];
        String second = Scenario.phoneAgent(call[3])[0];
        String key = Scenario.id();

        String first = as(call[1], "agent").header("Idempotency-Key", key).contentType("application/json")
                .body(warmTo("agent", second)).post("/calls/" + callId + "/transfers").then().statusCode(202)
                .body("kind", equalTo("warm")).body("state", equalTo("RINGING"))
                .body("target.agentId", equalTo(second)).extract().asString();
        String transferId = Bus.JSON.readTree(first).path("transferId").asText();
        assertEquals(first, as(call[1], "agent").header("Idempotency-Key", key).contentType("application/json")
                .body(warmTo("agent", second)).post("/calls/" + callId + "/transfers").then().statusCode(202)
                .extract().asString());

        // the caller holds; the target's leg is created into the caller's conversation
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(callId).size() == 1);
        assertEquals("stream", transfersOf(callId).get(0).path(0).path("action").asText());
        VonageStub.Create leg = Scenario.awaitLeg(callId, 2);
        assertTrue(leg.eventUrl().contains("&agent=" + second + "&"), leg.eventUrl());
        assertEquals(2, VonageStub.createsFor(callId).size(), "a retried request creates no second leg");
        as(call[1], "agent").post("/calls/" + callId + "/transfers/" + transferId + "/complete").then()
                .statusCode(409).contentType(containsString("application/problem+json"));

        bus.agentEvent(callId, leg.legId(), second, CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "CONSULTING".equals(transferState(callId)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "ON_CALL".equals(DirectoryStub.agentState(second)));
        as(Scenario.id(), "agent").post("/calls/" + callId + "/transfers/" + transferId + "/complete").then()
                .statusCode(403);

        as(call[1], "agent").post("/calls/" + callId + "/transfers/" + transferId + "/complete").then()
                .statusCode(200).body("state", equalTo("COMPLETED"));
        // the caller rejoins (all three talk), then the first agent's leg is hung up and they go to wrap-up
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(callId).size() == 2);
        assertEquals("cc-" + callId, transfersOf(callId).get(1).path(0).path("name").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.modifiesOf(call[2]).stream()
                .anyMatch(m -> m.action().equals("hangup")));
        await().atMost(Duration.ofSeconds(10)).until(() -> "IDLE".equals(DirectoryStub.agentState(call[1])));
        as(second, "agent").get("/calls/" + callId).then().statusCode(200).body("agentId", equalTo(second))
                .body("onHold", equalTo(false)).body("transfer", nullValue());

        bus.agentEvent(callId, call[2], call[1], CallStatus.COMPLETED, Map.of("duration", "9"));
        bus.agentEvent(callId, leg.legId(), second, CallStatus.COMPLETED, Map.of("duration", "5"));
        Scenario.awaitOutcomes(callId, AssignmentOutcome.RINGING, AssignmentOutcome.ANSWERED,
                AssignmentOutcome.TRANSFER_STARTED, AssignmentOutcome.TRANSFERRED, AssignmentOutcome.ANSWERED,
                AssignmentOutcome.COMPLETED);
        assertEquals(List.of(call[1], second), bus.last(callId, AssignmentOutcome.COMPLETED).orElseThrow().agentIds());
        assertEquals(second, bus.last(callId, AssignmentOutcome.COMPLETED).orElseThrow().agentId());
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }

    @Test
    void aWarmTransferTheTargetDeclinesOrIsCancelledOrTheCallerLeavesTheFirstAgentKeepsTheCall() {
        String[] call = connectedCall();
        String callId = call[0];
        String second = Scenario.phoneAgent(call[3])[0];
        String path = "/calls/" + callId + "/transfers";

        // to the department: its free agent other than the first; they decline
        as(call[1], "agent").contentType("application/json").body(warmTo("department", call[3])).post(path).then()
                .statusCode(202).body("state", equalTo("RINGING"));
        as(call[1], "agent").contentType("application/json").body(warmTo("department", call[3])).post(path).then()
                .statusCode(409);
        VonageStub.Create declined = Scenario.awaitLeg(callId, 2);
        assertTrue(declined.eventUrl().contains("&agent=" + second + "&"), declined.eventUrl());
        bus.agentEvent(callId, declined.legId(), second, CallStatus.REJECTED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.last(callId, AssignmentOutcome.TRANSFER_FAILED)
                .isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(callId).size() == 2);
        assertEquals("conversation", transfersOf(callId).get(1).path(0).path("action").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> "IDLE".equals(DirectoryStub.agentState(second)));
        as(call[1], "agent").get("/calls/" + callId).then().body("agentId", equalTo(call[1]))
                .body("onHold", equalTo(false)).body("transfer", nullValue());

        // to the agent, who answers; the first agent cancels: the consulted agent leaves, the caller comes back
        String cancelled = as(call[1], "agent").contentType("application/json").body(warmTo("agent", second))
                .post(path).then().statusCode(202).extract().path("transferId");
        VonageStub.Create consulted = Scenario.awaitLeg(callId, 3);
        bus.agentEvent(callId, consulted.legId(), second, CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "CONSULTING".equals(transferState(callId)));
        supervisor().post(path + "/" + cancelled + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED"));
        as(call[1], "agent").post(path + "/" + cancelled + "/cancel").then().statusCode(409);
        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.modifiesOf(consulted.legId()).stream()
                .anyMatch(m -> m.action().equals("hangup")));
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(callId).size() == 4);
        assertEquals("conversation", transfersOf(callId).get(3).path(0).path("action").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.last(callId, AssignmentOutcome.TRANSFER_CANCELLED)
                .isPresent());

        // a third try; the caller hangs up while it rings: the transfer fails, the target's leg is hung up
        as(call[1], "agent").contentType("application/json").body(warmTo("agent", second)).post(path).then()
                .statusCode(202);
        VonageStub.Create ringing = Scenario.awaitLeg(callId, 4);
        callerHangsUp(callId);
        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.modifiesOf(ringing.legId()).stream()
                .anyMatch(m -> m.action().equals("hangup")));
        await().atMost(Duration.ofSeconds(10)).until(() -> "IDLE".equals(DirectoryStub.agentState(second)));
        assertEquals(List.of(call[1]), bus.last(callId, AssignmentOutcome.COMPLETED).orElseThrow().agentIds());
        assertEquals(2, bus.outcomes(callId).stream().filter(o -> o == AssignmentOutcome.TRANSFER_FAILED).count());
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }

    @Test
    void aColdTransferToANamedAgentConnectsThemOnlyWhenTheyAreAvailable() {
        String[] call = connectedCall();
        String callId = call[0];
        String busy = connectedCall()[1];
        String free = Scenario.phoneAgent(Scenario.department(60, 3))[0];
        String path = "/calls/" + callId + "/transfers";
        String coldToBusy = "{\"kind\":\"cold\",\"target\":{\"type\":\"agent\",\"agentId\":\"" + busy + "\"}}";

        as(call[1], "agent").contentType("application/json").body(coldToBusy).post(path).then().statusCode(409)
                .contentType(containsString("application/problem+json")).body("detail", equalTo("agent not available"));
        as(call[1], "agent").contentType("application/json").body(coldToBusy.replace(busy, free)).post(path).then()
                .statusCode(202).body("state", equalTo("COMPLETED"));

        VonageStub.Create leg = Scenario.awaitLeg(callId, 2);
        assertTrue(leg.eventUrl().contains("&agent=" + free + "&"), leg.eventUrl());
        await().atMost(Duration.ofSeconds(10)).until(() -> "IDLE".equals(DirectoryStub.agentState(call[1])));
        bus.agentEvent(callId, leg.legId(), free, CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(callId).size() == 2);
        assertEquals("cc-" + callId, transfersOf(callId).get(1).path(0).path("name").asText());
        bus.agentEvent(callId, leg.legId(), free, CallStatus.COMPLETED, Map.of("duration", "5"));
        Scenario.awaitOutcomes(callId, AssignmentOutcome.RINGING, AssignmentOutcome.ANSWERED,
                AssignmentOutcome.TRANSFER_STARTED, AssignmentOutcome.TRANSFERRED, AssignmentOutcome.RINGING,
                AssignmentOutcome.ANSWERED, AssignmentOutcome.COMPLETED);
        assertEquals(List.of(call[1], free), bus.last(callId, AssignmentOutcome.COMPLETED).orElseThrow().agentIds());
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }

    static String coldToNumber(String number) {
        return "{\"kind\":\"cold\",\"target\":{\"type\":\"number\",\"number\":\"" + number + "\"}}";
    }

    @Test
    void aColdTransferToAnAllowedNumberHandsTheCallerOverTheAgentWrapsUpTheCallIsOverForRouting() throws Exception {
        String[] call = connectedCall();
        String callId = call[0];
        String path = "/calls/" + callId + "/transfers";

        // the directory's outbound allow-list (the stub's: 44 only) decides; a warm transfer to a number is none
        as(call[1], "agent").contentType("application/json").body(coldToNumber("+33612345678")).post(path).then()
                .statusCode(403).contentType(containsString("application/problem+json"));
        as(call[1], "agent").contentType("application/json").body(coldToNumber("+447700900555").replace("cold", "warm"))
                .post(path).then().statusCode(422).contentType(containsString("application/problem+json"));
        assertTrue(DirectoryStub.requests("POST", "/outbound-calls/check").stream()
                .anyMatch(r -> r.body().path("to").asText().equals("+33612345678")));
        supervisor().get("/calls/" + callId).then().statusCode(200).body("transfer", nullValue());
        // nobody probes the allow-list on an unknown call: 404 before the number is looked at
        as(call[1], "agent").contentType("application/json").body(coldToNumber("+33612345678"))
                .post("/calls/" + Scenario.id() + "/transfers").then().statusCode(404)
                .contentType(containsString("application/problem+json"));

        supervisor().contentType("application/json").body(monitorBody("listen")).post("/calls/" + callId + "/monitors")
                .then().statusCode(201);
        VonageStub.Create monitor = Scenario.awaitLeg(callId, 2);

        String key = Scenario.id();
        String accepted = as(call[1], "agent").header("Idempotency-Key", key).contentType("application/json")
                .body(coldToNumber("+447700900555")).post(path).then()
                .statusCode(202).body("kind", equalTo("cold")).body("state", equalTo("COMPLETED"))
                .body("target.type", equalTo("number")).body("target.number", equalTo("+447700900555"))
                .extract().asString();
        // a retry after the allow-list changed gets the stored answer, not the allow-list's refusal
        DirectoryStub.allowedPrefix("33");
        try {
            assertEquals(accepted, as(call[1], "agent").header("Idempotency-Key", key).contentType("application/json")
                    .body(coldToNumber("+447700900555")).post(path).then().statusCode(202).extract().asString());
        } finally {
            DirectoryStub.allowedPrefix(DirectoryStub.ALLOWED_PREFIX);
        }
        // the caller's leg leaves the conversation for a connect to the number, from the contact-center number
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(callId).size() == 1);
        JsonNode connect = transfersOf(callId).get(0);
        assertEquals(1, connect.size(), connect.toString());
        assertEquals("connect", connect.path(0).path("action").asText());
        assertEquals("447700900555", connect.path(0).path("endpoint").path(0).path("number").asText());
        assertEquals("phone", connect.path(0).path("endpoint").path(0).path("type").asText());
        assertTrue(connect.path(0).path("from").asText().length() > 0, connect.toString());
        // the agent's leg is hung up after it and they go to wrap-up; the call is no longer live
        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.modifiesOf(call[2]).stream()
                .anyMatch(m -> m.action().equals("hangup")));
        List<String> order = VonageStub.modifies().stream().filter(m -> m.uuid().equals(callId)
                || m.uuid().equals(call[2])).map(m -> m.uuid() + " " + m.action()).toList();
        assertEquals(List.of(callId + " transfer", call[2] + " hangup"), order);
        await().atMost(Duration.ofSeconds(10)).until(() -> "IDLE".equals(DirectoryStub.agentState(call[1])));
        supervisor().get("/calls/" + callId).then().statusCode(404);
        // a supervisor listening to the agent leaves with them
        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.modifiesOf(monitor.legId()).stream()
                .anyMatch(m -> m.action().equals("hangup")));
        Scenario.awaitOutcomes(callId, AssignmentOutcome.RINGING, AssignmentOutcome.ANSWERED,
                AssignmentOutcome.TRANSFER_STARTED, AssignmentOutcome.TRANSFERRED,
                AssignmentOutcome.TRANSFERRED_EXTERNAL);
        Assignment external = bus.last(callId, AssignmentOutcome.TRANSFERRED_EXTERNAL).orElseThrow();
        assertEquals(List.of(call[1]), external.agentIds());
        assertEquals("0", external.detail(Assignment.Detail.HOLD_SECONDS));
        assertEquals("number:+447700900555", bus.last(callId, AssignmentOutcome.TRANSFERRED).orElseThrow()
                .detail(Assignment.Detail.TRANSFER_TARGET));

        // the caller's and the agent's legs ending later change nothing
        List<String> late = List.of(
                bus.agentEvent(callId, call[2], call[1], CallStatus.COMPLETED, Map.of("duration", "5")).eventId(),
                bus.callerEvent(callId, CallStatus.COMPLETED).eventId());
        await().atMost(Duration.ofSeconds(10)).until(() -> late.stream().allMatch(id -> Db.count(dataSource,
                "select count(*) from routing.processed_event where event_id = 'event:' || ?", id) == 1));
        assertEquals("DONE", Db.state(dataSource, callId));
        assertEquals(1, DirectoryStub.requests("POST", "/assignments/" + callId + "/release").size());
        assertTrue(bus.outcomes(callId).stream().noneMatch(o -> o == AssignmentOutcome.COMPLETED
                || o == AssignmentOutcome.ABANDONED), bus.outcomes(callId).toString());
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }

    @Test
    void aNumberVonageRefusesToConnectLeavesTheCallerWithClosingWordsNotAloneInTheConversation() {
        String[] call = connectedCall();
        String callId = call[0];
        VonageStub.failModifiesOf(callId, 400, 1);

        as(call[1], "agent").contentType("application/json").body(coldToNumber("+447700900556"))
                .post("/calls/" + callId + "/transfers").then().statusCode(202);
        // the refused connect, then the caller's leg to the closing words (the call ends after them)
        await().atMost(Duration.ofSeconds(10)).until(() -> transfersOf(callId).size() == 2);
        assertEquals("connect", transfersOf(callId).get(0).path(0).path("action").asText());
        JsonNode closing = transfersOf(callId).get(1);
        assertEquals(1, closing.size(), closing.toString());
        assertEquals("talk", closing.path(0).path("action").asText());
        assertEquals("We could not connect your call. Goodbye.", closing.path(0).path("text").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.modifiesOf(call[2]).stream()
                .anyMatch(m -> m.action().equals("hangup")));
        assertEquals("DONE", Db.state(dataSource, callId));
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }

    static String monitorBody(String mode) {
        return "{\"mode\":\"" + mode + "\",\"endpoint\":{\"type\":\"phone\",\"number\":\"+447700900999\"}}";
    }

    /** The conversation action a supervisor's leg is (last) put in. */
    static JsonNode monitorConversation(VonageStub.Create leg) {
        List<JsonNode> moves = transfersOf(leg.legId());
        return moves.isEmpty() ? leg.body().path("ncco").path(0) : moves.get(moves.size() - 1).path(0);
    }

    @Test
    void aSupervisorListensWhispersBargesInTheAuditLogTheirHangUpIsNotTheCallsEndTheCallsEndIsTheirs() {
        String[] call = connectedCall();
        String callId = call[0];
        String sup = "sup-" + Scenario.id();
        String monitors = "/calls/" + callId + "/monitors";

        as(call[1], "agent").contentType("application/json").body(monitorBody("listen")).post(monitors).then()
                .statusCode(403);
        as(sup, "supervisor").contentType("application/json").body("{\"mode\":\"spy\",\"endpoint\":{\"type\":"
                + "\"phone\",\"number\":\"+447700900999\"}}").post(monitors).then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        String listening = as(sup, "supervisor").contentType("application/json").body(monitorBody("listen"))
                .post(monitors).then().statusCode(201).body("mode", equalTo("listen"))
                .body("supervisorId", equalTo(sup)).extract().path("monitorId");
        VonageStub.Create leg = Scenario.awaitLeg(callId, 2);
        assertTrue(leg.eventUrl().contains("role=monitor"), leg.eventUrl());
        assertEquals("cc-" + callId, monitorConversation(leg).path("name").asText());
        assertEquals(0, monitorConversation(leg).path("canSpeak").size(), "listen: nobody hears the supervisor");
        assertTrue(monitorConversation(leg).has("canSpeak"), leg.body().toString());
        supervisor().get("/calls/" + callId).then().body("monitors[0].monitorId", equalTo(listening))
                .body("monitors[0].mode", equalTo("listen"));

        as(sup, "supervisor").contentType("application/json").body("{\"mode\":\"whisper\"}")
                .put(monitors + "/" + listening).then().statusCode(200).body("mode", equalTo("whisper"));
        assertEquals(List.of(call[2]), Bus.JSON.convertValue(monitorConversation(leg).path("canSpeak"), List.class),
                "whisper: only the agent hears the supervisor");
        as(sup, "supervisor").contentType("application/json").body("{\"mode\":\"barge\"}")
                .put(monitors + "/" + listening).then().statusCode(200);
        assertTrue(monitorConversation(leg).path("canSpeak").isMissingNode(), "barge: everyone hears them");

        // the supervisor hangs up: the monitor ends, the call goes on
        bus.send(io.contactcenter.events.Topics.CALL_EVENTS, callId, new io.contactcenter.events.CallEvent(
                Scenario.id(), io.contactcenter.events.CallEvent.VERSION, callId, leg.legId(),
                io.contactcenter.events.Role.MONITOR, null, io.contactcenter.events.EventKind.STATUS,
                CallStatus.COMPLETED, null, null, null, null, null, null, java.time.Instant.now(),
                java.time.Instant.now(), null));
        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor().get("/calls/" + callId).then()
                .extract().path("monitors.size()").equals(0));
        as(call[1], "agent").get("/calls/" + callId).then().statusCode(200);
        as(sup, "supervisor").delete(monitors + "/" + listening).then().statusCode(409);

        // a second one; the agent hangs up: the call ends and so does the monitor, its leg hung up
        as(sup, "supervisor").contentType("application/json").body(monitorBody("barge")).post(monitors).then()
                .statusCode(201);
        VonageStub.Create second = Scenario.awaitLeg(callId, 3);
        bus.agentEvent(callId, call[2], call[1], CallStatus.COMPLETED, Map.of("duration", "5"));
        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.modifiesOf(second.legId()).stream()
                .anyMatch(m -> m.action().equals("hangup")));
        as(call[1], "agent").get("/monitoring/audit?callId=" + callId).then().statusCode(403);
        supervisor().get("/monitoring/audit?callId=" + callId).then().statusCode(200)
                .body("action", equalTo(List.of("START", "SWITCH", "SWITCH", "END", "START", "END")))
                .body("mode", equalTo(List.of("listen", "whisper", "barge", "barge", "barge", "barge")))
                .body("supervisorId", everyItem(equalTo(sup))).body("callId", everyItem(equalTo(callId)));
        Scenario.awaitOutcomes(callId, AssignmentOutcome.RINGING, AssignmentOutcome.ANSWERED,
                AssignmentOutcome.COMPLETED);
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }

    @Test
    void twoTransferRequestsAtOnceOneIsAcceptedTheOtherRefused() throws Exception {
        String[] call = connectedCall();
        String target = Scenario.department(60, 3);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Integer>> answers = pool.invokeAll(List.of(
                    () -> as(call[1], "agent").contentType("application/json").body(coldTo(target))
                            .post("/calls/" + call[0] + "/transfers").statusCode(),
                    () -> supervisor().contentType("application/json").body(coldTo(target))
                            .post("/calls/" + call[0] + "/transfers").statusCode()));
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            statuses.sort(null);
            assertEquals(List.of(202, 409), statuses);
        } finally {
            pool.shutdown();
        }
        Scenario.awaitOutcomes(call[0], AssignmentOutcome.RINGING, AssignmentOutcome.ANSWERED,
                AssignmentOutcome.TRANSFER_STARTED, AssignmentOutcome.TRANSFERRED);
        callerHangsUp(call[0]); // it waits in a department without agents
    }

    @Test
    void badTransferRequestsAreRefusedWithProblems() {
        String[] call = connectedCall();
        String path = "/calls/" + call[0] + "/transfers";
        as(call[1], "agent").contentType("application/json").body("{\"kind\":\"hot\",\"target\":{\"type\":\"department\","
                + "\"departmentId\":\"x\"}}").post(path).then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        as(call[1], "agent").contentType("application/json").body("{\"kind\":\"cold\",\"target\":{\"type\":\"number\","
                + "\"number\":\"12\"}}").post(path).then().statusCode(400);
        as(call[1], "agent").contentType("application/json").body("{\"kind\":\"cold\",\"target\":{\"type\":\"agent\"}}")
                .post(path).then().statusCode(400);
        as(call[1], "agent").contentType("application/json").body(coldTo(Scenario.id())).post(path).then()
                .statusCode(422).contentType(containsString("application/problem+json"));
        as(Scenario.id(), "agent").contentType("application/json").body(coldTo(call[3])).post(path).then()
                .statusCode(403);
        supervisor().get("/calls/" + call[0]).then().statusCode(200).body("transfer", nullValue());
        callerHangsUp(call[0]);
    }
}
