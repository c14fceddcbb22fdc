package io.contactcenter.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.CallEvent;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.DialResponse;
import io.contactcenter.simulator.client.TranscriptEntry;
import io.restassured.response.Response;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The caller's wait through the packaged services and the simulator (issue 24, items 1 and 4): a waiting caller's
 * parking NCCO names the gateway's built-in hold music, which the gateway serves at that public URL as a real WAV; a
 * caller of a closed department hears when it opens, leaves a message, and the department's agent reads it from the
 * directory's API; the message is also on {@code call-events}.
 */
class CallersWaitIT {

    private static final double TIME_FACTOR = 4;
    private static ContactCenter center;
    private static TopicRecorder<CallEvent> callEvents;
    private static String open;
    private static String closed;
    private static String closedAgent;

    @BeforeAll
    static void start() throws Exception {
        // no operator-wide hold music: the built-in track is the default
        center = new ContactCenter(false, Map.of("GATEWAY_MUSIC_ON_HOLD_URL", ""));
        center.simulator.timeFactor(TIME_FACTOR);
        callEvents = center.record(Topics.CALL_EVENTS, CallEvent.class);
        open = center.department(1, "Orders", 1, 60, 5);
        center.agent("Olga", "phone", "14155550901", open);
        center.simulator.register(AgentEndpoint.behaving("phone", "14155550901", "never"));
        closed = center.department(2, "Billing", 1, 60, 5);
        closedAgent = center.agent("Bea", "phone", "14155550902", closed);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // open around the clock except today and tomorrow: closed whatever the hour the test runs at
        center.admin().body(Map.of("timeZone", "UTC",
                        "weekly", Arrays.stream(DayOfWeek.values())
                                .map(d -> Map.of("day", d.name(), "opens", "00:00", "closes", "24:00")).toList(),
                        "closures", List.of(Map.of("date", today.toString(), "name", "Stocktaking"),
                                Map.of("date", today.plusDays(1).toString()))))
                .put("/departments/" + closed + "/opening-hours").then().statusCode(200);
        center.awaitMenu(2);
    }

    @AfterAll
    static void stop() {
        if (center != null) {
            center.close();
        }
    }

    @Test
    void aWaitingCallerHearsTheBuiltInHoldMusicThatTheGatewayServesAtItsPublicUrl() {
        DialResponse call = center.simulator.dial("447700900951", CallerStep.pressWhenHeard("press 1", "1"));
        List<TranscriptEntry> transcript = center.simulator.awaitTranscript(call.callId(),
                t -> t.stream().anyMatch(e -> e.text() != null && e.text().startsWith("music on hold")), Duration.ofSeconds(60));
        String url = transcript.stream().filter(e -> e.text() != null && e.text().startsWith("music on hold"))
                .map(e -> String.valueOf(e.data().get("musicOnHoldUrl"))).findFirst().orElseThrow();
        assertEquals(center.gatewayFront.url() + "/audio/hold.wav", url, "GATEWAY_PUBLIC_URL + the built-in track");
        center.simulator.hangup(call.callId());

        Response track = given().get(url);
        assertEquals(200, track.statusCode());
        assertTrue(track.contentType().startsWith("audio/"), track.contentType());
        byte[] wav = track.asByteArray();
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(wav, 8, 4, StandardCharsets.US_ASCII));
        assertEquals(1, header.getShort(20), "PCM");
        double seconds = header.getInt(40) / (double) header.getInt(28);
        assertTrue(seconds > 20, "a real track, not a blip: " + seconds + " s");
    }

    @Test
    void aClosedDepartmentsCallerLeavesAVoicemailThatTheDirectoryReturns() {
        DialResponse call = center.simulator.dial("447700900952",
                CallerStep.pressWhenHeard("press 2", "2"), CallerStep.pressWhenHeard("leave a message", "2"),
                CallerStep.hangupWhenHeard("after the tone"));
        center.simulator.awaitStatus(call.callId(), Duration.ofSeconds(90), "completed");
        String spokenDay = LocalDate.now(ZoneOffset.UTC).plusDays(2).getDayOfWeek().getDisplayName(
                java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
        List<String> heard = center.simulator.transcript(call.callId()).stream()
                .filter(e -> "heard".equals(e.type())).map(TranscriptEntry::text).toList();
        assertTrue(heard.stream().anyMatch(t -> t.contains("Billing is closed right now. We open again on " + spokenDay
                + " at midnight.")), heard.toString());

        String agentToken = LocalInfra.shared().authKeys().mint(closedAgent, "agent");
        List<Map<String, Object>> voicemails = await().atMost(Duration.ofSeconds(30)).until(() ->
                given().baseUri(center.directory.url()).auth().oauth2(agentToken)
                        .get("/departments/" + closed + "/voicemails").then().statusCode(200)
                        .extract().jsonPath().getList("$"), list -> !list.isEmpty());
        assertEquals(1, voicemails.size(), voicemails.toString());
        Map<String, Object> voicemail = voicemails.get(0);
        assertEquals(call.callId(), voicemail.get("callId"));
        assertEquals(closed, voicemail.get("departmentId"));
        assertEquals("447700900952", voicemail.get("callerNumber"));
        String recordingUrl = String.valueOf(voicemail.get("recordingUrl"));
        assertTrue(recordingUrl.contains("/v1/files/"), recordingUrl);
        assertTrue(center.simulator.transcript(call.callId()).stream().anyMatch(e -> "record".equals(e.type())
                && e.data() != null && recordingUrl.equals(e.data().get("recording_url"))), "the simulator's recording");

        CallEvent published = await().atMost(Duration.ofSeconds(20)).until(() -> callEvents.forKey(call.callId()).stream()
                .filter(e -> e.kind() == EventKind.STATUS && e.detail() != null
                        && "voicemail".equals(e.detail().get("type"))).findFirst().orElse(null), e -> e != null);
        assertEquals(closed, published.detail().get("department"));
        assertEquals(voicemail.get("id"), published.detail().get("voicemailId"));
        assertEquals(recordingUrl, published.detail().get("recordingUrl"));
        assertTrue(center.assignments.forKey(call.callId()).isEmpty(), "nobody was routed to a closed department");
    }
}
