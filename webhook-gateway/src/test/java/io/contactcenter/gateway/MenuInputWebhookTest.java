package io.contactcenter.gateway;

import static io.contactcenter.gateway.Json.assertJson;
import static io.contactcenter.gateway.Json.eventId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The IVR input webhook: routing a valid digit, re-prompts, goodbye, bad input. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(DirectoryStub.class)
class MenuInputWebhookTest {

    static final String REGION = "https://api-us-3.vonage.com";
    static final String MENU = "For Sales press 1, for Customer Support press 2.";

    private TopicWatcher callEvents;
    private TopicWatcher routeRequests;

    @BeforeEach
    void watch() {
        DirectoryStub.reset();
        callEvents = new TopicWatcher(Topics.CALL_EVENTS);
        routeRequests = new TopicWatcher(Topics.ROUTE_REQUESTS);
    }

    @AfterEach
    void close() {
        callEvents.close();
        routeRequests.close();
    }

    static String input(String uuid, String dtmf) {
        return """
                {"speech":{"results":[]},"dtmf":%s,"from":"447700900001","to":"447700900100","uuid":"%s",
                 "conversation_uuid":"CON-%s","timestamp":"2020-01-01T14:00:00.000Z"}""".formatted(dtmf, uuid, uuid);
    }

    @Test
    void validDigitParksTheCallerInTheCallsConversationAndPublishesTheRouteRequest() {
        String uuid = UUID.randomUUID().toString();

        String ncco = Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "1", "region", REGION),
                input(uuid, "{\"digits\":\"2\",\"timed_out\":false}")).then().statusCode(200).extract().asString();

        assertJson("""
                [{"text":"Please wait while we connect you to Customer Support","action":"talk"},
                 {"name":"cc-%s","startOnEnter":false,"endOnExit":false,"musicOnHoldUrl":["https://gateway.test/moh.mp3"],
                  "action":"conversation"}]""".formatted(uuid), ncco);
        ConsumerRecord<String, String> route = routeRequests.one(uuid);
        assertEquals(uuid, route.key());
        assertJson("""
                {"eventId":"%s","version":1,"callId":"%s","department":"%s","callerNumber":"447700900001",
                 "conversationName":"cc-%s","regionUrl":"https://api-us-3.vonage.com"}"""
                .formatted(eventId("route", uuid, 1, "2", "2020-01-01T14:00:00Z"), uuid, DirectoryStub.SUPPORT_ID, uuid),
                TopicWatcher.withoutClock(route));
        assertJson("""
                {"eventId":"%s","version":1,"callId":"%s","legId":"%s","role":"CALLER","kind":"MENU_INPUT","digits":"2",
                 "timedOut":false,"from":"447700900001","to":"447700900100","conversationUuid":"CON-%s",
                 "regionUrl":"https://api-us-3.vonage.com","occurredAt":"2020-01-01T14:00:00Z",
                 "detail":{"attempt":"1","outcome":"ROUTED","department":"%s"}}"""
                .formatted(eventId("MENU_INPUT", uuid, 1, "2", "2020-01-01T14:00:00Z"), uuid, uuid, uuid,
                        DirectoryStub.SUPPORT_ID), TopicWatcher.withoutClock(callEvents.one(uuid)));
    }

    @Test
    void everyInvalidOrMissingDigitRepromptsWithTheNextAttempt() {
        String[] bad = {"{\"digits\":\"12\",\"timed_out\":false}", "{\"digits\":\"*\",\"timed_out\":false}",
            "{\"digits\":\"\",\"timed_out\":true}", "{\"digits\":null,\"timed_out\":true}", "{\"timed_out\":true}",
            "{\"digits\":\"9\",\"timed_out\":false}", "null"};
        for (String dtmf : bad) {
            String uuid = UUID.randomUUID().toString();
            String ncco = Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "1", "region", REGION), input(uuid, dtmf))
                    .then().statusCode(200).extract().asString();
            assertJson("""
                    [{"text":"Sorry, I did not understand that. %s","bargeIn":true,"action":"talk"},
                     {"type":["dtmf"],"dtmf":{"timeOut":5,"maxDigits":1},
                      "eventUrl":["%s"],"action":"input"}]"""
                    .formatted(MENU, Webhooks.publicUrl("/webhooks/input", "attempt", "2", "region", REGION)), ncco);
            var event = TopicWatcher.withoutClock(callEvents.one(uuid));
            assertEquals("MENU_INPUT", event.get("kind").asText(), dtmf);
            assertJson("{\"attempt\":\"1\",\"outcome\":\"RETRY\"}", event.get("detail"));
            String digits = dtmf.contains("\"12\"") ? "12" : dtmf.contains("\"*\"") ? "*" : dtmf.contains("\"9\"") ? "9" : null;
            assertEquals(digits, event.hasNonNull("digits") ? event.get("digits").asText() : null, dtmf);
            assertEquals(dtmf.contains("true"), event.path("timedOut").asBoolean(false), dtmf);
        }
        routeRequests.settle("none", Duration.ofMillis(300));
    }

    @Test
    void afterTheLastAttemptTheCallerHearsGoodbyeAndNoRouteRequestIsMade() {
        String uuid = UUID.randomUUID().toString();
        String ncco = Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "3"),
                input(uuid, "{\"digits\":\"7\",\"timed_out\":false}")).then().statusCode(200).extract().asString();

        assertJson("[{\"text\":\"We could not understand your choice. Goodbye.\",\"action\":\"talk\"}]", ncco);
        assertJson("{\"attempt\":\"3\",\"outcome\":\"GOODBYE\"}", TopicWatcher.json(callEvents.one(uuid)).get("detail"));
        assertTrue(routeRequests.settle(uuid, Duration.ofSeconds(1)).isEmpty());
    }

    @Test
    void anUnknownRegionIsLeftOutAndTheCallerNumberComesFromTheSignedBody() {
        String uuid = UUID.randomUUID().toString();
        Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "1"), input(uuid, "{\"digits\":\"1\",\"timed_out\":false}"))
                .then().statusCode(200);
        var route = TopicWatcher.withoutClock(routeRequests.one(uuid));
        assertEquals(DirectoryStub.SALES_ID, route.get("department").asText());
        assertEquals("447700900001", route.get("callerNumber").asText(), "caller number from the payload");
        assertTrue(!route.has("regionUrl"));
    }

    @Test
    void malformedInputIs400ProblemJsonNever500() {
        String uuid = UUID.randomUUID().toString();
        String[] bad = {
            input(uuid, "{\"digits\":1,\"timed_out\":false}"),
            input(uuid, "{\"digits\":\"1\",\"timed_out\":\"maybe\"}"),
            input(uuid, "\"1\""),
            input(uuid, "{\"digits\":\"1\"}").replace("\"uuid\":\"" + uuid + "\",", ""),
            input(uuid, "{\"digits\":\"1\"}").replace("2020-01-01T14:00:00.000Z", "2020-01-01 14:00:00"),
            // a valid digit, but a field read late is mistyped: refused before the route request is published
            input(uuid, "{\"digits\":\"1\"}").replace("\"conversation_uuid\":\"CON-", "\"conversation_uuid\":7,\"c\":\""),
            "{\"dtmf\":{\"digits\":\"1\"},\"uuid\":\"" + uuid + "\"",
            "not json"};
        for (String body : bad) {
            Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "1"), body).then()
                    .statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
        Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "abc"), input(uuid, "{\"digits\":\"1\"}")).then()
                .statusCode(400).contentType("application/problem+json");
        Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "0"), input(uuid, "{\"digits\":\"1\"}")).then().statusCode(400);
        Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "1", "region", "javascript:alert(1)"), input(uuid, "{\"digits\":\"1\"}"))
                .then().statusCode(400).contentType("application/problem+json");
        assertTrue(routeRequests.settle(uuid, Duration.ofMillis(500)).isEmpty(), "nothing routed for bad input");
    }
}
