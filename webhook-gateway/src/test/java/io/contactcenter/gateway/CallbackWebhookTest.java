package io.contactcenter.gateway;

import static io.contactcenter.gateway.Json.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * The callback dialogue of a waiting caller ({@code /webhooks/callback}): the offer, the caller's own number
 * confirmed, another number keyed (a bad one re-prompted), back to waiting, and the request on {@code call-events}.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(DirectoryStub.class)
class CallbackWebhookTest {

    static final String REGION = "https://api-us-3.vonage.com";

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

    private static String step(String call, String step, int attempt, String dtmf) {
        return Webhooks.post(Webhooks.url("/webhooks/callback", "call", call, "department", DirectoryStub.SUPPORT_ID,
                        "step", step, "attempt", Integer.toString(attempt), "region", REGION),
                MenuInputWebhookTest.input(call, dtmf)).then().statusCode(200).extract().asString();
    }

    /** The call's CALLBACK_REQUESTED record among its first {@code count} records. */
    private JsonNode requested(String call, int count) {
        return callEvents.records(call, count, Duration.ofSeconds(10)).stream().map(TopicWatcher::json)
                .filter(r -> r.path("detail").path("outcome").asText().equals("CALLBACK_REQUESTED"))
                .findFirst().orElseThrow();
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String keys(String digits) {
        return "{\"digits\":\"" + digits + "\",\"timed_out\":false}";
    }

    private static String waiting(String call) {
        return """
                {"name":"cc-%s","startOnEnter":false,"endOnExit":false,"musicOnHoldUrl":["https://gateway.test/moh.mp3"],
                 "action":"conversation"}""".formatted(call);
    }

    @Test
    void pressingOneAsksForTheNumberAndOneConfirmsTheCallersOwn() {
        String call = UUID.randomUUID().toString();

        String prompt = step(call, "offer", 1, keys("1"));
        assertJson("""
                [{"text":"Should we call you back on the number ending in 0 0 0 1? Press 1 to confirm, or key another number followed by the hash key.",
                  "bargeIn":true,"action":"talk"},
                 {"type":["dtmf"],"dtmf":{"maxDigits":15,"submitOnHash":true,"timeOut":10},
                  "eventUrl":["%s"],"action":"input"}]"""
                .formatted(Webhooks.publicUrl("/webhooks/callback", "call", call, "department",
                        DirectoryStub.SUPPORT_ID, "step", "number", "attempt", "1", "region", REGION)), prompt);

        String confirmed = step(call, "number", 1, keys("1"));
        assertJson("""
                [{"text":"Thank you. We have your request to be called back on 4 4 7 7 0 0 9 0 0 0 0 1. Goodbye.",
                  "action":"talk"}]""", confirmed);
        JsonNode request = requested(call, 2);
        assertEquals("CALLBACK_INPUT", request.path("kind").asText());
        assertEquals("447700900001", request.path("to").asText());
        assertEquals(DirectoryStub.SUPPORT_ID, request.path("detail").path("department").asText());
        assertEquals(REGION, request.path("regionUrl").asText());
    }

    @Test
    void anotherNumberIsKeyedAndABadOneIsPromptedAgainThenTheCallerGoesBackToWaiting() {
        String call = UUID.randomUUID().toString();

        String again = step(call, "number", 1, keys("12"));
        assertEquals("Sorry, that is not a number we can call. Should we call you back on the number ending in 0 0 0 1?"
                        + " Press 1 to confirm, or key another number followed by the hash key.",
                read(again).path(0).path("text").asText());
        assertEquals("2", read(again).path(1).path("eventUrl").path(0).asText().replaceAll(".*attempt=(\\d+).*", "$1"));
        assertJson("[" + waiting(call) + "]", step(call, "number", 2, keys("99")));

        String other = UUID.randomUUID().toString();
        step(other, "number", 1, keys("447700900999"));
        JsonNode request = requested(other, 1);
        assertEquals("447700900999", request.path("to").asText());
    }

    @Test
    void noKeyOrAnotherKeyAtTheOfferIsBackToWaitingWithoutARequest() {
        String call = UUID.randomUUID().toString();

        assertJson("[" + waiting(call) + "]", step(call, "offer", 1, "{\"digits\":\"\",\"timed_out\":true}"));
        assertJson("[" + waiting(call) + "]", step(call, "offer", 1, keys("5")));
        for (ConsumerRecord<String, String> declined : callEvents.records(call, 2, Duration.ofSeconds(10))) {
            assertEquals("DECLINED", TopicWatcher.json(declined).path("detail").path("outcome").asText());
            JsonNode to = TopicWatcher.json(declined).path("to");
            assertTrue(to.isMissingNode() || to.isNull());
        }
    }

    @Test
    void unsignedOrIncompleteCallbackUrlsAreRefused() {
        String call = UUID.randomUUID().toString();
        Webhooks.postUnsigned("/webhooks/callback?call=" + call + "&step=offer", MenuInputWebhookTest.input(call, keys("1")))
                .then().statusCode(401);
        Webhooks.post(Webhooks.url("/webhooks/callback", "call", call, "department", DirectoryStub.SUPPORT_ID,
                "step", "later"), MenuInputWebhookTest.input(call, keys("1"))).then().statusCode(400);
        Webhooks.post(Webhooks.url("/webhooks/callback", "call", call, "step", "offer"),
                MenuInputWebhookTest.input(call, keys("1"))).then().statusCode(400);
    }
}
