package io.contactcenter.gateway;

import static io.contactcenter.gateway.Json.assertJson;
import static io.contactcenter.gateway.Json.eventId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The answer webhook: the IVR menu for callers (GET and POST), in-app agent outbound calls, bad input. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(DirectoryStub.class)
class AnswerWebhookTest {

    static final String MENU_TALK = "{\"text\":\"Thank you for calling. For Sales press 1, for Customer Support press 2.\","
            + "\"bargeIn\":true,\"action\":\"talk\"}";
    static final String REFUSAL =
            "[{\"text\":\"Sorry, you are not allowed to place calls from this application.\",\"action\":\"talk\"}]";

    private TopicWatcher callEvents;

    @BeforeEach
    void watch() {
        DirectoryStub.reset();
        callEvents = new TopicWatcher(Topics.CALL_EVENTS);
    }

    @AfterEach
    void close() {
        callEvents.close();
    }

    @Test
    void getAnswerServesTheMenuWithTheRegionInTheSignedInputUrlAndPublishesTheCallerEvent() {
        String uuid = UUID.randomUUID().toString().replace("-", "");
        String body = given()
                .header("Authorization", VonageSigner.bearer(""))
                .queryParam("to", "447700900100")
                .queryParam("endpoint_type", "phone")
                .queryParam("from", "447700900001")
                .queryParam("conversation_uuid", "CON-" + uuid)
                .queryParam("uuid", uuid)
                .queryParam("region_url", "https://api-us-3.vonage.com")
                .get("/webhooks/answer")
                .then().statusCode(200).contentType("application/json")
                .extract().asString();

        assertJson("[" + MENU_TALK + ",{\"type\":[\"dtmf\"],\"dtmf\":{\"timeOut\":5,\"maxDigits\":1},"
                + "\"eventUrl\":[\"" + Webhooks.publicUrl("/webhooks/input", "attempt", "1", "region", "https://api-us-3.vonage.com")
                + "\"],\"action\":\"input\"}]", body);
        assertFalse(body.contains("447700900001"), "no caller number in URLs");

        ConsumerRecord<String, String> record = callEvents.one(uuid);
        assertEquals(uuid, record.key());
        assertJson("""
                {"eventId":"%s","version":1,"callId":"%s","legId":"%s","role":"CALLER","kind":"STATUS",
                 "from":"447700900001","to":"447700900100","conversationUuid":"CON-%s",
                 "regionUrl":"https://api-us-3.vonage.com","detail":{"type":"answer","endpointType":"phone"}}"""
                .formatted(eventId("answer", uuid), uuid, uuid, uuid), TopicWatcher.withoutClock(record));
    }

    @Test
    void postAnswerWithoutRegionLeavesItOutAndARedeliveryHasTheSameEventId() {
        String uuid = UUID.randomUUID().toString();
        String payload = """
                {"to":"447700900100","from":"442079460000","endpoint_type":"phone","uuid":"%s",
                 "conversation_uuid":"CON-%s"}""".formatted(uuid, uuid);

        String first = Webhooks.post("/webhooks/answer", payload).then().statusCode(200).extract().asString();
        String second = Webhooks.post("/webhooks/answer", payload).then().statusCode(200).extract().asString();

        assertJson("[" + MENU_TALK + ",{\"type\":[\"dtmf\"],\"dtmf\":{\"timeOut\":5,\"maxDigits\":1},"
                + "\"eventUrl\":[\"" + Webhooks.publicUrl("/webhooks/input", "attempt", "1") + "\"],\"action\":\"input\"}]",
                first);
        assertEquals(first, second);
        var records = callEvents.records(uuid, 2, Duration.ofSeconds(15));
        assertEquals(2, records.size());
        assertEquals(TopicWatcher.json(records.get(0)).get("eventId"), TopicWatcher.json(records.get(1)).get("eventId"));
        assertEquals(eventId("answer", uuid), TopicWatcher.json(records.get(0)).get("eventId").asText());
    }

    @Test
    void knownInAppAgentWithAPhoneNumberIsConnectedFromTheContactCenterNumber() {
        String uuid = UUID.randomUUID().toString();
        String payload = """
                {"from_user":"jane","to":"447700900555","endpoint_type":"app","uuid":"%s",
                 "conversation_uuid":"CON-%s","region_url":"https://api-eu-3.vonage.com","custom_data":{"queue":"sales"}}"""
                .formatted(uuid, uuid);

        String ncco = Webhooks.post("/webhooks/answer", payload).then().statusCode(200).extract().asString();

        assertJson("""
                [{"text":"Connecting your call.","action":"talk"},
                 {"endpoint":[{"number":"447700900555","type":"phone"}],"from":"447700900100","action":"connect"}]""", ncco);
        assertJson("""
                {"eventId":"%s","version":1,"callId":"%s","legId":"%s","role":"CALLER","agentId":"a-jane","kind":"STATUS",
                 "to":"447700900555","conversationUuid":"CON-%s","regionUrl":"https://api-eu-3.vonage.com",
                 "detail":{"type":"answer","endpointType":"app","fromUser":"jane","call":"agent-outbound"}}"""
                .formatted(eventId("answer", uuid), uuid, uuid, uuid), TopicWatcher.withoutClock(callEvents.one(uuid)));
        // the directory decided, for this call, this user and this number; nothing is cached (status and count change)
        assertEquals(List.of("POST /outbound-calls " + uuid + " jane 447700900555"), outboundChecks());
        Webhooks.post("/webhooks/answer", payload.replace(uuid, UUID.randomUUID().toString())).then().statusCode(200);
        assertEquals(2, outboundChecks().size());
    }

    @Test
    void anOutboundCallTheDirectoryRefusesIsNeverConnected() {
        DirectoryStub.refuseOutbound("agent Jane is AWAY: outbound calls only while AVAILABLE");
        try {
            String uuid = UUID.randomUUID().toString();
            String ncco = Webhooks.post("/webhooks/answer", """
                    {"from_user":"jane","to":"447700900555","endpoint_type":"app","uuid":"%s"}""".formatted(uuid))
                    .then().statusCode(200).extract().asString();
            assertJson(REFUSAL, ncco);
            assertEquals("agent-refused", TopicWatcher.json(callEvents.one(uuid)).get("detail").get("call").asText());
        } finally {
            DirectoryStub.refuseOutbound(null);
        }
    }

    @Test
    void anOutboundCallIsRefusedWhileTheDirectoryCannotBeAsked() {
        DirectoryStub.down(true);
        try {
            String ncco = Webhooks.post("/webhooks/answer", """
                    {"from_user":"jane","to":"447700900555","endpoint_type":"app","uuid":"%s"}""".formatted(UUID.randomUUID()))
                    .then().statusCode(200).extract().asString();
            assertJson(REFUSAL, ncco);
        } finally {
            DirectoryStub.down(false);
        }
    }

    @Test
    void aMalformedAgentCallIsRefusedBeforeTheDirectoryIsAsked() {
        String uuid = UUID.randomUUID().toString();
        Webhooks.post("/webhooks/answer", """
                {"from_user":"jane","to":"447700900555","endpoint_type":"app","uuid":"%s","conversation_uuid":7}"""
                .formatted(uuid)).then().statusCode(400).contentType("application/problem+json");
        assertTrue(outboundChecks().stream().noneMatch(check -> check.contains(uuid)), "the directory was not asked");
    }

    private static List<String> outboundChecks() {
        return DirectoryStub.requests().stream().filter(r -> r.startsWith("POST /outbound-calls ")).toList();
    }

    @Test
    void unknownAppUserOrAgentWithoutNumberIsRefusedNeverConnected() {
        String refusal = REFUSAL;
        String uuid = UUID.randomUUID().toString();
        assertJson(refusal, Webhooks.post("/webhooks/answer", """
                {"from_user":"mallory","to":"447700900555","endpoint_type":"app","uuid":"%s"}""".formatted(uuid))
                .then().statusCode(200).extract().asString());
        assertJson(refusal, Webhooks.post("/webhooks/answer", """
                {"from_user":"jane","endpoint_type":"app","uuid":"%s"}""".formatted(UUID.randomUUID()))
                .then().statusCode(200).extract().asString());
        assertJson(refusal, Webhooks.post("/webhooks/answer", """
                {"from_user":"jane","to":"sip:evil@example.com","endpoint_type":"app","uuid":"%s"}""".formatted(UUID.randomUUID()))
                .then().statusCode(200).extract().asString());
        assertEquals("agent-refused", TopicWatcher.json(callEvents.one(uuid)).get("detail").get("call").asText());
    }

    @Test
    void badAnswerPayloadsAre400ProblemJson() {
        for (String bad : new String[] {
                "{\"to\":\"447700900100\",\"from\":\"447700900001\"}",
                "{\"uuid\":12345}",
                "{\"uuid\":\"u1\",\"region_url\":\"not a url\"}",
                "{\"uuid\":\"u1\",\"from\":[\"447700900001\"]}",
                "[1,2,3]",
                "{\"uuid\":",
                ""}) {
            Webhooks.post("/webhooks/answer", bad).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400));
        }
        given().header("Authorization", VonageSigner.bearer("")).get("/webhooks/answer?from=447700900001")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
