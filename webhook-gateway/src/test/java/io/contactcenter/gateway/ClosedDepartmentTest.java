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
import java.time.Instant;
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
 * A department outside its opening hours: the caller hears that it is closed and when it opens, and chooses a callback
 * at that opening (a CALLBACK_INPUT request carrying the opening as {@code notBefore}) or a message whose record event
 * (to our signed URL) is stored in the directory and published; the whole menu closed: a closed message and the call
 * ends. The schedules are built around today (UTC) so that the outcome does not depend on the
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

    /** The instant of {@link #reopening()}: the day after tomorrow, 00:00 UTC. */
    static Instant reopeningAt() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
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
        String uuid = UUID.randomUUID().toString();
        String choice = closedSalesChoice(uuid);

        String ncco = Webhooks.post(choice, MenuInputWebhookTest.input(uuid, "{\"digits\":\"2\",\"timed_out\":false}"))
                .then().statusCode(200).extract().asString();
        NccoValidity.assertValid(ncco);
        JsonNode actions = Json.parse(ncco);
        assertEquals(3, actions.size(), ncco);
        assertEquals("Please leave a message after the tone, and press the pound key when you have finished.",
                actions.get(0).get("text").asText());
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
        assertTrue(routeRequests.upToNow(uuid).isEmpty(), "nobody routes a closed department");

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

        var published = callEvents.records(uuid, 4, Duration.ofSeconds(10));
        assertEquals("VOICEMAIL", TopicWatcher.json(published.get(1)).path("detail").path("outcome").asText());
        JsonNode first = TopicWatcher.json(published.get(2));
        JsonNode again = TopicWatcher.json(published.get(3));
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

    /** Sales closed (with voicemail), Support open: the choice's URL for digit 1 of call {@code uuid}. */
    private String closedSalesChoice(String uuid) {
        menu("""
                [{"id":"d-sales","digit":1,"name":"Sales","spokenName":"Sales","openingHours":%s},
                 {"id":"d-support","digit":2,"name":"Support","spokenName":"Support"}]""".formatted(closedTodayAndTomorrow()),
                "for Support press 2");
        return closedChoice(uuid, "Sales is closed right now. We open again " + reopening()
                + ". Press 1 to be called back when we open, or press 2 to leave a message.");
    }

    /**
     * Menu digit 1 for the closed Sales: the closed message and the choice ({@code expectedText}), whose input goes to
     * the callback dialogue's closed step with the opening; returns that input's path and query.
     */
    private String closedChoice(String uuid, String expectedText) {
        String ncco = Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "1"),
                MenuInputWebhookTest.input(uuid, "{\"digits\":\"1\",\"timed_out\":false}"))
                .then().statusCode(200).extract().asString();
        NccoValidity.assertValid(ncco);
        JsonNode actions = Json.parse(ncco);
        assertEquals(2, actions.size(), ncco);
        assertEquals(expectedText, actions.get(0).get("text").asText());
        assertTrue(actions.get(0).get("bargeIn").asBoolean());
        assertEquals(1, actions.get(1).path("dtmf").path("maxDigits").asInt());
        String eventUrl = actions.get(1).get("eventUrl").get(0).asText();
        Map<String, String> params = WebhookUrls.parseQuery(URI.create(eventUrl).getRawQuery());
        assertEquals(uuid, params.get("call"));
        assertEquals("d-sales", params.get("department"));
        assertEquals("closed", params.get("step"));
        assertEquals(reopeningAt().toString(), params.get("opens"));
        return eventUrl.substring("https://gateway.test".length());
    }

    @Test
    void aClosedDepartmentsCallerAsksToBeCalledBackAtTheNextOpening() {
        String uuid = UUID.randomUUID().toString();
        String choice = closedSalesChoice(uuid);

        // no key: the choice again, then goodbye
        String again = Webhooks.post(choice, MenuInputWebhookTest.input(uuid, "{\"digits\":\"\",\"timed_out\":true}"))
                .then().statusCode(200).extract().asString();
        assertTrue(Json.parse(again).get(0).get("text").asText()
                .endsWith("Press 1 to be called back when we open, or press 2 to leave a message."), again);
        String second = Json.parse(again).get(1).get("eventUrl").get(0).asText().substring("https://gateway.test".length());
        assertEquals("2", WebhookUrls.parseQuery(URI.create(second).getRawQuery()).get("attempt"));
        String numberPrompt = Webhooks.post(second, MenuInputWebhookTest.input(uuid, "{\"digits\":\"1\"}"))
                .then().statusCode(200).extract().asString();
        String numberUrl = Json.parse(numberPrompt).get(1).get("eventUrl").get(0).asText()
                .substring("https://gateway.test".length());
        Map<String, String> params = WebhookUrls.parseQuery(URI.create(numberUrl).getRawQuery());
        assertEquals("number", params.get("step"));
        assertEquals(reopeningAt().toString(), params.get("opens"), "the opening goes on to the number step");

        String confirmed = Webhooks.post(numberUrl, MenuInputWebhookTest.input(uuid, "{\"digits\":\"1\"}"))
                .then().statusCode(200).extract().asString();
        Json.assertJson("[{\"text\":\"Thank you. We will call you back on 4 4 7 7 0 0 9 0 0 0 0 1 when we open. "
                + "Goodbye.\",\"action\":\"talk\"}]", confirmed);
        JsonNode request = callEvents.records(uuid, 4, Duration.ofSeconds(10)).stream().map(TopicWatcher::json)
                .filter(r -> "CALLBACK_REQUESTED".equals(r.path("detail").path("outcome").asText()))
                .findFirst().orElseThrow();
        assertEquals("CALLBACK_INPUT", request.path("kind").asText());
        assertEquals("447700900001", request.path("to").asText());
        assertEquals("d-sales", request.path("detail").path("department").asText());
        assertEquals(reopeningAt().toString(), request.path("detail").path("notBefore").asText());
        assertTrue(routeRequests.upToNow(uuid).isEmpty(), "nobody routes a closed department");

        // the choice after its last attempt: goodbye, no request
        String other = UUID.randomUUID().toString();
        String last = Webhooks.post(Webhooks.url("/webhooks/callback", "call", other, "department", "d-sales", "step",
                "closed", "attempt", "2", "opens", reopeningAt().toString()),
                MenuInputWebhookTest.input(other, "{\"digits\":\"7\"}")).then().statusCode(200).extract().asString();
        Json.assertJson("[{\"text\":\"Please call again when we are open. Goodbye.\",\"action\":\"talk\"}]", last);
        Webhooks.post(Webhooks.url("/webhooks/callback", "call", other, "department", "d-sales", "step", "closed",
                "attempt", "1"), MenuInputWebhookTest.input(other, "{\"digits\":\"1\"}")).then().statusCode(400);
        Webhooks.post(Webhooks.url("/webhooks/callback", "call", other, "department", "d-sales", "step", "closed",
                "attempt", "1", "opens", "monday"), MenuInputWebhookTest.input(other, "{\"digits\":\"1\"}"))
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** The first text of the answer to menu digit 1 (the closed Sales) of a new call. */
    private static String closedAnswer() {
        return Json.parse(Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "1"),
                MenuInputWebhookTest.input(UUID.randomUUID().toString(), "{\"digits\":\"1\"}"))
                .then().statusCode(200).extract().asString()).get(0).get("text").asText();
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
        assertTrue(callEvents.upToNow(callId).isEmpty(), "nothing published before it is stored");
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
        await().atMost(Duration.ofSeconds(30)).until(() -> closedAnswer().endsWith("when we open."));
        String caller = UUID.randomUUID().toString();
        String choice = closedChoice(caller, "Sales is closed right now. We open again " + reopening()
                + ". Press 1 to be called back when we open.");
        String noVoicemail = Webhooks.post(choice, MenuInputWebhookTest.input(caller, "{\"digits\":\"2\"}"))
                .then().statusCode(200).extract().asString();
        assertTrue(Json.parse(noVoicemail).get(0).get("text").asText().startsWith("Sorry, I did not understand that."),
                "2 is no choice without voicemail: " + noVoicemail);

        // callbacks off (callbackOfferSeconds 0) and no voicemail: only the goodbye
        DirectoryStub.departments("""
                [{"id":"d-sales","digit":1,"name":"Sales","spokenName":"Sales","voicemailEnabled":false,
                  "callbackOfferSeconds":0,"openingHours":%s},
                 {"id":"d-support","digit":2,"name":"Support","spokenName":"Support"}]""".formatted(hours));
        await().atMost(Duration.ofSeconds(30)).until(() -> closedAnswer().endsWith("Goodbye."));
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
