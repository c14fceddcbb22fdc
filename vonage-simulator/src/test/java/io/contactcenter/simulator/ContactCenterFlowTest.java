package io.contactcenter.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.vonage.client.voice.Call;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.ncco.ConversationAction;
import com.vonage.client.voice.ncco.DtmfSettings;
import com.vonage.client.voice.ncco.InputAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.TalkAction;

import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.TranscriptEntry;
import io.contactcenter.simulator.testing.ContactCenterStub.Received;
import io.contactcenter.simulator.testing.SimulatorTestBase;
import io.contactcenter.simulator.testing.SimulatorTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A whole contact-center call as the services will drive it: IVR (talk + input), queue conversation with hold
 * music, an agent leg created over REST into the same named conversation, the agent hangs up, the caller is
 * transferred to a survey and rates; the transcript tells the story.
 */
@QuarkusTest
@WithTestResource(SimulatorTestResource.class)
class ContactCenterFlowTest extends SimulatorTestBase {

    @Test
    void ivrQueueAgentAndSurvey() {
        simulator.register(AgentEndpoint.answering("phone", "447700900201", 2, 5.0));
        String callId = simulator.dial("447700900200",
                CallerStep.pressWhenHeard("Press 1 for Sales", "1"),
                CallerStep.pressWhenHeard("rate us", "5")).callId();

        // the routing service creates the agent leg into cc-<callId> once the caller is queued
        await(r -> "/webhooks/input".equals(r.path()) && callId.equals(r.field("uuid")), 1);
        simulator.awaitTranscript(callId, t -> has(t, "conversation-joined", "cc-" + callId), Duration.ofSeconds(10));
        String agentLeg = vonage().getVoiceClient().createCall(Call.builder().to(new PhoneEndpoint("447700900201"))
                .from(SimulatorTestResource.NUMBER).ringingTimer(20)
                .ncco(ConversationAction.builder("cc-" + callId).startOnEnter(true).endOnExit(false).build())
                .eventUrl(cc.url("/webhooks/event?call=" + callId + "&agent=a1")).build()).getUuid();

        // the agent talks 5 s then hangs up; the survey service then transfers the caller
        await(r -> agentLeg.equals(r.field("uuid")) && "completed".equals(r.field("status")), 1);
        assertEquals("answered", simulator.call(callId).status(), "the caller is still on the line");
        vonage().getVoiceClient().transferCall(callId, new Ncco(
                TalkAction.builder("Please rate us from 1 to 5").build(),
                InputAction.builder().dtmf(DtmfSettings.builder().maxDigits(1).timeOut(5).build())
                        .eventUrl(cc.url("/webhooks/survey")).build()));

        Received survey = await(r -> "/webhooks/survey".equals(r.path()) && callId.equals(r.field("uuid")), 1).get(0);
        assertEquals("5", survey.json().get("dtmf").get("digits").asText());
        await(event(callId, "completed"), 1);
        assertEquals("platform", cc.received(event(callId, "completed")).get(0).json().get("disconnected_by").asText(),
                "the NCCO ran out: the platform ended the call");

        List<TranscriptEntry> transcript = simulator.transcript(callId);
        List<String> heard = transcript.stream().filter(e -> "heard".equals(e.type()) && callId.equals(e.legId()))
                .map(TranscriptEntry::text).toList();
        assertTrue(heard.get(0).contains("Press 1 for Sales"), heard.toString());
        assertTrue(heard.stream().anyMatch(h -> h.contains("connect you to Sales")), heard.toString());
        assertTrue(heard.stream().anyMatch(h -> h.contains("music on hold https://example.com/moh.mp3")), heard.toString());
        assertTrue(heard.stream().anyMatch(h -> h.contains("conversation cc-" + callId + " started")), heard.toString());
        assertTrue(heard.stream().anyMatch(h -> h.contains("rate us")), heard.toString());
        assertTrue(heard.get(heard.size() - 1).contains("you rated us 5"), heard.toString());
        // the agent leg belongs to the caller's timeline through the shared conversation
        assertTrue(transcript.stream().anyMatch(e -> agentLeg.equals(e.legId()) && "leg-status".equals(e.type())
                && e.text().endsWith("answered")));
        assertTrue(transcript.stream().anyMatch(e -> "rest-request".equals(e.type()) && agentLeg.equals(e.legId())));
        assertTrue(transcript.stream().anyMatch(e -> "webhook".equals(e.type()) && e.text().startsWith("answer GET")));
        assertTrue(transcript.stream().anyMatch(e -> "ncco".equals(e.type()) && e.text().contains("(transfer)")));
        assertTrue(transcript.stream().anyMatch(e -> "conversation-left".equals(e.type()) && agentLeg.equals(e.legId())));
        for (int i = 1; i < transcript.size(); i++) {
            assertTrue(transcript.get(i).seq() > transcript.get(i - 1).seq(), "in order");
        }
        // the whole call took well over a simulated minute... in a few real seconds
        TranscriptEntry last = transcript.get(transcript.size() - 1);
        assertTrue(last.simSeconds() - transcript.get(0).simSeconds() >= 15, "simulated seconds: " + last.simSeconds());
        assertTrue(simulator.calls().stream().anyMatch(l -> l.uuid().equals(agentLeg) && "completed".equals(l.status())));
    }

    @Test
    void anInvalidDigitGetsTheGoodbye() {
        String callId = simulator.dial("447700900202", CallerStep.pressWhenHeard("press 2", "9")).callId();
        await(event(callId, "completed"), 1);
        assertTrue(has(simulator.transcript(callId), "heard", "Sorry, goodbye"));
    }

    @Test
    void manyCallsAtOnceStayApart() {
        int calls = 40;
        long start = System.currentTimeMillis();
        List<String> ids = java.util.stream.IntStream.range(0, calls).parallel()
                .mapToObj(i -> simulator.dial(String.valueOf(447700910000L + i),
                        CallerStep.pressWhenHeard("Press 1 for Sales", "1"), CallerStep.hangupAt(60)).callId())
                .toList();
        for (String id : ids) {
            simulator.awaitStatus(id, Duration.ofSeconds(30), "completed");
        }
        long elapsed = System.currentTimeMillis() - start;
        for (String id : ids) {
            List<Received> inputs = cc.received(r -> "/webhooks/input".equals(r.path()) && id.equals(r.field("uuid")));
            // one input per call (a second copy only if the stub was too slow to answer in time: a Vonage retry)
            assertTrue(!inputs.isEmpty() && inputs.size() <= 2, "input webhooks: " + inputs.size());
            assertTrue(inputs.stream().allMatch(r -> "1".equals(r.json().get("dtmf").get("digits").asText())));
            assertEquals(1, inputs.stream().map(Received::body).distinct().count(), "a retry repeats the same payload");
            List<TranscriptEntry> t = simulator.transcript(id);
            assertTrue(has(t, "conversation-joined", "cc-" + id));
            assertTrue(t.stream().allMatch(e -> id.equals(e.callId())), "no other call's lines in this transcript");
        }
        System.out.printf("%d concurrent calls (60 simulated seconds each) completed in %d ms%n", calls, elapsed);
        assertTrue(elapsed < 60_000, "took " + elapsed + " ms");
    }

    static boolean has(List<TranscriptEntry> transcript, String type, String text) {
        return transcript.stream().anyMatch(e -> type.equals(e.type())
                && (e.text() != null && e.text().contains(text) || text.equals(e.conversation())));
    }
}
