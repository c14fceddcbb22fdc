package io.contactcenter.gateway;

import static io.contactcenter.gateway.Json.assertJson;
import static io.contactcenter.gateway.Json.eventId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.support.webhook.GatewayWebhooks;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The event webhook: every Vonage event normalized into a CallEvent, acknowledged before the 204. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(DirectoryStub.class)
class EventWebhookTest extends CallEventsWatched {

    @Test
    void callerCompletedEventKeepsItsBillingDetailsAndARedeliveryHasTheSameEventId() {
        String uuid = UUID.randomUUID().toString();
        String payload = """
                {"end_time":"2020-01-01T12:00:02.000Z","uuid":"%s","network":"GB-FIXED","duration":"2",
                 "start_time":"2020-01-01T12:00:00.000Z","rate":"0.00450000","price":"0.00015000","from":"442079460000",
                 "to":"447700900000","conversation_uuid":"CON-%s","status":"completed","direction":"inbound",
                 "disconnected_by":"user","sip_code":200,"timestamp":"2020-01-01T12:00:02.000Z"}""".formatted(uuid, uuid);

        Webhooks.post("/webhooks/event", payload).then().statusCode(204);
        Webhooks.post("/webhooks/event", payload).then().statusCode(204);

        var records = callEvents.records(uuid, 2, Duration.ofSeconds(15));
        assertEquals(2, records.size());
        String expected = """
                {"eventId":"%s","version":1,"callId":"%s","legId":"%s","role":"CALLER","kind":"STATUS","status":"completed",
                 "from":"442079460000","to":"447700900000","conversationUuid":"CON-%s","occurredAt":"2020-01-01T12:00:02Z",
                 "detail":{"duration":"2","disconnectedBy":"user","sipCode":"200","direction":"inbound",
                  "startTime":"2020-01-01T12:00:00.000Z","endTime":"2020-01-01T12:00:02.000Z","rate":"0.00450000",
                  "price":"0.00015000","network":"GB-FIXED"}}"""
                .formatted(eventId("STATUS", uuid, uuid, "completed", "2020-01-01T12:00:02Z"), uuid, uuid, uuid);
        assertJson(expected, TopicWatcher.withoutClock(records.get(0)));
        assertJson(expected, TopicWatcher.withoutClock(records.get(1)));
    }

    @Test
    void agentLegEventsAreKeyedByTheCallersCallIdWithRoleAgent() {
        String callId = UUID.randomUUID().toString();
        String legId = UUID.randomUUID().toString();
        Webhooks.post(Webhooks.url("/webhooks/event", "call", callId, "agent", "a-7"), """
                {"start_time":null,"rate":null,"from":"447700900100","to":"447700900002","uuid":"%s",
                 "conversation_uuid":"CON-x","status":"answered","direction":"outbound","network":null,
                 "timestamp":"2020-01-01T12:00:00.000Z"}""".formatted(legId)).then().statusCode(204);
        Webhooks.post(Webhooks.url("/webhooks/event", "call", callId, "agent", "a-7"), """
                {"call_uuid":"%s","from":"447700900100","to":"447700900002","status":"human",
                 "conversation_uuid":"CON-x","timestamp":"2020-01-01T12:00:01.000Z"}""".formatted(legId)).then().statusCode(204);

        var records = callEvents.records(callId, 2, Duration.ofSeconds(15));
        assertEquals(2, records.size());
        for (ConsumerRecord<String, String> record : records) {
            assertEquals(callId, record.key());
        }
        assertJson("""
                {"eventId":"%s","version":1,"callId":"%s","legId":"%s","role":"AGENT","agentId":"a-7","kind":"STATUS",
                 "status":"answered","from":"447700900100","to":"447700900002","conversationUuid":"CON-x",
                 "occurredAt":"2020-01-01T12:00:00Z","detail":{"direction":"outbound"}}"""
                .formatted(eventId("STATUS", callId, legId, "answered", "2020-01-01T12:00:00Z"), callId, legId),
                TopicWatcher.withoutClock(records.get(0)));
        var human = TopicWatcher.withoutClock(records.get(1));
        assertEquals(legId, human.get("legId").asText(), "call_uuid is the leg of human/machine events");
        assertEquals("human", human.get("status").asText());
    }

    /** A supervisor's monitor leg: its hang-up is neither the caller's nor an agent's (routing and survey ignore it). */
    @Test
    void monitorLegEventsHaveTheirOwnRole() {
        String callId = UUID.randomUUID().toString();
        String legId = UUID.randomUUID().toString();
        Webhooks.post(new GatewayWebhooks("", Webhooks.SIGNING_KEY).monitorEvents(callId, null), """
                {"uuid":"%s","status":"completed","conversation_uuid":"CON-m","duration":"12",
                 "timestamp":"2020-01-01T12:00:02.000Z"}""".formatted(legId)).then().statusCode(204);

        var record = TopicWatcher.withoutClock(callEvents.one(callId));
        assertEquals("MONITOR", record.get("role").asText());
        assertEquals(legId, record.get("legId").asText());
        assertEquals("completed", record.get("status").asText());
        assertTrue(record.path("agentId").isMissingNode() || record.get("agentId").isNull());
    }

    /** Routing names the caller's region in the agent leg's event_url: the agent's events carry it (DESIGN §4). */
    @Test
    void agentLegEventsCarryTheCallersRegionFromTheEventUrl() {
        String callId = UUID.randomUUID().toString();
        String legId = UUID.randomUUID().toString();
        Webhooks.post(Webhooks.url("/webhooks/event", "call", callId, "agent", "a-8", "region", "https://api-eu-3.vonage.com"), """
                {"from":"447700900100","to":"447700900002","uuid":"%s","conversation_uuid":"CON-y",
                 "status":"completed","direction":"outbound","duration":"30",
                 "timestamp":"2020-01-01T12:00:30.000Z"}""".formatted(legId)).then().statusCode(204);

        var event = TopicWatcher.withoutClock(callEvents.one(callId));
        assertEquals("AGENT", event.get("role").asText());
        assertEquals("https://api-eu-3.vonage.com", event.get("regionUrl").asText());

        Webhooks.post(Webhooks.url("/webhooks/event", "call", callId, "agent", "a-8", "region", "ftp://x"), """
                {"uuid":"%s","status":"completed","timestamp":"2020-01-01T12:00:31.000Z"}""".formatted(legId))
                .then().statusCode(400);
    }

    @Test
    void eventsWithoutStatusKeepTheirType() {
        String uuid = UUID.randomUUID().toString();
        Webhooks.post("/webhooks/event", """
                {"conversation_uuid_from":"CON-a","conversation_uuid_to":"CON-b","uuid":"%s",
                 "timestamp":"2020-01-01T12:00:00.000Z"}""".formatted(uuid)).then().statusCode(204);
        assertJson("""
                {"eventId":"%s","version":1,"callId":"%s","legId":"%s","role":"CALLER","kind":"STATUS",
                 "occurredAt":"2020-01-01T12:00:00Z",
                 "detail":{"type":"transfer","conversationUuidFrom":"CON-a","conversationUuidTo":"CON-b"}}"""
                .formatted(eventId("STATUS", uuid, uuid, "transfer", "2020-01-01T12:00:00Z"), uuid, uuid),
                TopicWatcher.withoutClock(callEvents.one(uuid)));

        String recorded = UUID.randomUUID().toString();
        Webhooks.post("/webhooks/event", """
                {"start_time":"2020-01-01T12:00:00Z","recording_url":"https://api.nexmo.com/v1/files/r1","size":12345,
                 "recording_uuid":"r1","end_time":"2020-01-01T12:01:00Z","uuid":"%s","conversation_uuid":"CON-c",
                 "timestamp":"2020-01-01T14:00:00.000Z"}""".formatted(recorded)).then().statusCode(204);
        var record = TopicWatcher.json(callEvents.one(recorded));
        assertFalse(record.has("status"));
        assertEquals("record", record.get("detail").get("type").asText());
        assertEquals("https://api.nexmo.com/v1/files/r1", record.get("detail").get("recordingUrl").asText());
        assertEquals("12345", record.get("detail").get("size").asText());

        String input = UUID.randomUUID().toString();
        Webhooks.post("/webhooks/event", """
                {"dtmf":{"digits":"5","timed_out":false},"uuid":"%s","timestamp":"2020-01-01T14:00:00.000Z"}"""
                .formatted(input)).then().statusCode(204);
        var inputEvent = TopicWatcher.json(callEvents.one(input));
        assertEquals("input", inputEvent.get("detail").get("type").asText());
        assertEquals("5", inputEvent.get("digits").asText());

        String transcribed = UUID.randomUUID().toString();
        Webhooks.post("/webhooks/event", """
                {"uuid":"%s","status":"transcribed","timestamp":"2020-01-01T14:00:00.000Z"}"""
                .formatted(transcribed)).then().statusCode(204);
        var unknown = TopicWatcher.json(callEvents.one(transcribed));
        assertEquals("unknown", unknown.get("status").asText());
        assertEquals("transcribed", unknown.get("detail").get("vonageStatus").asText());
    }

    @Test
    void agentLegErrorEventWithoutUuidIsStillKeptAndEventsWithoutTimestampGetAStableId() {
        String callId = UUID.randomUUID().toString();
        String error = "{\"reason\":\"Syntax error in NCCO. Invalid value type or action.\",\"conversation_uuid\":\"CON-e\"}";
        Webhooks.post(Webhooks.url("/webhooks/event", "call", callId, "agent", "a-1"), error).then().statusCode(204);
        Webhooks.post(Webhooks.url("/webhooks/event", "call", callId, "agent", "a-1"), error).then().statusCode(204);
        var records = callEvents.records(callId, 2, Duration.ofSeconds(15));
        assertEquals(2, records.size());
        var first = TopicWatcher.json(records.get(0));
        assertEquals("error", first.get("detail").get("type").asText());
        assertFalse(first.has("legId"));
        assertEquals(first.get("eventId"), TopicWatcher.json(records.get(1)).get("eventId"));
    }

    @Test
    void anEventUrlWithOnlyTheCallIdKeysTheEventByThatCallAsTheCallersLeg() {
        String callId = UUID.randomUUID().toString();
        Webhooks.post(Webhooks.url("/webhooks/event", "call", callId), """
                {"start_time":"2020-01-01T12:00:00Z","recording_url":"https://api.nexmo.com/v1/files/v1","size":"2048",
                 "recording_uuid":"v1","end_time":"2020-01-01T12:01:00Z","conversation_uuid":"CON-v",
                 "timestamp":"2020-01-01T12:01:01.000Z"}""").then().statusCode(204);
        var record = callEvents.one(callId);
        assertEquals(callId, record.key());
        assertJson("""
                {"eventId":"%s","version":1,"callId":"%s","role":"CALLER","kind":"STATUS","conversationUuid":"CON-v",
                 "occurredAt":"2020-01-01T12:01:01Z","detail":{"type":"record","startTime":"2020-01-01T12:00:00Z",
                 "endTime":"2020-01-01T12:01:00Z","recordingUrl":"https://api.nexmo.com/v1/files/v1",
                 "recordingUuid":"v1","size":"2048"}}"""
                .formatted(eventId("STATUS", callId, null, "record", "2020-01-01T12:01:01Z"), callId),
                TopicWatcher.withoutClock(record));
    }

    @Test
    void badEventsAre400AndPublishNothing() {
        String uuid = UUID.randomUUID().toString();
        for (String bad : new String[] {
                "{\"status\":\"completed\",\"timestamp\":\"2020-01-01T12:00:00.000Z\"}",
                "{\"uuid\":\"" + uuid + "\",\"status\":7}",
                "{\"uuid\":\"" + uuid + "\",\"status\":\"answered\",\"timestamp\":\"yesterday\"}",
                "{\"uuid\":\"" + uuid + "\",\"duration\":{\"seconds\":2}}",
                "{\"uuid\":\"" + uuid + "\"",
                "12"}) {
            Webhooks.post("/webhooks/event", bad).then().statusCode(400).contentType("application/problem+json");
        }
        assertTrue(callEvents.settle(uuid, Duration.ofMillis(500)).isEmpty());
    }
}
