package io.contactcenter.gateway;

import static io.contactcenter.gateway.Json.assertJson;
import static io.contactcenter.gateway.Json.eventId;

import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The survey input webhook: a score, one re-prompt, then goodbye; a SURVEY_INPUT event each time. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(DirectoryStub.class)
class SurveyWebhookTest extends CallEventsWatched {

    static String input(String uuid, String dtmf) {
        return """
                {"speech":{"results":[]},"dtmf":%s,"from":"447700900001","to":"447700900100","uuid":"%s",
                 "conversation_uuid":"CON-%s","timestamp":"2020-01-01T15:00:00.000Z"}""".formatted(dtmf, uuid, uuid);
    }

    @Test
    void aScoreIsThankedAndPublished() {
        for (String digit : new String[] {"1", "3", "5"}) {
            String uuid = UUID.randomUUID().toString();
            String ncco = Webhooks.post("/webhooks/survey", input(uuid, "{\"digits\":\"" + digit + "\",\"timed_out\":false}"))
                    .then().statusCode(200).extract().asString();
            assertJson("[{\"text\":\"Thank you for your feedback. Goodbye.\",\"action\":\"talk\"}]", ncco);
            assertJson("""
                    {"eventId":"%s","version":1,"callId":"%s","legId":"%s","role":"CALLER","kind":"SURVEY_INPUT",
                     "digits":"%s","timedOut":false,"from":"447700900001","to":"447700900100","conversationUuid":"CON-%s",
                     "occurredAt":"2020-01-01T15:00:00Z","detail":{"attempt":"1","outcome":"ANSWERED"}}"""
                    .formatted(eventId("SURVEY_INPUT", uuid, 1, digit, "2020-01-01T15:00:00Z"), uuid, uuid, digit, uuid),
                    TopicWatcher.withoutClock(callEvents.one(uuid)));
        }
    }

    @Test
    void anythingElseGetsOneRepromptThenGoodbye() {
        for (String dtmf : new String[] {"{\"digits\":\"0\",\"timed_out\":false}", "{\"digits\":\"6\",\"timed_out\":false}",
            "{\"digits\":\"12\",\"timed_out\":false}", "{\"digits\":\"*\",\"timed_out\":false}",
            "{\"digits\":\"\",\"timed_out\":true}", "{\"digits\":null,\"timed_out\":true}"}) {
            String uuid = UUID.randomUUID().toString();
            String ncco = Webhooks.post("/webhooks/survey", input(uuid, dtmf)).then().statusCode(200).extract().asString();
            assertJson("""
                    [{"text":"Sorry, please rate our service with a number from 1 to 5.","bargeIn":true,"action":"talk"},
                     {"type":["dtmf"],"dtmf":{"timeOut":5,"maxDigits":1},
                      "eventUrl":["%s"],"action":"input"}]""".formatted(Webhooks.publicUrl("/webhooks/survey", "attempt", "2")), ncco);
            assertJson("{\"attempt\":\"1\",\"outcome\":\"RETRY\"}", TopicWatcher.json(callEvents.one(uuid)).get("detail"));

            String last = Webhooks.post(Webhooks.url("/webhooks/survey", "attempt", "2"), input(uuid, dtmf)).then().statusCode(200)
                    .extract().asString();
            assertJson("[{\"text\":\"Thank you. Goodbye.\",\"action\":\"talk\"}]", last);
            String outcome = dtmf.contains("true") ? "NO_INPUT" : "INVALID";
            var events = callEvents.records(uuid, 2, java.time.Duration.ofSeconds(15));
            assertJson("{\"attempt\":\"2\",\"outcome\":\"" + outcome + "\"}", TopicWatcher.json(events.get(1)).get("detail"));
        }
    }

    @Test
    void aScoreOnTheSecondAttemptCounts() {
        String uuid = UUID.randomUUID().toString();
        Webhooks.post(Webhooks.url("/webhooks/survey", "attempt", "2"), input(uuid, "{\"digits\":\"4\",\"timed_out\":false}"))
                .then().statusCode(200);
        assertJson("{\"attempt\":\"2\",\"outcome\":\"ANSWERED\"}", TopicWatcher.json(callEvents.one(uuid)).get("detail"));
    }

    @Test
    void malformedSurveyInputIs400() {
        Webhooks.post("/webhooks/survey", "{\"dtmf\":{\"digits\":\"4\"}}").then().statusCode(400)
                .contentType("application/problem+json");
        Webhooks.post(Webhooks.url("/webhooks/survey", "attempt", "x"), input("u", "{\"digits\":\"4\"}")).then().statusCode(400);
        Webhooks.post("/webhooks/survey", input("u", "[\"4\"]")).then().statusCode(400);
    }
}
