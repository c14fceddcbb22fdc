package io.contactcenter.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.vonage.client.voice.Call;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.VoiceClient;
import com.vonage.client.voice.ncco.ConversationAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.StreamAction;
import com.vonage.client.voice.ncco.TalkAction;

import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.SimulatorClient.SimulatorException;
import io.contactcenter.simulator.client.TranscriptEntry;
import io.contactcenter.simulator.testing.ContactCenterStub.Received;
import io.contactcenter.simulator.testing.ContactCenterStub.Reply;
import io.contactcenter.simulator.testing.SimulatorTestBase;
import io.contactcenter.simulator.testing.SimulatorTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Who hears whom: canHear/canSpeak of each leg's conversation action, mute and earmuff, a caller on hold out of the
 * conversation, a supervisor switching listen → whisper → barge; a conversation's recording and its event.
 */
@QuarkusTest
@WithTestResource(SimulatorTestResource.class)
class AudioModelTest extends SimulatorTestBase {

    private static final String AGENT = "447700900601";
    private static final String SUPERVISOR = "447700900602";

    private VoiceClient voice;
    private String room;

    /** A caller in room cc-<callId>, an agent leg and a supervisor leg created over REST into it. */
    private String[] threeLegs(ConversationAction.Builder supervisorMode) {
        voice = vonage().getVoiceClient();
        simulator.register(AgentEndpoint.answering("phone", AGENT, 0, null));
        simulator.register(AgentEndpoint.answering("phone", SUPERVISOR, 0, null));
        cc.on("/webhooks/answer", r -> Reply.json(new Ncco(ConversationAction.builder("cc-" + r.field("uuid"))
                .startOnEnter(false).build()).toJson()));
        String caller = simulator.dial("447700900600").callId();
        room = "cc-" + caller;
        awaitIn(caller, room);
        String agent = voice.createCall(Call.builder().to(new PhoneEndpoint(AGENT)).from(SimulatorTestResource.NUMBER)
                .ncco(ConversationAction.builder(room).startOnEnter(true).build()).build()).getUuid();
        awaitIn(agent, room);
        String supervisor = voice.createCall(Call.builder().to(new PhoneEndpoint(SUPERVISOR))
                .from(SimulatorTestResource.NUMBER).ncco(supervisorMode.name(room).build()).build()).getUuid();
        awaitIn(supervisor, room);
        return new String[] {caller, agent, supervisor};
    }

    @Test
    void listenWhisperBargeHeardByExactlyTheRightLegs() {
        String[] legs = threeLegs(ConversationAction.builder("x").canSpeak(List.of()));
        String caller = legs[0];
        String agent = legs[1];
        String supervisor = legs[2];
        assertEquals(List.of(), simulator.call(supervisor).canSpeak());

        // listen: the supervisor hears both, nobody hears the supervisor
        assertEquals(Set.of(agent, supervisor), Set.copyOf(simulator.say(caller, "my order is late")));
        assertEquals(Set.of(caller, supervisor), Set.copyOf(simulator.say(agent, "let me check")));
        assertEquals(List.of(), simulator.say(supervisor, "listening only"));
        assertEquals(List.of("my order is late"), simulator.heardFrom(supervisor, caller));

        // whisper: only the agent hears the supervisor
        voice.transferCall(supervisor, new Ncco(ConversationAction.builder(room).canSpeak(List.of(agent)).build()));
        awaitCanSpeak(supervisor, List.of(agent));
        assertEquals(List.of(agent), simulator.say(supervisor, "offer the voucher"));
        assertEquals(List.of("offer the voucher"), simulator.heardFrom(agent, supervisor));
        assertEquals(List.of(), simulator.heardFrom(caller, supervisor));

        // barge: everyone hears everyone
        voice.transferCall(supervisor, new Ncco(ConversationAction.builder(room).build()));
        awaitCanSpeak(supervisor, null);
        assertEquals(Set.of(caller, agent), Set.copyOf(simulator.say(supervisor, "hello, I am the supervisor")));
        assertEquals(List.of("hello, I am the supervisor"), simulator.heardFrom(caller, supervisor));

        // the caller's own canHear: hearing only the agent
        voice.transferCall(caller, new Ncco(ConversationAction.builder(room).canHear(List.of(agent)).build()));
        awaitCanHear(caller, List.of(agent));
        assertEquals(List.of(agent), simulator.say(supervisor, "only the agent now"));
        assertEquals(Set.of(caller, supervisor), Set.copyOf(simulator.say(agent, "agent speaking")));
    }

    @Test
    void muteEarmuffAndHold() {
        String[] legs = threeLegs(ConversationAction.builder("x"));
        String caller = legs[0];
        String agent = legs[1];
        String supervisor = legs[2];

        voice.muteCall(caller);
        assertEquals(List.of(), simulator.say(caller, "muted words"));
        voice.unmuteCall(caller);
        voice.earmuffCall(agent);
        assertEquals(List.of(supervisor), simulator.say(caller, "the agent is earmuffed"));
        voice.unearmuffCall(agent);
        assertEquals(Set.of(agent, supervisor), Set.copyOf(simulator.say(caller, "all hear me")));

        // hold: the caller is transferred to hold music, out of the conversation: nobody hears them, they hear nobody
        voice.transferCall(caller, new Ncco(StreamAction.builder("https://example.com/hold.mp3").loop(0).build()));
        simulator.awaitTranscript(caller, t -> t.stream().anyMatch(e -> caller.equals(e.legId())
                && "heard".equals(e.type()) && e.text().contains("hold.mp3")), Duration.ofSeconds(10));
        assertEquals(List.of(), simulator.say(caller, "hello? anyone?"));
        assertEquals(List.of(supervisor), simulator.say(agent, "the caller cannot hear this"));
        // resume: back into the conversation
        voice.transferCall(caller, new Ncco(ConversationAction.builder(room).build()));
        awaitIn(caller, room);
        assertEquals(Set.of(agent, supervisor), Set.copyOf(simulator.say(caller, "I am back")));
        assertEquals(List.of("all hear me", "I am back"), simulator.heardFrom(agent, caller));
    }

    @Test
    void sayNeedsAnAnsweredLegAndText() {
        cc.on("/webhooks/answer", r -> Reply.json(new Ncco(TalkAction.builder("Hello").build()).toJson()));
        String caller = simulator.dial("447700900603").callId();
        assertEquals(400, assertStatus(() -> simulator.say(caller, " ")));
        assertEquals(404, assertStatus(() -> simulator.say("no-such-leg", "hi")));
        simulator.awaitStatus(caller, Duration.ofSeconds(10), "completed");
        assertEquals(409, assertStatus(() -> simulator.say(caller, "too late")));
    }

    @Test
    void announcementThenConversationRecordingWithItsEvent() {
        simulator.register(AgentEndpoint.answering("phone", AGENT, 0, null));
        cc.on("/webhooks/answer", r -> Reply.json(new Ncco(
                TalkAction.builder("This call is recorded for quality and training.").build(),
                ConversationAction.builder("cc-" + r.field("uuid")).startOnEnter(false).record(true)
                        .eventUrl(cc.url("/webhooks/recording?call=" + r.field("uuid"))).build()).toJson()));
        String caller = simulator.dial("447700900604").callId();
        awaitIn(caller, "cc-" + caller);
        String agent = vonage().getVoiceClient().createCall(Call.builder().to(new PhoneEndpoint(AGENT))
                .from(SimulatorTestResource.NUMBER)
                .ncco(ConversationAction.builder("cc-" + caller).startOnEnter(true).endOnExit(true).build()).build())
                .getUuid();
        awaitIn(agent, "cc-" + caller);
        simulator.hangup(agent);

        Received recording = await(r -> "/webhooks/recording".equals(r.path()), 1).get(0);
        assertEquals(caller, recording.query().get("call"));
        assertEquals(NccoActionsTest.Set7.RECORD_FIELDS, WebhookShapesTest.keys(recording.json()));
        assertSigned(recording);
        List<TranscriptEntry> t = simulator.transcript(caller);
        long announced = t.stream().filter(e -> caller.equals(e.legId()) && "heard".equals(e.type())
                && e.text().contains("recorded for quality")).findFirst().orElseThrow().seq();
        long started = t.stream().filter(e -> "record".equals(e.type()) && e.text().startsWith("recording started"))
                .findFirst().orElseThrow().seq();
        assertTrue(announced < started, "the announcement precedes the recording");
    }

    private void awaitIn(String leg, String conversation) {
        awaitView(leg, v -> conversation.equals(v.conversationName()), "in " + conversation);
    }

    private void awaitCanSpeak(String leg, List<String> canSpeak) {
        awaitView(leg, v -> Objects.equals(canSpeak, v.canSpeak()) && v.conversationName() != null, "canSpeak " + canSpeak);
    }

    private void awaitCanHear(String leg, List<String> canHear) {
        awaitView(leg, v -> Objects.equals(canHear, v.canHear()) && v.conversationName() != null, "canHear " + canHear);
    }

    private void awaitView(String leg, java.util.function.Predicate<io.contactcenter.simulator.client.LegView> until,
                           String what) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!until.test(simulator.call(leg))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("leg " + leg + " never " + what + ": " + simulator.call(leg));
            }
            sleep(Duration.ofMillis(20));
        }
    }

    private static int assertStatus(Runnable call) {
        try {
            call.run();
        } catch (SimulatorException e) {
            return e.status();
        }
        throw new AssertionError("expected an error");
    }
}
