package io.contactcenter.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.support.webhook.WebhookUrls;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A department outside its opening hours: the caller hears that it is closed and when it opens, then leaves a message
 * whose record event (to our signed URL) is stored in the directory and published; the whole menu closed: a closed
 * message and the call ends. The schedules are built around today (UTC) so that the outcome does not depend on the
 * hour the test runs at: open every day all day, but closed today and tomorrow.
 */
@QuarkusTest
@TestProfile(BuiltInHoldMusicProfile.class)
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(DirectoryStub.class)
class ClosedDepartmentTest {

    private TopicWatcher callEvents;
    private TopicWatcher routeRequests;

    @BeforeEach
    void watch() {
        callEvents = new TopicWatcher(Topics.CALL_EVENTS);
        routeRequests = new TopicWatcher(Topics.ROUTE_REQUESTS);
    }

    @AfterEach
    void close() {
        callEvents.close();
        routeRequests.close();
        DirectoryStub.reset();
    }

    /** Open around the clock, except today and tomorrow (UTC): it opens again the day after tomorrow at midnight. */
    static String closedTodayAndTomorrow() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return """
                {"timeZone":"UTC","weekly":[%s],"closures":[{"date":"%s"},{"date":"%s"}]}""".formatted(
                String.join(",", java.util.Arrays.stream(java.time.DayOfWeek.values())
                        .map(d -> "{\"day\":\"" + d + "\",\"opens\":\"00:00\",\"closes\":\"24:00\"}").toList()),
                today, today.plusDays(1));
    }

    static String reopening() {
        return "on " + LocalDate.now(ZoneOffset.UTC).plusDays(2).getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                + " at midnight";
    }

    private void menu(String json, String expectedInAnswer) {
        DirectoryStub.departments(json);
        await().atMost(Duration.ofSeconds(30)).until(() -> DirectoryOutageTest.answer().contains(expectedInAnswer));
    }

    @Test
    void aClosedDepartmentSaysWhenItOpensAndTakesAMessageThatIsStoredAndPublished() {
        menu("""
                [{"id":"d-sales","digit":1,"name":"Sales","spokenName":"Sales","openingHours":%s},
                 {"id":"d-support","digit":2,"name":"Support","spokenName":"Support"}]""".formatted(closedTodayAndTomorrow()),
                "for Support press 2");
        String uuid = UUID.randomUUID().toString();

        String ncco = Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "1"),
                MenuInputWebhookTest.input(uuid, "{\"digits\":\"1\",\"timed_out\":false}"))
                .then().statusCode(200).extract().asString();

        NccoValidity.assertValid(ncco);
        JsonNode actions = Json.parse(ncco);
        assertEquals(3, actions.size(), ncco);
        assertEquals("Sales is closed right now. We open again " + reopening() + ". Please leave a message after the "
                + "tone, and press the pound key when you have finished.", actions.get(0).get("text").asText());
        JsonNode record = actions.get(1);
        assertEquals("record", record.get("action").asText());
        assertTrue(record.get("beepStart").asBoolean());
        assertEquals("#", record.get("endOnKey").asText());
        assertEquals(120, record.get("timeOut").asInt());
        assertEquals("Thank you for your message. Goodbye.", actions.get(2).get("text").asText());
        String eventUrl = record.get("eventUrl").get(0).asText();
        assertTrue(eventUrl.startsWith("https://gateway.test/webhooks/recording?"), eventUrl);
        assertFalse(eventUrl.contains("447700900001"), "the caller's number never appears in a URL: " + eventUrl);
        Map<String, String> params = WebhookUrls.parseQuery(URI.create(eventUrl).getRawQuery());
        assertEquals(uuid, params.get("call"));
        assertEquals("d-sales", params.get("department"));

        var menuInput = TopicWatcher.json(callEvents.one(uuid));
        assertEquals("CLOSED", menuInput.path("detail").path("outcome").asText());
        assertEquals("d-sales", menuInput.path("detail").path("department").asText());
        assertTrue(routeRequests.settle(uuid, Duration.ofMillis(500)).isEmpty(), "nobody routes a closed department");

        // Vonage's record event: no uuid, no caller; everything else comes from our signed URL
        String recorded = """
                {"start_time":"2026-03-02T12:00:00Z","recording_url":"https://api.nexmo.com/v1/files/rec-%s",
                 "size":12345,"recording_uuid":"rec-%s","end_time":"2026-03-02T12:00:42Z",
                 "conversation_uuid":"CON-%s","timestamp":"2026-03-02T12:00:43.000Z"}""".formatted(uuid, uuid, uuid);
        String pathAndQuery = eventUrl.substring("https://gateway.test".length());
        Webhooks.post(pathAndQuery, recorded).then().statusCode(204);
        Webhooks.post(pathAndQuery, recorded).then().statusCode(204); // Vonage's retry: harmless

        JsonNode stored = DirectoryStub.voicemails().get(0);
        assertEquals(uuid, stored.get("callId").asText());
        assertEquals("d-sales", stored.get("departmentId").asText());
        assertEquals("447700900001", stored.get("callerNumber").asText(), "unsealed from the URL");
        assertEquals("https://api.nexmo.com/v1/files/rec-" + uuid, stored.get("recordingUrl").asText());
        assertEquals("rec-" + uuid, stored.get("recordingUuid").asText());
        assertEquals(42, stored.get("durationSeconds").asInt());
        assertEquals("2026-03-02T12:00:00Z", stored.get("recordedAt").asText());

        var published = callEvents.records(uuid, 3, Duration.ofSeconds(10));
        JsonNode first = TopicWatcher.json(published.get(1));
        JsonNode again = TopicWatcher.json(published.get(2));
        assertEquals("STATUS", first.get("kind").asText());
        assertTrue(first.path("status").isMissingNode() || first.get("status").isNull(), first.toString());
        assertEquals("CALLER", first.get("role").asText());
        JsonNode detail = first.get("detail");
        assertEquals("voicemail", detail.get("type").asText());
        assertEquals("d-sales", detail.get("department").asText());
        assertEquals(UUID.nameUUIDFromBytes(uuid.getBytes()).toString(), detail.get("voicemailId").asText());
        assertEquals("https://api.nexmo.com/v1/files/rec-" + uuid, detail.get("recordingUrl").asText());
        assertEquals("42", detail.get("durationSeconds").asText());
        assertFalse(first.toString().contains("447700900001"), "no caller number on the topic's voicemail record");
        assertEquals(first.get("eventId"), again.get("eventId"), "a retry is the same event");
    }

    @Test
    void theRecordingIsRefusedWhenTheDirectoryCannotStoreItOrTheUrlWasChanged() {
        String callId = UUID.randomUUID().toString();
        String body = """
                {"start_time":"2026-03-02T12:00:00Z","recording_url":"https://api.nexmo.com/v1/files/x",
                 "recording_uuid":"x","end_time":"2026-03-02T12:00:05Z","timestamp":"2026-03-02T12:00:06.000Z"}""";
        DirectoryStub.voicemailsDown(true);
        Webhooks.post(Webhooks.url("/webhooks/recording", "call", callId, "department", "d-sales"), body).then()
                .statusCode(503).contentType("application/problem+json");
        assertTrue(callEvents.settle(callId, Duration.ofMillis(500)).isEmpty(), "nothing published before it is stored");
        DirectoryStub.voicemailsDown(false);
        String signed = Webhooks.url("/webhooks/recording", "call", callId, "department", "d-sales");
        Webhooks.post(signed.replace("d-sales", "d-other"), body).then().statusCode(401);
        Webhooks.post("/webhooks/recording", body).then().statusCode(401);
        Webhooks.post(Webhooks.url("/webhooks/recording", "call", callId), body).then().statusCode(400);
        Webhooks.post(signed, body.replace("https://api.nexmo.com/v1/files/x", "javascript:alert(1)")).then()
                .statusCode(400).contentType("application/problem+json");
        assertTrue(DirectoryStub.voicemails().isEmpty(), DirectoryStub.voicemails().toString());
        // a caller value we did not seal is dropped, not trusted (awaited: the directory's circuit breaker first closes)
        String unsealed = Webhooks.url("/webhooks/recording", "call", callId, "department", "d-sales", "caller",
                "447700900999");
        await().atMost(Duration.ofSeconds(20)).until(() -> Webhooks.post(unsealed, body).statusCode() == 204);
        assertTrue(DirectoryStub.voicemails().get(0).path("callerNumber").isNull());
    }

    @Test
    void aDepartmentWithoutVoicemailSaysGoodbyeAndAWhollyClosedMenuHangsUpPolitely() {
        String hours = closedTodayAndTomorrow();
        menu("""
                [{"id":"d-sales","digit":1,"name":"Sales","spokenName":"Sales","voicemailEnabled":false,"openingHours":%s},
                 {"id":"d-support","digit":2,"name":"Support","spokenName":"Support"}]""".formatted(hours),
                "for Support press 2");
        String ncco = Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "1"),
                MenuInputWebhookTest.input(UUID.randomUUID().toString(), "{\"digits\":\"1\"}"))
                .then().statusCode(200).extract().asString();
        Json.assertJson("[{\"text\":\"Sales is closed right now. We open again " + reopening()
                + ". Please call again when we are open. Goodbye.\",\"action\":\"talk\"}]", ncco);

        menu("""
                [{"id":"d-sales","digit":1,"name":"Sales","spokenName":"Sales","openingHours":%s},
                 {"id":"d-support","digit":2,"name":"Support","spokenName":"Support","openingHours":%s}]"""
                .formatted(hours, hours), "closed right now");
        String uuid = UUID.randomUUID().toString();
        String answer = Webhooks.post("/webhooks/answer", "{\"uuid\":\"" + uuid + "\",\"from\":\"447700900001\"}")
                .then().statusCode(200).extract().asString();
        NccoValidity.assertValid(answer);
        Json.assertJson("[{\"text\":\"Thank you for calling. We are closed right now. We open again " + reopening()
                + ". Goodbye.\",\"action\":\"talk\"}]", answer);
        assertEquals("CLOSED", TopicWatcher.json(callEvents.one(uuid)).path("detail").path("outcome").asText());
        assertNotEquals(-1, answer.indexOf("Goodbye"));
    }
}
