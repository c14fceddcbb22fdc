package io.contactcenter.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Health, metrics, OpenAPI, and the trace context carried from the webhook into the Kafka record. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(DirectoryStub.class)
class ObservabilityTest {

    @Test
    void traceContextOfTheWebhookGoesIntoTheRecordHeaders() {
        String uuid = UUID.randomUUID().toString();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String body = SignedWebhookTest.event(uuid);
        try (TopicWatcher callEvents = new TopicWatcher(Topics.CALL_EVENTS)) {
            given().header("Authorization", VonageSigner.bearer(body))
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .contentType("application/json").body(body).post("/webhooks/event").then().statusCode(204);
            String traceparent = TopicWatcher.header(callEvents.one(uuid), "traceparent");
            assertNotNull(traceparent);
            assertEquals(traceId, traceparent.split("-")[1]);
        }
    }

    /** Measured figures for the report: sequential answer (menu) and event (Kafka-acknowledged) webhooks. */
    @Test
    void answerAndEventLatency() {
        long[] answer = new long[200];
        long[] event = new long[200];
        for (int i = 0; i < answer.length; i++) {
            String body = "{\"uuid\":\"" + UUID.randomUUID() + "\",\"from\":\"447700900001\"}";
            long start = System.nanoTime();
            Webhooks.post("/webhooks/answer", body).then().statusCode(200);
            answer[i] = System.nanoTime() - start;
            String ev = SignedWebhookTest.event(UUID.randomUUID().toString());
            start = System.nanoTime();
            Webhooks.post("/webhooks/event", ev).then().statusCode(204);
            event[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(answer);
        java.util.Arrays.sort(event);
        System.out.printf("LATENCY answer p50=%.1f ms p99=%.1f ms; event p50=%.1f ms p99=%.1f ms (n=200, client-side)%n",
                answer[100] / 1e6, answer[197] / 1e6, event[100] / 1e6, event[197] / 1e6);
        org.junit.jupiter.api.Assertions.assertTrue(answer[100] < 1_000_000_000L, "answer median " + answer[100] / 1e6 + " ms");
    }

    @Test
    void readinessCoversTheMenuDependenciesAreReportedAndMetricsCountWebhooks() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'directory-menu' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'directory-menu' }.data.source", equalTo("DIRECTORY"))
                .body("checks.find { it.name == 'kafka' }", nullValue());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/group/dependencies").then()
                .statusCode(200)
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'directory' }.status", equalTo("UP")));
        given().get("/q/health/live").then().statusCode(200);
        Webhooks.post("/webhooks/answer", "{\"uuid\":\"" + UUID.randomUUID() + "\",\"from\":\"447700900001\"}")
                .then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("gateway_webhooks_total{outcome=\"menu\",type=\"answer\"}"))
                .body(containsString("gateway_webhook_latency_seconds_bucket{type=\"answer\""))
                .body(containsString("gateway_dependency_up{dependency=\"kafka\"} 1.0"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/webhooks/answer"));
    }
}
