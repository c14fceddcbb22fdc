package io.contactcenter.gateway;

import static io.contactcenter.gateway.Json.assertJson;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Failures of what the gateway depends on, with a broker of its own that the test stops and restarts and a directory
 * that is down when the gateway starts. Also runs with signature verification switched off (the local-demo switch).
 */
@QuarkusTest
@TestProfile(OutageTest.Profile.class)
class OutageTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gateway.signature.enabled", "false",
                    "gateway.kafka.ack-timeout", "PT1S",
                    "gateway.kafka.route-ack-timeout", "PT1S",
                    "gateway.degraded.fallback-number", "447700900999",
                    "gateway.menu.fallback-departments", "1:fallback-sales:Sales,2:fallback-support:Support");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StoppableKafkaResource.class),
                    new TestResourceEntry(DirectoryStub.class, Map.of("down", "true")));
        }
    }

    static String menuInput(String uuid, String digit) {
        return MenuInputWebhookTest.input(uuid, "{\"digits\":\"" + digit + "\",\"timed_out\":false}");
    }

    static String event(String uuid) {
        return "{\"uuid\":\"" + uuid + "\",\"status\":\"answered\",\"timestamp\":\"2020-01-01T12:00:00.000Z\"}";
    }

    @Test
    void directoryDownAtStartThenKafkaStoppedMidTestThenBothBack() {
        String bootstrap = StoppableKafkaResource.kafka().bootstrapServers();

        // 1. directory never reached: the fallback menu serves, so ready; the dependencies group says the directory is
        // down; unsigned webhooks accepted (check off)
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'directory-menu' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'directory-menu' }.data.source", equalTo("FALLBACK"));
        given().get("/q/health/group/dependencies").then().statusCode(503)
                .body("checks.find { it.name == 'directory' }.status", equalTo("DOWN"));
        String fallbackMenu = Webhooks.postUnsigned("/webhooks/answer", "{\"uuid\":\"" + UUID.randomUUID() + "\"}")
                .then().statusCode(200).extract().asString();
        assertTrue(fallbackMenu.contains("Thank you for calling. For Sales press 1, for Support press 2."), fallbackMenu);

        try (TopicWatcher callEvents = new TopicWatcher(Topics.CALL_EVENTS, bootstrap);
                TopicWatcher routes = new TopicWatcher(Topics.ROUTE_REQUESTS, bootstrap)) {
            // 2. Kafka up: normal
            String before = UUID.randomUUID().toString();
            Webhooks.postUnsigned("/webhooks/event", event(before)).then().statusCode(204);
            Webhooks.postUnsigned(Webhooks.url("/webhooks/input", "attempt", "1"), menuInput(before, "1")).then().statusCode(200)
                    .body(containsString("\"conversation\""));
            assertEquals("fallback-sales", TopicWatcher.json(routes.one(before)).get("department").asText());

            // 3. Kafka stopped: events and survey answers go to the journal and are answered once it holds them, input
            // degraded, answer and its menu still served at once; still ready, Kafka reported down in the dependencies
            // group
            StoppableKafkaResource.kafka().stopBroker();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/group/dependencies")
                    .then().body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN")));
            long readyStart = System.nanoTime();
            given().get("/q/health/ready").then().statusCode(200);
            assertTrue(System.nanoTime() - readyStart < 1_000_000_000L, "readiness answers at once while Kafka is down");
            String during = UUID.randomUUID().toString();
            long eventStart = System.nanoTime();
            Webhooks.postUnsigned("/webhooks/event", event(during)).then().statusCode(204);
            long eventMillis = (System.nanoTime() - eventStart) / 1_000_000;
            long inputStart = System.nanoTime();
            String degraded = Webhooks.postUnsigned(Webhooks.url("/webhooks/input", "attempt", "1"), menuInput(during, "2"))
                    .then().statusCode(200).extract().asString();
            long inputMillis = (System.nanoTime() - inputStart) / 1_000_000;
            System.out.printf("OUTAGE event journaled and 204 after %d ms, degraded input NCCO after %d ms%n", eventMillis,
                    inputMillis);
            assertTrue(eventMillis < 3000, "event answered within Vonage's budget, took " + eventMillis + " ms");
            assertTrue(inputMillis < 3000, "degraded answer within Vonage's budget, took " + inputMillis + " ms");
            assertJson("""
                    [{"text":"Please hold while we transfer your call.","action":"talk"},
                     {"endpoint":[{"number":"447700900999","type":"phone"}],"from":"447700900100","action":"connect"}]""",
                    degraded);
            NccoValidity.assertValid(degraded);
            Webhooks.postUnsigned("/webhooks/survey", SurveyWebhookTest.input(during, "{\"digits\":\"5\"}"))
                    .then().statusCode(200);
            given().get("/q/health/group/dependencies").then()
                    .body("checks.find { it.name == 'kafka' }.data.eventsBuffered", greaterThanOrEqualTo(2));
            given().get("/q/metrics").then().body(containsString("gateway_buffer_events "));
            long start = System.nanoTime();
            String answeredDuringOutage = UUID.randomUUID().toString();
            Webhooks.postUnsigned("/webhooks/answer", "{\"uuid\":\"" + answeredDuringOutage + "\",\"from\":\"447700900001\"}")
                    .then().statusCode(200).body(containsString("For Sales press 1"));
            long answerMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(answerMillis < 1000, "answer took " + answerMillis + " ms while Kafka is down");
            given().get("/q/metrics").then()
                    .body(containsString("gateway_degraded_answers_total{reason=\"route_request_not_acknowledged\"}"));

            // 4. Kafka back: normal again, same gateway
            StoppableKafkaResource.kafka().startBroker();
            String after = UUID.randomUUID().toString();
            // the journal drained: what it held was sent, new events go straight to the broker again
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    given().get("/q/health/group/dependencies").then()
                            .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                            .body("checks.find { it.name == 'kafka' }.data.eventsBuffered", equalTo(0)));
            Webhooks.postUnsigned("/webhooks/event", event(after)).then().statusCode(204);
            Webhooks.postUnsigned(Webhooks.url("/webhooks/input", "attempt", "1"), menuInput(after, "2")).then().statusCode(200)
                    .body(containsString("cc-" + after));
            assertEquals("fallback-support", TopicWatcher.json(routes.one(after)).get("department").asText());
            // the answer's CallEvent, not waited for during the outage, arrives from the journal
            assertEquals("answer", TopicWatcher.json(callEvents.one(answeredDuringOutage)).get("detail").get("type").asText());
            // so do the status event and the survey answer, once each, in the order they were accepted, with their
            // kind in the cc-event header
            callEvents.records(during, 3, Duration.ofSeconds(30));
            List<String> duringOutage = callEvents.settle(during, Duration.ofSeconds(1)).stream()
                    .map(record -> TopicWatcher.header(record, "cc-event")).toList();
            assertEquals(List.of("STATUS:ANSWERED", "MENU_INPUT", "SURVEY_INPUT"), duringOutage);
        }

        // 5. directory back: its menu replaces the fallback, and readiness and the dependencies group say so
        DirectoryStub.down(false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'directory-menu' }.data.source", equalTo("DIRECTORY")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/group/dependencies").then()
                .statusCode(200));
        assertTrue(Webhooks.postUnsigned("/webhooks/answer", "{\"uuid\":\"" + UUID.randomUUID() + "\"}").asString()
                .contains("For Sales press 1, for Customer Support press 2."));
    }
}
