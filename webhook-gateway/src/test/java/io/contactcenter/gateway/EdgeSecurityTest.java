package io.contactcenter.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.support.webhook.WebhookUrls;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edge's protections (issue 25): our own URL parameters are signed, a Vonage token is bound to this application
 * and to the one request it was first used with, and a region is passed on exactly as it came.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(DirectoryStub.class)
class EdgeSecurityTest {

    static final String INPUT = "/webhooks/input";
    static final String EVENT = "/webhooks/event";
    static final String SURVEY = "/webhooks/survey";
    static final String REGION = "https://api-us-3.vonage.com";
    static final String FOREIGN_REGION = "https://api-us-3.attacker.example";
    static final String OTHER_APPLICATION = "ffffffff-bbbb-cccc-dddd-0123456789ab";

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

    static Response post(String pathAndQuery, String authorization, String body) {
        return given().urlEncodingEnabled(false).header("Authorization", authorization).contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8)).post(pathAndQuery);
    }

    static Response get(String pathAndQuery, String authorization) {
        return given().urlEncodingEnabled(false).header("Authorization", authorization).get(pathAndQuery);
    }

    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String agentEvent(String legId) {
        return """
                {"from":"447700900100","to":"447700900002","uuid":"%s","conversation_uuid":"CON-a",
                 "status":"answered","direction":"outbound","timestamp":"2020-01-01T12:00:00.000Z"}""".formatted(legId);
    }

    private void assertNothingPublished(String... keys) {
        for (String key : keys) {
            assertTrue(callEvents.settle(key, Duration.ofMillis(300)).isEmpty(), "no call event for " + key);
            assertTrue(routeRequests.settle(key, Duration.ofMillis(300)).isEmpty(), "no route request for " + key);
        }
    }

    /** Each is sent with a fresh, valid Vonage token for its body: only our own signature can refuse it. */
    private static void assertRefused(List<String> pathsAndQueries, String body) {
        for (String url : pathsAndQueries) {
            post(url, VonageSigner.bearer(body), body).then().statusCode(401).contentType("application/problem+json")
                    .body("status", equalTo(401)).body("detail", containsString("parameters"));
        }
    }

    @Test
    void aTamperedAddedOrRemovedInputParameterIs401AndNothingIsRoutedOrPublished() {
        String uuid = UUID.randomUUID().toString();
        String body = MenuInputWebhookTest.input(uuid, "{\"digits\":\"1\",\"timed_out\":false}");
        String genuine = Webhooks.url(INPUT, "attempt", "1", "region", REGION);
        String otherKey = new WebhookUrls("", "another-webhook-signing-key-0123456789").url(INPUT,
                Webhooks.params("attempt", "1", "region", FOREIGN_REGION));
        assertRefused(List.of(
                genuine.replace("attempt=1", "attempt=2"),
                genuine.replace(encoded(REGION), encoded(FOREIGN_REGION)),
                genuine + "&from=447700900001",
                genuine.replaceFirst("region=[^&]*&", ""),
                genuine.replaceFirst("&sig=.*", ""),
                genuine + "&attempt=1",
                genuine + "A",
                otherKey,
                INPUT), body);
        assertNothingPublished(uuid);

        // the very same webhook with our signature intact goes through
        post(genuine, VonageSigner.bearer(body), body).then().statusCode(200);
        assertEquals(REGION, TopicWatcher.json(routeRequests.one(uuid)).get("regionUrl").asText());
    }

    @Test
    void aTamperedEventOrSurveyParameterIs401AndNothingIsPublished() {
        String callId = UUID.randomUUID().toString();
        String otherCall = UUID.randomUUID().toString();
        String legId = UUID.randomUUID().toString();
        String body = agentEvent(legId);
        String genuine = Webhooks.url(EVENT, "agent", "a-1", "call", callId, "region", REGION);
        String otherCallsSignature = Webhooks.url(EVENT, "agent", "a-1", "call", otherCall, "region", REGION)
                .replaceFirst(".*&sig=", "");
        assertRefused(List.of(
                genuine.replace(callId, otherCall),
                genuine.replace("agent=a-1", "agent=a-2"),
                genuine.replace("agent=a-1&", ""),
                genuine.replace(encoded(REGION), encoded(FOREIGN_REGION)),
                genuine.replaceFirst("sig=.*", "sig=" + otherCallsSignature),
                genuine.replaceFirst("&sig=.*", "")), body);

        String survey = SurveyWebhookTest.input(callId, "{\"digits\":\"9\",\"timed_out\":false}");
        assertRefused(List.of(Webhooks.url(SURVEY, "attempt", "2").replace("attempt=2", "attempt=1"), SURVEY + "?attempt=1"),
                survey);
        assertNothingPublished(callId, otherCall, legId);

        post(genuine, VonageSigner.bearer(body), body).then().statusCode(204);
        assertEquals("AGENT", TopicWatcher.json(callEvents.one(callId)).get("role").asText());
        given().get("/q/metrics").then().body(containsString("gateway_signature_failures_total{reason=\"tampered_url\"}"));
    }

    @Test
    void aTokenIsAcceptedAgainForTheSameRequestOnlyNeverForAnotherOne() {
        String uuid = UUID.randomUUID().toString();
        String otherCall = UUID.randomUUID().toString();
        String body = SignedWebhookTest.event(uuid);
        String token = VonageSigner.bearer(body);

        post(EVENT, token, body).then().statusCode(204);
        post(EVENT, token, body).then().statusCode(204); // Vonage's retry: same token, same request
        // the same token and body on another request: a signed URL of ours for another call, another endpoint
        post(Webhooks.url(EVENT, "call", otherCall, "agent", "a-9"), token, body).then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("already used"));
        post(SURVEY, token, body).then().statusCode(401).body("detail", containsString("already used"));
        post(EVENT, token, body).then().statusCode(204);

        assertEquals(3, callEvents.records(uuid, 3, Duration.ofSeconds(15)).size());
        assertTrue(callEvents.settle(uuid, Duration.ofMillis(300)).size() == 3, "nothing from the replays");
        assertNothingPublished(otherCall);
        given().get("/q/metrics").then().body(containsString("gateway_signature_failures_total{reason=\"replayed\"}"));
    }

    /** The GET answer's payload_hash covers an empty body: the token is bound to the raw query of its first use. */
    @Test
    void anAnswerTokenIsBoundToTheQueryItCameWith() {
        String uuid = UUID.randomUUID().toString();
        String forged = UUID.randomUUID().toString();
        String query = "/webhooks/answer?uuid=" + uuid + "&from=447700900001&to=447700900100&region_url=" + encoded(REGION);
        for (String token : new String[] {VonageSigner.bearer(""), VonageSigner.bearerWithoutHash()}) {
            get(query, token).then().statusCode(200);
            get(query, token).then().statusCode(200);
            get(query.replace(encoded(REGION), encoded(FOREIGN_REGION)), token).then().statusCode(401)
                    .contentType("application/problem+json");
            get(query.replace(uuid, forged), token).then().statusCode(401);
            get(query + "&x=1", token).then().statusCode(401);
        }
        assertEquals(4, callEvents.records(uuid, 4, Duration.ofSeconds(15)).size());
        assertNothingPublished(forged);
    }

    @Test
    void anotherApplicationsTokenIs401AndPublishesNothing() {
        String uuid = UUID.randomUUID().toString();
        String body = SignedWebhookTest.event(uuid);
        post(EVENT, VonageSigner.bearer(body, VonageSigner.SECRET, Instant.now(), OTHER_APPLICATION), body).then()
                .statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("another Vonage application"));
        get("/webhooks/answer?uuid=" + uuid + "&from=447700900001",
                VonageSigner.bearer("", VonageSigner.SECRET, Instant.now(), OTHER_APPLICATION)).then().statusCode(401);
        String input = MenuInputWebhookTest.input(uuid, "{\"digits\":\"1\",\"timed_out\":false}");
        post(Webhooks.url(INPUT, "attempt", "1"), VonageSigner.bearer(input, VonageSigner.SECRET, Instant.now(), ""), input)
                .then().statusCode(401);
        assertNothingPublished(uuid);
        given().get("/q/metrics").then().body(containsString("gateway_signature_failures_total{reason=\"wrong_application\"}"));

        // a token that names no application is still Vonage's (the claim is compared when present)
        post(EVENT, VonageSigner.bearer(body, VonageSigner.SECRET, Instant.now(), null), body).then().statusCode(204);
        callEvents.one(uuid);
    }

    /**
     * A foreign region_url is not the gateway's to judge (routing and survey apply the allow-list): the answer is
     * served, and the region travels on exactly as it came, inside our signed input URL, into the route request.
     */
    @Test
    void aForeignRegionIsPassedOnUnchangedInTheSignedUrl() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String ncco = get("/webhooks/answer?uuid=" + uuid + "&from=447700900001&region_url=" + encoded(FOREIGN_REGION),
                VonageSigner.bearer("")).then().statusCode(200).extract().asString();
        String eventUrl = new ObjectMapper().readTree(ncco).get(1).get("eventUrl").get(0).asText();
        assertEquals(Webhooks.publicUrl(INPUT, "attempt", "1", "region", FOREIGN_REGION), eventUrl);

        String body = MenuInputWebhookTest.input(uuid, "{\"digits\":\"2\",\"timed_out\":false}");
        post(eventUrl.substring(Webhooks.PUBLIC_URL.length()), VonageSigner.bearer(body), body).then().statusCode(200);
        assertEquals(FOREIGN_REGION, TopicWatcher.json(routeRequests.one(uuid)).get("regionUrl").asText());

        String legId = UUID.randomUUID().toString();
        String event = agentEvent(legId);
        post(Webhooks.url(EVENT, "call", uuid, "agent", "a-1", "region", FOREIGN_REGION), VonageSigner.bearer(event), event)
                .then().statusCode(204);
        assertTrue(callEvents.records(uuid, 3, Duration.ofSeconds(15)).stream().map(TopicWatcher::json)
                .allMatch(e -> FOREIGN_REGION.equals(e.path("regionUrl").asText())), "the region as it came");
    }
}
