package io.contactcenter.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vonage.client.VonageClient;
import com.vonage.client.voice.Call;
import com.vonage.client.voice.CallEvent;
import com.vonage.client.voice.CallInfo;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.VoiceResponseException;
import com.vonage.client.voice.ncco.ConversationAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.TalkAction;

import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.Settings;
import io.contactcenter.simulator.client.TranscriptEntry;
import io.contactcenter.simulator.testing.SimulatorTestBase;
import io.contactcenter.simulator.testing.SimulatorTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The Voice REST API driven by the unmodified Vonage SDK 9.3.1: auth, validation, create/get/modify, limits. */
@QuarkusTest
@WithTestResource(SimulatorTestResource.class)
class VoiceApiTest extends SimulatorTestBase {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private Call agentCall(String number) {
        return Call.builder().to(new PhoneEndpoint(number)).from(SimulatorTestResource.NUMBER)
                .ncco(ConversationAction.builder("room-" + number).build())
                .eventUrl(cc.url("/webhooks/event")).ringingTimer(30).build();
    }

    @Test
    void sdkCreatesGetsAndHangsUpACall() {
        simulator.register(AgentEndpoint.answering("phone", "447700900001", 1, null));
        VonageClient vonage = vonage();
        CallEvent created = vonage.getVoiceClient().createCall(agentCall("447700900001"));
        assertNotNull(created.getUuid());
        assertEquals("started", created.getStatus().toString());
        assertEquals("outbound", created.getDirection().toString());
        assertTrue(created.getConversationUuid().startsWith("CON-"));

        simulator.awaitStatus(created.getUuid(), Duration.ofSeconds(10), "answered");
        CallInfo info = vonage.getVoiceClient().getCallDetails(created.getUuid());
        assertEquals(created.getUuid(), info.getUuid());
        assertEquals("answered", info.getStatus().toString());
        assertNotNull(info.getStartTime());

        vonage.getVoiceClient().terminateCall(created.getUuid());
        await(event(created.getUuid(), "completed"), 1);
        CallInfo done = vonage.getVoiceClient().getCallDetails(created.getUuid());
        assertEquals("completed", done.getStatus().toString());
        assertNotNull(done.getEndTime());
        assertNotNull(done.getDuration());

        // a completed call cannot be modified; an unknown one is 404
        VoiceResponseException again = assertThrows(VoiceResponseException.class,
                () -> vonage.getVoiceClient().terminateCall(created.getUuid()));
        assertEquals(400, again.getStatusCode());
        VoiceResponseException unknown = assertThrows(VoiceResponseException.class,
                () -> vonage.getVoiceClient().getCallDetails("00000000-0000-0000-0000-000000000000"));
        assertEquals(404, unknown.getStatusCode());

        var page = vonage.getVoiceClient().listCalls(com.vonage.client.voice.CallsFilter.builder()
                .conversationUuid(done.getConversationUuid()).build());
        assertEquals(1, page.getCount());
        assertEquals(created.getUuid(), page.getCallInfos().get(0).getUuid());
        assertTrue(vonage.getVoiceClient().listCalls().getCount() >= 1);

        List<TranscriptEntry> transcript = simulator.transcript(created.getUuid());
        assertTrue(transcript.stream().anyMatch(e -> "rest-request".equals(e.type()) && e.text().startsWith("POST /v1/calls")));
        assertTrue(transcript.stream().anyMatch(e -> "rest-request".equals(e.type()) && e.text().startsWith("PUT /v1/calls")));
    }

    @Test
    void transferMuteAndEarmuffThroughTheSdk() {
        simulator.register(AgentEndpoint.answering("phone", "447700900002", 0.5, null));
        cc.on("/ncco/next", r -> io.contactcenter.simulator.testing.ContactCenterStub.Reply.json(
                new Ncco(TalkAction.builder("Fetched by URL").build(),
                        ConversationAction.builder("after-url").build()).toJson()));
        VonageClient vonage = vonage();
        String uuid = vonage.getVoiceClient().createCall(agentCall("447700900002")).getUuid();
        simulator.awaitStatus(uuid, Duration.ofSeconds(10), "answered");

        vonage.getVoiceClient().muteCall(uuid);
        vonage.getVoiceClient().earmuffCall(uuid);
        assertTrue(simulator.call(uuid).muted());
        assertTrue(simulator.call(uuid).earmuffed());
        vonage.getVoiceClient().unmuteCall(uuid);
        vonage.getVoiceClient().unearmuffCall(uuid);
        assertTrue(!simulator.call(uuid).muted() && !simulator.call(uuid).earmuffed());

        vonage.getVoiceClient().transferCall(uuid, new Ncco(TalkAction.builder("Inline transfer").build(),
                ConversationAction.builder("after-inline").build()));
        simulator.awaitTranscript(uuid, t -> t.stream().anyMatch(e -> "heard".equals(e.type()) && e.text().contains("Inline transfer"))
                && t.stream().anyMatch(e -> "conversation-joined".equals(e.type()) && "after-inline".equals(e.conversation())),
                Duration.ofSeconds(10));
        // the transfer event: no status, conversation_uuid_from/to, type transfer
        var transfer = await(r -> uuid.equals(r.field("uuid")) && r.json() != null && r.json().has("conversation_uuid_from"), 2);
        JsonNode t = transfer.get(0).json();
        assertEquals(List.of("conversation_uuid_from", "conversation_uuid_to", "uuid", "timestamp", "type"), fields(t));
        assertEquals("transfer", t.get("type").asText());

        vonage.getVoiceClient().transferCall(uuid, cc.url("/ncco/next"));
        simulator.awaitTranscript(uuid, tr -> tr.stream().anyMatch(e -> "heard".equals(e.type()) && e.text().contains("Fetched by URL")),
                Duration.ofSeconds(10));
        vonage.getVoiceClient().terminateCall(uuid);
        await(event(uuid, "completed"), 1);
    }

    @Test
    void talkIntoALiveCallIsHeardOnThatLeg() throws Exception {
        simulator.register(AgentEndpoint.answering("phone", "447700900003", 0.5, null));
        VonageClient vonage = vonage();
        String uuid = vonage.getVoiceClient().createCall(agentCall("447700900003")).getUuid();
        simulator.awaitStatus(uuid, Duration.ofSeconds(10), "answered");

        assertEquals("Talk started", vonage.getVoiceClient()
                .startTalk(uuid, com.vonage.client.voice.TalkPayload.builder("You are number 2 in line.").build())
                .getMessage());
        simulator.awaitTranscript(uuid, t -> t.stream().anyMatch(e -> "heard".equals(e.type())
                && e.text().contains("You are number 2 in line.")), Duration.ofSeconds(10));
        assertEquals(400, talk(sdkToken(), uuid, "{}").statusCode(), "text is required");
        assertEquals(404, talk(sdkToken(), "00000000-0000-0000-0000-000000000000", "{\"text\":\"hi\"}").statusCode());
        vonage.getVoiceClient().terminateCall(uuid);
        await(event(uuid, "completed"), 1);
        assertEquals(400, talk(sdkToken(), uuid, "{\"text\":\"too late\"}").statusCode(), "an ended call");
    }

    @Test
    void refusesRequestsWithoutAValidApplicationJwt() throws Exception {
        VoiceResponseException refused = assertThrows(VoiceResponseException.class,
                () -> vonage(SimulatorTestResource.otherPrivateKeyPem()).getVoiceClient().createCall(agentCall("447700900003")));
        assertEquals(401, refused.getStatusCode());

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/calls"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertEquals(json.readTree("{\"type\":\"UNAUTHORIZED\",\"error_title\":\"Unauthorized\"}"), json.readTree(anonymous.body()));

        // the SDK's token has no exp and is accepted; a token with a past exp is refused
        String expired = com.vonage.jwt.Jwt.builder().applicationId(SimulatorTestResource.APPLICATION_ID)
                .privateKeyContents(SimulatorTestResource.privateKeyPem())
                .expiresAt(java.time.ZonedDateTime.now().minusHours(1)).build().generate();
        assertEquals(401, put(expired, "00000000-0000-0000-0000-000000000000", "{\"action\":\"hangup\"}").statusCode());
        assertEquals(404, put(sdkToken(), "00000000-0000-0000-0000-000000000000", "{\"action\":\"hangup\"}").statusCode());
    }

    @Test
    void validatesBodiesLikeVonage() throws Exception {
        String token = sdkToken();
        assertInvalid(post(token, "not json"), "body");
        assertInvalid(post(token, "{\"from\":{\"type\":\"phone\",\"number\":\"447700900000\"},\"ncco\":[]}"), "to");
        assertInvalid(post(token, "{\"to\":[{\"type\":\"phone\",\"number\":\"+44 abc\"}],\"random_from_number\":true,\"ncco\":[]}"),
                "to[0].number");
        assertInvalid(post(token, "{\"to\":[{\"type\":\"pigeon\"}],\"random_from_number\":true,\"ncco\":[]}"), "to[0].type");
        assertInvalid(post(token, "{\"to\":[{\"type\":\"app\",\"user\":\"jane\"}],\"random_from_number\":true}"), "ncco");
        assertInvalid(post(token, "{\"to\":[{\"type\":\"app\",\"user\":\"jane\"}],\"random_from_number\":true,"
                + "\"from\":{\"type\":\"phone\",\"number\":\"447700900000\"},\"ncco\":[]}"), "from");
        assertInvalid(post(token, "{\"to\":[{\"type\":\"app\",\"user\":\"jane\"}],\"random_from_number\":true,"
                + "\"answer_url\":[\"not a url\"]}"), "answer_url");
        assertInvalid(post(token, "{\"to\":[{\"type\":\"app\",\"user\":\"jane\"}],\"random_from_number\":true,"
                + "\"ncco\":[{\"action\":\"talk\"}],\"ringing_timer\":500}"), "ncco[0].text", "ringing_timer");
        assertInvalid(post(token, "{\"to\":[{\"type\":\"app\",\"user\":\"jane\"}],\"random_from_number\":true,"
                + "\"ncco\":[{\"action\":\"dance\"}]}"), "ncco[0].action");
        assertInvalid(post(token, "{\"to\":[{\"type\":\"app\",\"user\":\"jane\"}],\"random_from_number\":true,"
                + "\"ncco\":[{\"action\":\"input\",\"type\":[\"dtmf\"],\"dtmf\":{\"maxDigits\":50}},"
                + "{\"action\":\"connect\",\"endpoint\":[]},{\"action\":\"conversation\"},{\"action\":\"notify\",\"payload\":{}}]}"),
                "ncco[0].dtmf.maxDigits", "ncco[1].endpoint", "ncco[2].name", "ncco[3].eventUrl");

        simulator.register(AgentEndpoint.answering("app", "jane", 0.5, null));
        String uuid = vonage().getVoiceClient().createCall(Call.builder().to(new com.vonage.client.voice.AppEndpoint("jane"))
                .ncco(TalkAction.builder("Hi").build()).build()).getUuid();
        assertInvalid(put(token, uuid, "{\"action\":\"explode\"}"), "action");
        assertInvalid(put(token, uuid, "{\"action\":\"transfer\",\"destination\":{\"type\":\"ncco\"}}"), "destination");
        assertInvalid(put(token, uuid, "{\"action\":\"transfer\",\"destination\":{\"type\":\"ncco\",\"ncco\":[{\"action\":\"talk\"}]}}"),
                "destination.ncco[0].text");
    }

    @Test
    void rateLimitAndFaultSwitch() {
        simulator.settings(new Settings(null, null, null, 2));
        VonageClient vonage = vonage();
        try {
            vonage.getVoiceClient().createCall(agentCall("447700900005"));
            vonage.getVoiceClient().createCall(agentCall("447700900005"));
            VoiceResponseException throttled = assertThrows(VoiceResponseException.class,
                    () -> vonage.getVoiceClient().createCall(agentCall("447700900005")));
            assertEquals(429, throttled.getStatusCode());
            sleep(Duration.ofMillis(1100));
            assertNotNull(vonage.getVoiceClient().createCall(agentCall("447700900005")).getUuid());
        } finally {
            simulator.settings(new Settings(null, null, null, 0));
        }

        simulator.fault(500, 30);
        VoiceResponseException failing = assertThrows(VoiceResponseException.class,
                () -> vonage.getVoiceClient().createCall(agentCall("447700900005")));
        assertEquals(500, failing.getStatusCode());
        simulator.fault(429, 30);
        assertEquals(429, assertThrows(VoiceResponseException.class,
                () -> vonage.getVoiceClient().getCallDetails("x")).getStatusCode());
        simulator.clearFault();
        assertNotNull(vonage.getVoiceClient().createCall(agentCall("447700900005")).getUuid());
    }

    private void assertInvalid(HttpResponse<String> response, String... names) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        JsonNode body = json.readTree(response.body());
        assertEquals("Bad Request", body.get("title").asText());
        assertTrue(body.get("type").asText().startsWith("https://"));
        List<String> reported = new java.util.ArrayList<>();
        body.path("invalid_parameters").forEach(p -> reported.add(p.get("name").asText()));
        for (String name : names) {
            assertTrue(reported.contains(name), "expected " + name + " in " + reported);
        }
    }

    private String sdkToken() {
        return vonage().generateJwt();
    }

    private String base() {
        return simulatorUrl.toString().replaceAll("/$", "");
    }

    private HttpResponse<String> post(String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/calls")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String token, String uuid, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/calls/" + uuid)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> talk(String token, String uuid, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/calls/" + uuid + "/talk"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
