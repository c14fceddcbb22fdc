package io.contactcenter.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Signed webhooks (401 for anything not provably from Vonage) and the body size limit (413). */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(DirectoryStub.class)
class SignedWebhookTest {

    static String event(String uuid) {
        return "{\"uuid\":\"" + uuid + "\",\"status\":\"ringing\",\"timestamp\":\"2020-01-01T12:00:00.000Z\"}";
    }

    private static io.restassured.response.Response post(String path, String authorization, String body) {
        return given().header("Authorization", authorization).contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8)).post(path);
    }

    @Test
    void forgedOrStaleWebhooksAre401ProblemJsonAndPublishNothing() {
        String uuid = UUID.randomUUID().toString();
        String body = event(uuid);
        try (TopicWatcher callEvents = new TopicWatcher(Topics.CALL_EVENTS)) {
            for (String path : new String[] {"/webhooks/event", "/webhooks/input", "/webhooks/survey", "/webhooks/answer"}) {
                Webhooks.postUnsigned(path, body).then().statusCode(401).contentType("application/problem+json")
                        .body("status", equalTo(401));
            }
            post("/webhooks/event", "Bearer not-a-jwt", body).then().statusCode(401);
            post("/webhooks/event", "Basic dXNlcjpwYXNz", body).then().statusCode(401);
            post("/webhooks/event", VonageSigner.bearer(body, "the-wrong-secret-0123456789abcdef", Instant.now()), body)
                    .then().statusCode(401).body("detail", containsString("not valid"));
            post("/webhooks/event", VonageSigner.bearer(body), body.replace("ringing", "answered"))
                    .then().statusCode(401).body("detail", containsString("payload_hash"));
            post("/webhooks/event", VonageSigner.bearer(body, VonageSigner.SECRET, Instant.now().minusSeconds(600)), body)
                    .then().statusCode(401).body("detail", containsString("too old"));
            post("/webhooks/event", VonageSigner.bearer(body, VonageSigner.SECRET, Instant.now().plusSeconds(120)), body)
                    .then().statusCode(401).body("detail", containsString("future"));
            assertTrue(callEvents.settle(uuid, Duration.ofMillis(500)).isEmpty(), "nothing published for rejected webhooks");

            post("/webhooks/event", VonageSigner.bearer(body, VonageSigner.SECRET, Instant.now().plusSeconds(5)), body)
                    .then().statusCode(204);
            callEvents.one(uuid);
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("gateway_signature_failures_total{reason=\"unsigned\"}"))
                .body(containsString("gateway_signature_failures_total{reason=\"hash_mismatch\"}"))
                .body(containsString("gateway_signature_failures_total{reason=\"stale_iat\"}"))
                .body(containsString("gateway_signature_failures_total{reason=\"future_iat\"}"))
                .body(containsString("gateway_signature_failures_total{reason=\"bad_signature\"}"));
    }

    @Test
    void getAnswerAcceptsAQueryHashOrNoHashButNotAWrongOne() {
        String query = "to=447700900100&from=447700900001&uuid=" + UUID.randomUUID() + "&region_url=https%3A%2F%2Fapi-us-3.vonage.com";
        given().urlEncodingEnabled(false).header("Authorization", VonageSigner.bearer(query))
                .get("/webhooks/answer?" + query).then().statusCode(200);
        given().urlEncodingEnabled(false).header("Authorization", VonageSigner.bearerWithoutHash())
                .get("/webhooks/answer?" + query).then().statusCode(200);
        given().urlEncodingEnabled(false).header("Authorization", VonageSigner.bearer("something else"))
                .get("/webhooks/answer?" + query).then().statusCode(401).contentType("application/problem+json");
        given().urlEncodingEnabled(false).get("/webhooks/answer?" + query).then().statusCode(401);
    }

    @Test
    void bodiesOverTheLimitAre413ProblemJson() {
        String padding = "x".repeat(1024 * 1024);
        String huge = "{\"uuid\":\"" + UUID.randomUUID() + "\",\"status\":\"ringing\",\"pad\":\"" + padding + "\"}";
        for (String path : new String[] {"/webhooks/event", "/webhooks/input", "/webhooks/answer", "/webhooks/survey"}) {
            post(path, VonageSigner.bearer(huge), huge).then().statusCode(413)
                    .contentType("application/problem+json").body("status", equalTo(413));
        }
        String justOver = "{\"uuid\":\"u\",\"pad\":\"" + "y".repeat(65536) + "\"}";
        post("/webhooks/event", VonageSigner.bearer(justOver), justOver).then().statusCode(413);
    }
}
