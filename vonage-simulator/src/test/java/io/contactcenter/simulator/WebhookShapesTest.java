package io.contactcenter.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vonage.client.voice.EventWebhook;

import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.DialResponse;
import io.contactcenter.simulator.testing.ContactCenterStub.Received;
import io.contactcenter.simulator.testing.SimulatorTestBase;
import io.contactcenter.simulator.testing.SimulatorTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Webhooks compared field by field with the examples of the reference notes (voice-api-notes.md §3–§5), parsed by
 * the SDK's own models, and signed so that the SDK's verifier accepts them.
 */
@QuarkusTest
@WithTestResource(SimulatorTestResource.class)
class WebhookShapesTest extends SimulatorTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    // examples copied from the notes
    private static final String STARTED = "{\"from\":\"442079460000\",\"to\":\"447700900000\",\"uuid\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\","
            + "\"conversation_uuid\":\"CON-aaaaaaaa-bbbb-cccc-dddd-0123456789ab\",\"status\":\"started\","
            + "\"direction\":\"outbound\",\"timestamp\":\"2020-01-01T12:00:00.000Z\"}";
    private static final String ANSWERED = "{\"start_time\":null,\"rate\":null,\"from\":\"442079460000\",\"to\":\"447700900000\","
            + "\"uuid\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\",\"conversation_uuid\":\"CON-aaaaaaaa-bbbb-cccc-dddd-0123456789ab\","
            + "\"status\":\"answered\",\"direction\":\"inbound\",\"network\":null,\"timestamp\":\"2020-01-01T12:00:00.000Z\"}";
    private static final String COMPLETED = "{\"end_time\":\"2020-01-01T12:00:02.000Z\",\"uuid\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\","
            + "\"network\":\"GB-FIXED\",\"duration\":\"2\",\"start_time\":\"2020-01-01T12:00:00.000Z\","
            + "\"rate\":\"0.00450000\",\"price\":\"0.00015000\",\"from\":\"442079460000\",\"to\":\"447700900000\","
            + "\"conversation_uuid\":\"CON-aaaaaaaa-bbbb-cccc-dddd-0123456789ab\",\"status\":\"completed\","
            + "\"direction\":\"inbound\",\"disconnected_by\":\"user\",\"timestamp\":\"2020-01-01T12:00:02.000Z\"}";
    private static final String INPUT = "{\"speech\":{\"results\":[]},\"dtmf\":{\"digits\":\"1234\",\"timed_out\":true},"
            + "\"from\":\"15551234567\",\"to\":\"15557654321\",\"uuid\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\","
            + "\"conversation_uuid\":\"bbbbbbbb-cccc-dddd-eeee-0123456789ab\",\"timestamp\":\"2020-01-01T14:00:00.000Z\"}";
    private static final String TRANSFER = "{\"conversation_uuid_from\":\"CON-aaaaaaaa-bbbb-cccc-dddd-0123456789ab\","
            + "\"conversation_uuid_to\":\"CON-bbbbbbbb-cccc-dddd-eeee-0123456789ab\","
            + "\"uuid\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\",\"timestamp\":\"2020-01-01T12:00:00.000Z\",\"type\":\"transfer\"}";
    private static final Set<String> ANSWER_QUERY = Set.of("to", "from", "endpoint_type", "uuid", "conversation_uuid", "region_url");

    @Test
    void inboundCallWebhooksMatchVonagesShapes() throws Exception {
        DialResponse call = simulator.dial("447700900123", CallerStep.pressWhenHeard("press 1 for sales", "1"));
        String uuid = call.callId();

        Received answer = await(r -> "/webhooks/answer".equals(r.path()) && uuid.equals(r.query().get("uuid")), 1).get(0);
        assertEquals("GET", answer.method());
        assertEquals(ANSWER_QUERY, answer.query().keySet());
        assertEquals(SimulatorTestResource.NUMBER, answer.query().get("to"));
        assertEquals("447700900123", answer.query().get("from"));
        assertEquals("phone", answer.query().get("endpoint_type"));
        assertEquals(call.conversationUuid(), answer.query().get("conversation_uuid"));
        assertTrue(answer.query().get("conversation_uuid").startsWith("CON-"));
        assertEquals("https://api-eu-3.vonage.com", answer.query().get("region_url"));
        assertSigned(answer);

        Received input = await(r -> "/webhooks/input".equals(r.path()) && uuid.equals(r.field("uuid")), 1).get(0);
        assertEquals("POST", input.method());
        assertSameShape(INPUT, input.json());
        assertEquals("1", input.json().get("dtmf").get("digits").asText());
        assertFalse(input.json().get("dtmf").get("timed_out").asBoolean());
        assertEquals(SimulatorTestResource.NUMBER, input.json().get("to").asText());
        EventWebhook parsedInput = EventWebhook.fromJson(input.body());
        assertEquals("1", parsedInput.getDtmf().getDigits());
        assertNull(parsedInput.getStatus());
        assertSigned(input);

        // joining the queue conversation moves the leg: a transfer event without status
        Received transfer = await(r -> "/webhooks/event".equals(r.path()) && uuid.equals(r.field("uuid"))
                && r.json().has("conversation_uuid_to"), 1).get(0);
        assertSameShape(TRANSFER, transfer.json());
        assertEquals(call.conversationUuid(), transfer.json().get("conversation_uuid_from").asText());
        assertNull(EventWebhook.fromJson(transfer.body()).getStatus());

        simulator.awaitTranscript(uuid, t -> t.stream().anyMatch(e -> "heard".equals(e.type()) && e.text().contains("music on hold")),
                Duration.ofSeconds(10));
        sleep(Duration.ofMillis(200)); // the caller waits in the queue for a while (4 simulated seconds)
        simulator.hangup(uuid);

        Received started = await(event(uuid, "started"), 1).get(0);
        Received answered = await(event(uuid, "answered"), 1).get(0);
        Received completed = await(event(uuid, "completed"), 1).get(0);
        assertSameShape(STARTED, started.json());
        assertEquals("inbound", started.json().get("direction").asText());
        assertSameShape(ANSWERED, answered.json());
        assertTrue(answered.json().get("start_time").isNull() && answered.json().get("rate").isNull());
        assertSameShape(COMPLETED, completed.json());
        assertEquals("user", completed.json().get("disconnected_by").asText());
        assertTrue(completed.json().get("duration").asText().matches("\\d+"));
        assertTrue(Integer.parseInt(completed.json().get("duration").asText()) >= 4);
        assertTrue(completed.json().get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));

        List<Received> events = cc.received(r -> "/webhooks/event".equals(r.path()) && uuid.equals(r.field("uuid")));
        List<String> statuses = events.stream().map(r -> r.field("status")).filter(s -> s != null).toList();
        assertEquals(List.of("started", "ringing", "answered", "completed"), statuses);
        for (Received r : events) {
            assertSigned(r);
            assertEquals("POST", r.method());
            EventWebhook parsed = EventWebhook.fromJson(r.body()); // the SDK parses every payload
            assertNotNull(parsed.getTimestamp());
        }
        EventWebhook done = EventWebhook.fromJson(completed.body());
        assertEquals("completed", done.getStatus().toString());
        assertNotNull(done.getDuration());
        assertNotNull(done.getRate());
        assertTrue(done.getEndTime().isAfter(Instant.now().minusSeconds(60)));
    }

    @Test
    void eventUrlOfACreatedCallOverridesTheApplications() {
        simulator.register(io.contactcenter.simulator.client.AgentEndpoint.answering("phone", "447700900077", 0.5, 1.0));
        String uuid = vonage().getVoiceClient().createCall(com.vonage.client.voice.Call.builder()
                .to(new com.vonage.client.voice.PhoneEndpoint("447700900077")).from(SimulatorTestResource.NUMBER)
                .ncco(com.vonage.client.voice.ncco.TalkAction.builder("Hello agent, this is a long message for you").build())
                .eventUrl(cc.url("/agent-events?call=c1&agent=a1")).build()).getUuid();
        List<Received> events = await(r -> "/agent-events".equals(r.path()) && uuid.equals(r.field("uuid"))
                && "completed".equals(r.field("status")), 1);
        assertEquals("c1", events.get(0).query().get("call"));
        assertEquals("a1", events.get(0).query().get("agent"));
        assertEquals("outbound", events.get(0).json().get("direction").asText());
        assertEquals("447700900077", events.get(0).json().get("to").asText());
        assertEquals(SimulatorTestResource.NUMBER, events.get(0).json().get("from").asText());
        assertTrue(cc.received(event(uuid, "started")).isEmpty(), "nothing went to the application's event URL");
    }

    @Test
    void outboundAnswerUrlAndInAppCallsGetTheirAnswerWebhooks() {
        simulator.register(io.contactcenter.simulator.client.AgentEndpoint.answering("phone", "447700900078", 0.5, 1.0));
        cc.on("/outbound-answer", r -> io.contactcenter.simulator.testing.ContactCenterStub.Reply.json(
                new com.vonage.client.voice.ncco.Ncco(com.vonage.client.voice.ncco.TalkAction.builder("Hi agent").build()).toJson()));
        String uuid = vonage().getVoiceClient().createCall(com.vonage.client.voice.Call.builder()
                .to(new com.vonage.client.voice.PhoneEndpoint("447700900078")).from(SimulatorTestResource.NUMBER)
                .answerUrl(cc.url("/outbound-answer")).eventUrl(cc.url("/webhooks/event")).build()).getUuid();
        Received answer = await(r -> "/outbound-answer".equals(r.path()) && uuid.equals(r.query().get("uuid")), 1).get(0);
        assertEquals("GET", answer.method());
        assertEquals(ANSWER_QUERY, answer.query().keySet());
        assertEquals("447700900078", answer.query().get("to"));
        assertEquals(SimulatorTestResource.NUMBER, answer.query().get("from"));
        assertSigned(answer);
        // the answer webhook of an outbound call comes once it is answered
        assertTrue(cc.received(event(uuid, "answered")).size() + cc.received(event(uuid, "ringing")).size() >= 1);

        String inApp = simulator.dial(new io.contactcenter.simulator.client.DialRequest(null, "jane", "447700900999", List.of()))
                .callId();
        Received appAnswer = await(r -> "/webhooks/answer".equals(r.path()) && inApp.equals(r.query().get("uuid")), 1).get(0);
        assertEquals(Set.of("to", "from_user", "endpoint_type", "uuid", "conversation_uuid", "region_url"),
                appAnswer.query().keySet());
        assertEquals("jane", appAnswer.query().get("from_user"));
        assertEquals("app", appAnswer.query().get("endpoint_type"));
        assertEquals("447700900999", appAnswer.query().get("to"));
    }

    static void assertSameShape(String example, JsonNode actual) throws Exception {
        JsonNode expected = JSON.readTree(example);
        assertEquals(keys(expected), keys(actual), "fields of " + actual);
        expected.fields().forEachRemaining(e -> {
            JsonNode a = actual.get(e.getKey());
            if (!e.getValue().isNull() && a != null && !a.isNull()) {
                assertEquals(e.getValue().getNodeType(), a.getNodeType(), "type of " + e.getKey());
                if (e.getValue().isObject()) {
                    assertEquals(keys(e.getValue()), keys(a), "fields of " + e.getKey());
                }
            }
        });
    }

    static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
