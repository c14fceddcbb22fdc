package io.contactcenter.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.events.CallEvent;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.support.webhook.GatewayWebhooks;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The record event of a connected call's recording (routing's record action, URL built by service-support
 * {@link GatewayWebhooks#callRecording}): published as a RECORDING CallEvent for routing, never stored as a voicemail;
 * Vonage's retry is the same event. Same resources and profile as {@link ClosedDepartmentTest}: one boot for both.
 */
@QuarkusTest
@TestProfile(BuiltInHoldMusicProfile.class)
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(DirectoryStub.class)
class CallRecordingWebhookTest extends CallEventsWatched {

    private static final GatewayWebhooks ROUTING_URLS = new GatewayWebhooks("", Webhooks.SIGNING_KEY);

    @AfterEach
    void resetDirectory() {
        DirectoryStub.reset();
    }

    @Test
    void aCallRecordingIsPublishedOnceForRoutingAndNotTakenForAVoicemail() {
        String callId = UUID.randomUUID().toString();
        String url = ROUTING_URLS.callRecording(callId, null);
        String recorded = """
                {"start_time":"2026-03-02T12:00:00Z","recording_url":"https://api.nexmo.com/v1/files/rec-%s",
                 "size":12345,"recording_uuid":"rec-%s","end_time":"2026-03-02T12:03:07Z",
                 "conversation_uuid":"CON-%s","timestamp":"2026-03-02T12:03:08.000Z"}""".formatted(callId, callId, callId);

        Webhooks.post(url, recorded).then().statusCode(204);
        Webhooks.post(url, recorded).then().statusCode(204); // Vonage's retry

        // acknowledged before each 204: both are on the topic already (upToNow waits for no more)
        var published = callEvents.upToNow(callId);
        assertEquals(2, published.size());
        JsonNode first = TopicWatcher.json(published.get(0));
        assertEquals("RECORDING", first.get("kind").asText());
        assertEquals("RECORDING", TopicWatcher.header(published.get(0), CallEvent.EVENT_HEADER),
                "routing reads it (it skips status-less STATUS records unread)");
        assertEquals("CALLER", first.get("role").asText());
        assertTrue(first.path("status").isMissingNode() || first.get("status").isNull(), first.toString());
        JsonNode detail = first.get("detail");
        assertEquals("call", detail.get("type").asText());
        assertEquals("https://api.nexmo.com/v1/files/rec-" + callId, detail.get("recordingUrl").asText());
        assertEquals("rec-" + callId, detail.get("recordingUuid").asText());
        assertEquals("187", detail.get("durationSeconds").asText());
        assertEquals("2026-03-02T12:00:00Z", detail.get("startTime").asText());
        assertEquals(first.get("eventId"), TopicWatcher.json(published.get(1)).get("eventId"),
                "a retry is the same event");
        assertTrue(DirectoryStub.voicemails().isEmpty(), "no voicemail: " + DirectoryStub.voicemails());
    }

    @Test
    void aChangedKindOrCallIsRefusedAndABadUrlIsAProblem() {
        String callId = UUID.randomUUID().toString();
        String url = ROUTING_URLS.callRecording(callId, null);
        String body = """
                {"start_time":"2026-03-02T12:00:00Z","recording_url":"https://api.nexmo.com/v1/files/x",
                 "recording_uuid":"x","end_time":"2026-03-02T12:00:05Z"}""";
        Webhooks.post(url.replace("kind=call", "kind=voicemail"), body).then().statusCode(401);
        Webhooks.post(url.replace(callId, UUID.randomUUID().toString()), body).then().statusCode(401);
        Webhooks.post(url, body.replace("https://api.nexmo.com/v1/files/x", "ftp://x")).then().statusCode(400)
                .contentType("application/problem+json");
        Webhooks.post(Webhooks.url(GatewayWebhooks.RECORDING, "kind", "call"), body).then().statusCode(400)
                .contentType("application/problem+json");
        assertTrue(callEvents.upToNow(callId).isEmpty(), "nothing published");
    }
}
