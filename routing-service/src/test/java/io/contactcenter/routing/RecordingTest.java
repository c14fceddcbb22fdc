package io.contactcenter.routing;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.infra.Rows;
import io.contactcenter.routing.service.Retention;
import io.contactcenter.support.webhook.WebhookUrls;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Call recording: a department recording every call (the announcement, then the record action, then the conversation,
 * when the agent answers), recording on request (who may, 409s, Idempotency-Key), Vonage's reports stored once,
 * {@code GET /recordings} for supervisors only, and the recordings' retention.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class RecordingTest {

    private static final String ANNOUNCEMENT = "This call is recorded for quality and training.";

    private final Bus bus = Bus.get();

    @Inject
    DataSource dataSource;

    @Inject
    Retention retention;

    /** A call answered by a new agent of a new department recording in {@code mode}: {callId, agentId, legId, dept}. */
    private static String[] connectedCall(String mode) {
        String department = Scenario.department(60, 3);
        DirectoryStub.departmentSetting(department, "recording", mode);
        String agent = Scenario.phoneAgent(department)[0];
        String callId = Scenario.id();
        Bus.get().routeRequest(callId, department);
        String leg = Scenario.awaitLeg(callId, 1).legId();
        Bus.get().agentEvent(callId, leg, agent, CallStatus.ANSWERED, null);
        Scenario.awaitOutcomes(callId, AssignmentOutcome.RINGING, AssignmentOutcome.ANSWERED);
        return new String[] {callId, agent, leg, department};
    }

    @Test
    void aDepartmentRecordingEveryCallAnnouncesItThenRecordsWhenTheAgentAnswers() {
        String[] call = connectedCall("on");
        String callId = call[0];

        await().atMost(Duration.ofSeconds(10)).until(() -> ControlsTest.transfersOf(callId).size() == 1);
        JsonNode ncco = ControlsTest.transfersOf(callId).get(0);
        assertEquals(3, ncco.size(), ncco.toString());
        assertEquals("talk", ncco.get(0).path("action").asText(), "the announcement first: " + ncco);
        assertEquals(ANNOUNCEMENT, ncco.get(0).path("text").asText());
        assertEquals("record", ncco.get(1).path("action").asText(), ncco.toString());
        String eventUrl = ncco.get(1).path("eventUrl").get(0).asText();
        assertTrue(eventUrl.startsWith("https://gateway.test/webhooks/recording?"), eventUrl);
        Map<String, String> params = WebhookUrls.parseQuery(URI.create(eventUrl).getRawQuery());
        assertEquals(callId, params.get("call"));
        assertEquals("call", params.get("kind"));
        assertTrue(params.containsKey(WebhookUrls.SIGNATURE_PARAM), eventUrl);
        assertEquals("conversation", ncco.get(2).path("action").asText());
        assertEquals("cc-" + callId, ncco.get(2).path("name").asText());

        ControlsTest.as(call[1], "agent").get("/calls/" + callId).then().statusCode(200)
                .body("recording", equalTo(true));
        ControlsTest.supervisor().get("/calls/live").then().statusCode(200)
                .body("find { it.callId == '" + callId + "' }.recording", equalTo(true));
        ControlsTest.as(call[1], "agent").post("/calls/" + callId + "/recording").then().statusCode(409)
                .contentType(containsString("application/problem+json"));
        ControlsTest.callerHangsUp(callId);
        assertEquals(1, ControlsTest.transfersOf(callId).size(), "recorded once");
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }

    @Test
    void onRequestTheAgentOnTheCallStartsTheRecordingOnceAndARetryIsAnsweredAlike() {
        String[] call = connectedCall("on-request");
        String callId = call[0];
        ControlsTest.as(call[1], "agent").get("/calls/" + callId).then().body("recording", equalTo(false));
        assertTrue(ControlsTest.transfersOf(callId).isEmpty(), "nothing recorded before it is asked for");

        ControlsTest.as(Scenario.id(), "agent").post("/calls/" + callId + "/recording").then().statusCode(403)
                .contentType(containsString("application/problem+json"));
        String first = ControlsTest.as(call[1], "agent").header("Idempotency-Key", "rec-1")
                .post("/calls/" + callId + "/recording").then().statusCode(200).body("recording", equalTo(true))
                .extract().asString();
        String retried = ControlsTest.as(call[1], "agent").header("Idempotency-Key", "rec-1")
                .post("/calls/" + callId + "/recording").then().statusCode(200).extract().asString();
        assertEquals(first, retried);
        ControlsTest.as(call[1], "agent").post("/calls/" + callId + "/recording").then().statusCode(409)
                .contentType(containsString("application/problem+json"));
        ControlsTest.supervisor().post("/calls/" + callId + "/recording").then().statusCode(409);

        await().atMost(Duration.ofSeconds(10)).until(() -> ControlsTest.transfersOf(callId).size() == 1);
        JsonNode ncco = ControlsTest.transfersOf(callId).get(0);
        assertEquals(List.of("talk", "record", "conversation"),
                List.of(ncco.get(0).path("action").asText(), ncco.get(1).path("action").asText(),
                        ncco.get(2).path("action").asText()));
        assertEquals(ANNOUNCEMENT, ncco.get(0).path("text").asText());
        ControlsTest.callerHangsUp(callId);
        assertEquals(1, ControlsTest.transfersOf(callId).size(), "the retry did not record again");
    }

    @Test
    void aDepartmentThatDoesNotRecordRefusesAndACallerOnHoldMustBeTakenBackFirst() {
        String[] off = connectedCall("off");
        ControlsTest.as(off[1], "agent").post("/calls/" + off[0] + "/recording").then().statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("does not record"));
        ControlsTest.callerHangsUp(off[0]);
        ControlsTest.supervisor().post("/calls/" + off[0] + "/recording").then().statusCode(409);

        String[] held = connectedCall("on-request");
        ControlsTest.as(held[1], "agent").post("/calls/" + held[0] + "/hold").then().statusCode(200);
        ControlsTest.as(held[1], "agent").post("/calls/" + held[0] + "/recording").then().statusCode(409)
                .body("detail", containsString("on hold"));
        ControlsTest.callerHangsUp(held[0]);
        assertTrue(ControlsTest.transfersOf(off[0]).isEmpty());
    }

    @Test
    void aReportedRecordingIsStoredOnceAndListedToSupervisorsOnly() {
        String[] call = connectedCall("on");
        String callId = call[0];
        String other = connectedCall("on")[0];
        ControlsTest.callerHangsUp(callId);
        ControlsTest.callerHangsUp(other);

        CallEvent report = recordingReport(callId, "evt-" + Scenario.id(), "rec-" + callId, "187");
        bus.send(Topics.CALL_EVENTS, callId, report);
        bus.send(Topics.CALL_EVENTS, callId, report); // Kafka's redelivery
        // the gateway's second publication of the same recording (another event id): the same row
        bus.send(Topics.CALL_EVENTS, callId, recordingReport(callId, "evt-" + Scenario.id(), "rec-" + callId, "187"));
        bus.send(Topics.CALL_EVENTS, other, recordingReport(other, "evt-" + Scenario.id(), "rec-" + other, "5"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count(dataSource,
                "select count(*) from routing.call_recording where call_id = ?", other) == 1);
        Scenario.awaitSettled(dataSource, report);
        assertEquals(1, Db.count(dataSource, "select count(*) from routing.call_recording where call_id = ?", callId));

        ControlsTest.supervisor().get("/recordings?callId=" + callId).then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].callId", equalTo(callId)).body("[0].departmentId", equalTo(call[3]))
                .body("[0].agentIds", equalTo(List.of(call[1])))
                .body("[0].url", equalTo("https://api.nexmo.com/v1/files/rec-" + callId))
                .body("[0].durationSeconds", equalTo(187)).body("[0].startedAt", equalTo("2026-03-02T12:00:00Z"));
        ControlsTest.supervisor().get("/recordings?departmentId=" + call[3]).then().statusCode(200)
                .body("callId", equalTo(List.of(callId)));
        ControlsTest.supervisor().get("/recordings").then().statusCode(200)
                .body("callId", hasItem(callId)).body("callId", hasItem(other));
        ControlsTest.supervisor().get("/recordings?departmentId=" + Scenario.id()).then().statusCode(200)
                .body("size()", equalTo(0));
        ControlsTest.as(call[1], "agent").get("/recordings?callId=" + callId).then().statusCode(403)
                .contentType(containsString("application/problem+json"));
        ControlsTest.supervisor().get("/recordings?callId=" + other).then().body("callId", not(hasItem(callId)));
    }

    @Test
    void recordingsOlderThanTheRetentionAreDeletedOnly() {
        String callId = Scenario.id();
        Rows.write(dataSource, "insert into routing.call_recording (recording_uuid, call_id, url, started_at)"
                + " values (?, ?, 'https://api.nexmo.com/v1/files/old', ?)", "old-" + callId, callId,
                Timestamp.from(Instant.now().minus(Duration.ofDays(91))));
        Rows.write(dataSource, "insert into routing.call_recording (recording_uuid, call_id, url, started_at)"
                + " values (?, ?, 'https://api.nexmo.com/v1/files/kept', ?)", "kept-" + callId, callId,
                Timestamp.from(Instant.now().minus(Duration.ofDays(89))));

        retention.runOnce();

        assertEquals("kept-" + callId, Db.single(dataSource,
                "select string_agg(recording_uuid, ',') from routing.call_recording where call_id = ?", callId));
    }

    /** The gateway's RECORDING CallEvent of a call's recording (docs/events.md). */
    private static CallEvent recordingReport(String callId, String eventId, String recordingUuid, String seconds) {
        return new CallEvent(eventId, CallEvent.VERSION, callId, null, Role.CALLER, null, EventKind.RECORDING, null,
                null, null, null, null, "CON-" + callId, null, Instant.parse("2026-03-02T12:03:08Z"), Instant.now(),
                Map.of("type", "call", "recordingUrl", "https://api.nexmo.com/v1/files/" + recordingUuid,
                        "recordingUuid", recordingUuid, "durationSeconds", seconds,
                        "startTime", "2026-03-02T12:00:00Z", "endTime", "2026-03-02T12:03:07Z"));
    }
}
