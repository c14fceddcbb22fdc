package io.contactcenter.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import com.vonage.client.voice.Call;
import com.vonage.client.voice.CallInfoPage;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.VoiceClient;
import com.vonage.client.voice.VoiceResponseException;
import com.vonage.client.voice.ncco.ConversationAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.TalkAction;

import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.DialRequest;
import io.contactcenter.simulator.client.Region;
import io.contactcenter.simulator.client.RegionSettings;
import io.contactcenter.simulator.client.SimulatorClient.SimulatorException;
import io.contactcenter.simulator.client.TranscriptEntry;
import io.contactcenter.simulator.testing.ContactCenterStub.Received;
import io.contactcenter.simulator.testing.SimulatorTestBase;
import io.contactcenter.simulator.testing.SimulatorTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two regions on two loopback hosts of the same simulator (127.0.0.1 = "us", 127.0.0.2 = "eu"): a call lives in one
 * region, is unknown (404) through the other region's host, and an agent leg created through the wrong host sits in a
 * same-named conversation of another region — the simulator marks both sides split, so affinity bugs are visible.
 */
@QuarkusTest
@WithTestResource(SimulatorTestResource.class)
class RegionsTest extends SimulatorTestBase {

    private static final String AGENT = "447700900301";

    private String usUrl;
    private String euUrl;

    @BeforeEach
    void twoRegions() {
        usUrl = "http://127.0.0.1:" + simulatorUrl.getPort();
        euUrl = "http://127.0.0.2:" + simulatorUrl.getPort();
        simulator.regions("round-robin", new Region("us", usUrl), new Region("eu", euUrl));
    }

    private VoiceClient voiceThrough(String baseUrl) {
        return VonageClient.builder()
                .applicationId(SimulatorTestResource.APPLICATION_ID)
                .privateKeyContents(SimulatorTestResource.privateKeyPem())
                .httpConfig(HttpConfig.builder().apiBaseUri(baseUrl).timeoutMillis(10_000).build())
                .build().getVoiceClient();
    }

    /** A caller in {@code region} who chose 1 and now waits in cc-callId. */
    private String queuedCaller(String region, String from) {
        String callId = simulator.dial(DialRequest.phoneInRegion(region, from,
                CallerStep.pressWhenHeard("Press 1 for Sales", "1"))).callId();
        simulator.awaitTranscript(callId, t -> t.stream().anyMatch(e -> "conversation-joined".equals(e.type())
                && callId.equals(e.legId())), Duration.ofSeconds(15));
        return callId;
    }

    private String agentLegThrough(String baseUrl, String callId) {
        simulator.register(AgentEndpoint.answering("phone", AGENT, 1, null));
        return voiceThrough(baseUrl).createCall(Call.builder().to(new PhoneEndpoint(AGENT))
                .from(SimulatorTestResource.NUMBER).ringingTimer(20)
                .ncco(ConversationAction.builder("cc-" + callId).startOnEnter(true).endOnExit(false).build())
                .eventUrl(cc.url("/webhooks/event?call=" + callId)).build()).getUuid();
    }

    @Test
    void theAnswerWebhookNamesTheCallsRegionAndOnlyThatHostControlsIt() {
        String callId = queuedCaller("eu", "447700900300");

        Received answer = await(r -> "/webhooks/answer".equals(r.path()) && callId.equals(r.field("uuid")), 1).get(0);
        assertEquals(euUrl, answer.field("region_url"));
        assertEquals("eu", simulator.regionOf(callId));

        VoiceResponseException wrongGet = assertThrows(VoiceResponseException.class,
                () -> voiceThrough(usUrl).getCallDetails(callId));
        assertEquals(404, wrongGet.getStatusCode());
        VoiceResponseException wrongTransfer = assertThrows(VoiceResponseException.class,
                () -> voiceThrough(usUrl).transferCall(callId, new Ncco(TalkAction.builder("Goodbye.").build())));
        assertEquals(404, wrongTransfer.getStatusCode());
        VoiceResponseException wrongHangup = assertThrows(VoiceResponseException.class,
                () -> voiceThrough(usUrl).terminateCall(callId));
        assertEquals(404, wrongHangup.getStatusCode());
        assertEquals("answered", simulator.call(callId).status(), "the wrong host changed nothing");
        // the global host (any host that names no region, here localhost) lands in the first region: us
        assertEquals(404, assertThrows(VoiceResponseException.class,
                () -> vonage().getVoiceClient().getCallDetails(callId)).getStatusCode());

        assertEquals("answered", voiceThrough(euUrl).getCallDetails(callId).getStatus().toString());
        CallInfoPage usList = voiceThrough(usUrl).listCalls();
        assertTrue(usList.getCallInfos().stream().noneMatch(c -> callId.equals(c.getUuid())),
                "the us region does not list the eu call");
        voiceThrough(euUrl).transferCall(callId, new Ncco(TalkAction.builder("Goodbye from eu.").build()));
        simulator.awaitStatus(callId, Duration.ofSeconds(15), "completed");

        List<TranscriptEntry> rest = simulator.transcript(callId).stream()
                .filter(e -> "rest-request".equals(e.type())).toList();
        assertTrue(rest.stream().anyMatch(e -> "PUT".equals(e.data().get("method")) && intOf(e, "status") == 404
                && "us".equals(e.data().get("region")) && "eu".equals(e.data().get("legRegion"))), rest.toString());
        assertTrue(rest.stream().anyMatch(e -> "PUT".equals(e.data().get("method")) && intOf(e, "status") == 204
                && "eu".equals(e.data().get("region")) && String.valueOf(e.data().get("host")).startsWith("127.0.0.2")),
                rest.toString());
    }

    @Test
    void anAgentLegCreatedInTheCallersRegionJoinsTheCaller() {
        String callId = queuedCaller("eu", "447700900302");
        String agentLeg = agentLegThrough(euUrl, callId);

        simulator.awaitTranscript(callId, t -> heard(t, callId).stream().anyMatch(h -> h.contains("started: talking")),
                Duration.ofSeconds(15));
        assertEquals("eu", simulator.regionOf(agentLeg));
        assertFalse(simulator.isSplit(callId));
        assertFalse(simulator.isSplit(agentLeg));
        assertTrue(simulator.transcript().stream().noneMatch(e -> e.data() != null
                && Boolean.TRUE.equals(e.data().get("split"))));
        TranscriptEntry created = simulator.transcript(callId).stream().filter(e -> "rest-request".equals(e.type())
                && agentLeg.equals(e.legId())).findFirst().orElseThrow();
        assertEquals("eu", created.data().get("region"));
        assertEquals(201, intOf(created, "status"));
        voiceThrough(euUrl).terminateCall(agentLeg);
        simulator.awaitStatus(agentLeg, Duration.ofSeconds(10), "completed");
    }

    @Test
    void anAgentLegCreatedInAnotherRegionIsSplitFromTheCaller() {
        String callId = queuedCaller("eu", "447700900303");
        String agentLeg = agentLegThrough(usUrl, callId); // the bug: the default host instead of the call's region

        List<TranscriptEntry> transcript = simulator.awaitTranscript(callId, t -> t.stream().anyMatch(e ->
                "heard".equals(e.type()) && callId.equals(e.legId()) && e.text().contains("split")), Duration.ofSeconds(15));
        assertEquals("us", simulator.regionOf(agentLeg));
        assertTrue(simulator.isSplit(callId), "the caller is marked split");
        assertTrue(simulator.isSplit(agentLeg), "the agent leg is marked split");
        TranscriptEntry split = transcript.stream().filter(e -> callId.equals(e.legId())
                && e.data() != null && Boolean.TRUE.equals(e.data().get("split"))).findFirst().orElseThrow();
        assertEquals(List.of(agentLeg), split.data().get("cannotHear"));
        assertTrue(transcript.stream().anyMatch(e -> agentLeg.equals(e.legId()) && e.data() != null
                && Boolean.TRUE.equals(e.data().get("split"))), "the agent's side is in the caller's timeline");
        // the agent talks in an empty us conversation; the caller keeps waiting with the hold music
        assertTrue(heard(transcript, callId).stream().noneMatch(h -> h.contains("started: talking")),
                heard(transcript, callId).toString());
        voiceThrough(usUrl).terminateCall(agentLeg);
        voiceThrough(euUrl).terminateCall(callId);
        simulator.awaitStatus(callId, Duration.ofSeconds(10), "completed");
    }

    @Test
    void inboundCallsArePlacedRoundRobinOrInTheFirstRegionOrAsAsked() {
        String first = simulator.dial("447700900310").callId();
        String second = simulator.dial("447700900311").callId();
        assertEquals(List.of("us", "eu"), List.of(simulator.regionOf(first), simulator.regionOf(second)));
        assertEquals("eu", simulator.regionOf(simulator.dialInRegion("eu", "447700900312").callId()));
        assertEquals("eu", simulator.regionOf(simulator.dialInRegion("eu", "447700900313").callId()));
        assertEquals("us", simulator.regionOf(simulator.dial("447700900317").callId()), "asked-for regions skip no turn");

        simulator.regions("first", new Region("us", usUrl), new Region("eu", euUrl));
        assertEquals("us", simulator.regionOf(simulator.dial("447700900314").callId()));
        assertEquals("us", simulator.regionOf(simulator.dial("447700900315").callId()));

        SimulatorException unknown = assertThrows(SimulatorException.class,
                () -> simulator.dialInRegion("ap", "447700900316"));
        assertEquals(400, unknown.status());
        assertEquals(400, assertThrows(SimulatorException.class, () -> simulator.regions(
                new RegionSettings(List.of(new Region("us", usUrl), new Region("us", euUrl)), null))).status());
        assertEquals(400, assertThrows(SimulatorException.class, () -> simulator.regions(
                new RegionSettings(List.of(new Region("us", "not a url")), null))).status());
        assertEquals(400, assertThrows(SimulatorException.class, () -> simulator.regions(
                new RegionSettings(List.of(new Region("us", usUrl)), "random"))).status());
    }

    @Test
    void withoutRegionsOneRegionServesEverythingAsBefore() {
        simulator.reset(); // back to the configured single region
        assertTrue(simulator.regions().regions().isEmpty());
        String callId = queuedCaller(null, "447700900320");
        Received answer = await(r -> "/webhooks/answer".equals(r.path()) && callId.equals(r.field("uuid")), 1).get(0);
        assertEquals("https://api-eu-3.vonage.com", answer.field("region_url"), "the configured SIMULATOR_REGION_URL");
        assertNull(simulator.regionOf(callId));
        // any host controls any call; no split
        String agentLeg = agentLegThrough(euUrl, callId);
        simulator.awaitTranscript(callId, t -> heard(t, callId).stream().anyMatch(h -> h.contains("started: talking")),
                Duration.ofSeconds(15));
        assertFalse(simulator.isSplit(agentLeg));
        voiceThrough(usUrl).terminateCall(agentLeg);
        assertEquals(400, assertThrows(SimulatorException.class,
                () -> simulator.dialInRegion("eu", "447700900321")).status(), "no region to ask for");
        voiceThrough(usUrl).terminateCall(callId);
    }

    private static List<String> heard(List<TranscriptEntry> transcript, String legId) {
        return transcript.stream().filter(e -> "heard".equals(e.type()) && legId.equals(e.legId()))
                .map(TranscriptEntry::text).toList();
    }

    private static int intOf(TranscriptEntry e, String key) {
        Object v = e.data().get(key);
        return v instanceof Number n ? n.intValue() : -1;
    }
}
