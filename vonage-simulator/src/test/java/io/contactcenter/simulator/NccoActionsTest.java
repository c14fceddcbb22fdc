package io.contactcenter.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.vonage.client.voice.Call;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.ncco.ConnectAction;
import com.vonage.client.voice.ncco.DtmfSettings;
import com.vonage.client.voice.ncco.EventType;
import com.vonage.client.voice.ncco.InputAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.NotifyAction;
import com.vonage.client.voice.ncco.RecordAction;
import com.vonage.client.voice.ncco.StreamAction;
import com.vonage.client.voice.ncco.TalkAction;

import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.TranscriptEntry;
import io.contactcenter.simulator.testing.ContactCenterStub.Received;
import io.contactcenter.simulator.testing.ContactCenterStub.Reply;
import io.contactcenter.simulator.testing.SimulatorTestBase;
import io.contactcenter.simulator.testing.SimulatorTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Each NCCO action and each scripted agent behaviour, built with the SDK's own NCCO builders. */
@QuarkusTest
@WithTestResource(SimulatorTestResource.class)
class NccoActionsTest extends SimulatorTestBase {

    private void answerWith(Ncco ncco) {
        cc.on("/webhooks/answer", r -> Reply.json(ncco.toJson()));
    }

    private JsonNode inputOf(String callId) {
        return await(r -> "/webhooks/input".equals(r.path()) && callId.equals(r.field("uuid")), 1).get(0).json();
    }

    private Ncco prompt(boolean bargeIn, DtmfSettings dtmf) {
        return prompt(bargeIn, dtmf, 1);
    }

    private Ncco prompt(boolean bargeIn, DtmfSettings dtmf, int loop) {
        return new Ncco(TalkAction.builder("Enter your account number now please").bargeIn(bargeIn).loop(loop).build(),
                InputAction.builder().dtmf(dtmf).eventUrl(cc.url("/webhooks/input")).build());
    }

    @Test
    void inputEndsOnHashOnMaxDigitsAndOnTimeout() {
        answerWith(prompt(false, DtmfSettings.builder().maxDigits(10).timeOut(3).submitOnHash(true).build()));
        JsonNode hash = inputOf(simulator.dial("447700900401", CallerStep.pressWhenHeard("account", "123#")).callId());
        assertEquals("123", hash.get("dtmf").get("digits").asText());
        assertFalse(hash.get("dtmf").get("timed_out").asBoolean());

        JsonNode timeout = inputOf(simulator.dial("447700900402", CallerStep.pressWhenHeard("account", "12")).callId());
        assertEquals("12", timeout.get("dtmf").get("digits").asText());
        assertTrue(timeout.get("dtmf").get("timed_out").asBoolean());

        answerWith(prompt(false, DtmfSettings.builder().maxDigits(2).timeOut(3).build()));
        JsonNode max = inputOf(simulator.dial("447700900403", CallerStep.pressWhenHeard("account", "987")).callId());
        assertEquals("98", max.get("dtmf").get("digits").asText());
        assertFalse(max.get("dtmf").get("timed_out").asBoolean());

        JsonNode none = inputOf(simulator.dial("447700900404").callId());
        assertEquals("", none.get("dtmf").get("digits").asText());
        assertTrue(none.get("dtmf").get("timed_out").asBoolean());
    }

    @Test
    void bargeInLetsDigitsInterruptTheTalkOtherwiseTheyAreLost() {
        // the prompt plays 5 times (9 simulated seconds): the key is pressed half a second into it
        answerWith(prompt(true, DtmfSettings.builder().maxDigits(1).timeOut(2).build(), 5));
        String barged = simulator.dial("447700900405", CallerStep.pressWhileHearing("account", "7", 0.5)).callId();
        assertEquals("7", inputOf(barged).get("dtmf").get("digits").asText());

        answerWith(prompt(false, DtmfSettings.builder().maxDigits(1).timeOut(2).build(), 5));
        String lost = simulator.dial("447700900406", CallerStep.pressWhileHearing("account", "7", 0.5)).callId();
        assertEquals("", inputOf(lost).get("dtmf").get("digits").asText());
        assertTrue(ContactCenterFlowTest.has(simulator.transcript(lost), "dtmf", "ignored"));
    }

    @Test
    void streamRecordAndNotify() {
        cc.on("/notify", r -> Reply.json(new Ncco(TalkAction.builder("Notified and redirected").build()).toJson()));
        answerWith(new Ncco(
                RecordAction.builder().eventUrl(cc.url("/recordings")).build(),
                StreamAction.builder("https://example.com/welcome.mp3").build(),
                NotifyAction.builder(Map.of("step", "after-stream"), cc.url("/notify")).build(),
                TalkAction.builder("This is never heard because notify replaced the NCCO").build()));
        String callId = simulator.dial("447700900407").callId();
        Received notify = await(r -> "/notify".equals(r.path()), 1).get(0);
        assertEquals("after-stream", notify.json().get("step").asText());
        assertSigned(notify);
        Received recording = await(r -> "/recordings".equals(r.path()) && r.json() != null
                && r.json().has("recording_url"), 1).get(0);
        assertEquals(Set7.RECORD_FIELDS, WebhookShapesTest.keys(recording.json()));
        assertTrue(recording.json().get("recording_url").asText().contains("/v1/files/"));
        await(event(callId, "completed"), 1);
        List<TranscriptEntry> t = simulator.transcript(callId);
        assertTrue(ContactCenterFlowTest.has(t, "heard", "audio stream https://example.com/welcome.mp3"));
        assertTrue(ContactCenterFlowTest.has(t, "heard", "Notified and redirected"));
        assertFalse(ContactCenterFlowTest.has(t, "heard", "never heard"));
    }

    /** Field names of the record event in the notes §4.2. */
    static final class Set7 {
        static final java.util.Set<String> RECORD_FIELDS = new java.util.TreeSet<>(List.of("start_time", "recording_url",
                "size", "recording_uuid", "end_time", "conversation_uuid", "timestamp"));
    }

    @Test
    void connectToABusyAgentAsksTheEventUrlForAFallbackNcco() {
        simulator.register(AgentEndpoint.behaving("phone", "447700900450", "busy"));
        cc.on("/connect-events", r -> "busy".equals(r.field("status"))
                ? Reply.json(new Ncco(TalkAction.builder("All agents are busy").build()).toJson()) : Reply.empty(204));
        answerWith(new Ncco(ConnectAction.builder(com.vonage.client.voice.ncco.PhoneEndpoint.builder("447700900450").build())
                .from(SimulatorTestResource.NUMBER).eventType(EventType.SYNCHRONOUS).timeOut(10)
                .eventUrl(cc.url("/connect-events")).build()));
        String callId = simulator.dial("447700900408").callId();
        Received busy = await(r -> "/connect-events".equals(r.path()) && "busy".equals(r.field("status")), 1).get(0);
        assertEquals("447700900450", busy.json().get("to").asText());
        assertEquals("outbound", busy.json().get("direction").asText());
        simulator.awaitTranscript(callId, t -> ContactCenterFlowTest.has(t, "heard", "All agents are busy"), Duration.ofSeconds(10));
        await(event(callId, "completed"), 1);
    }

    @Test
    void connectCreatesAnAnsweringLegInTheSameConversation() {
        simulator.register(AgentEndpoint.answering("app", "jane", 1, 3.0));
        answerWith(new Ncco(ConnectAction.builder(com.vonage.client.voice.ncco.AppEndpoint.builder("jane").build())
                        .eventUrl(cc.url("/connect-events")).build(),
                TalkAction.builder("The agent has left the call").build()));
        String callId = simulator.dial("447700900409").callId();
        List<Received> agent = await(r -> "/connect-events".equals(r.path()) && "completed".equals(r.field("status")), 1);
        String agentLeg = agent.get(0).field("uuid");
        Received answered = await(r -> "/connect-events".equals(r.path()) && agentLeg.equals(r.field("uuid"))
                && "answered".equals(r.field("status")), 1).get(0);
        assertEquals("jane", answered.json().get("to").asText());
        String callerConversation = await(event(callId, "answered"), 1).get(0).field("conversation_uuid");
        assertEquals(callerConversation, answered.field("conversation_uuid"), "both legs in one conversation");
        simulator.awaitTranscript(callId, t -> ContactCenterFlowTest.has(t, "heard", "The agent has left"), Duration.ofSeconds(10));
        await(event(callId, "completed"), 1);
    }

    @Test
    void agentBehaviours() {
        simulator.register(AgentEndpoint.behaving("phone", "447700900460", "never"));
        simulator.register(AgentEndpoint.behaving("sip", "sip:bob@pbx.example.com", "reject"));
        simulator.register(AgentEndpoint.behaving("phone", "447700900461", "manual"));
        var voice = vonage().getVoiceClient();
        String never = voice.createCall(call(new PhoneEndpoint("447700900460"), 3)).getUuid();
        String rejected = voice.createCall(call(new com.vonage.client.voice.SipEndpoint("sip:bob@pbx.example.com"), 20)).getUuid();
        String manual = voice.createCall(call(new PhoneEndpoint("447700900461"), 60)).getUuid();

        await(event(never, "timeout"), 1);
        Received reject = await(event(rejected, "rejected"), 1).get(0);
        assertEquals("declined", reject.field("detail"));
        assertTrue(cc.received(event(never, "completed")).isEmpty());

        simulator.awaitStatus(manual, Duration.ofSeconds(10), "ringing");
        simulator.answer(manual);
        await(event(manual, "answered"), 1);
        simulator.hangup(manual);
        assertEquals("user", await(event(manual, "completed"), 1).get(0).field("disconnected_by"));

        String cancelled = voice.createCall(call(new PhoneEndpoint("447700900460"), 60)).getUuid();
        simulator.awaitStatus(cancelled, Duration.ofSeconds(10), "ringing");
        voice.terminateCall(cancelled);
        await(event(cancelled, "cancelled"), 1);
    }

    private Call call(com.vonage.client.voice.CallEndpoint to, int ringingTimer) {
        return Call.builder().to(to).from(SimulatorTestResource.NUMBER).ringingTimer(ringingTimer)
                .ncco(com.vonage.client.voice.ncco.ConversationAction.builder("agent-room").build()).build();
    }
}
