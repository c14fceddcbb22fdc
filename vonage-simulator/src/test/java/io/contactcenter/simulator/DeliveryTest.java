package io.contactcenter.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.vonage.client.voice.Call;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.ncco.TalkAction;

import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.Settings;
import io.contactcenter.simulator.testing.ContactCenterStub.Received;
import io.contactcenter.simulator.testing.ContactCenterStub.Reply;
import io.contactcenter.simulator.testing.SimulatorTestBase;
import io.contactcenter.simulator.testing.SimulatorTestResource;
import io.contactcenter.simulator.webhook.WebhookSender;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Retries, the fallback answer URL, and the duplicate / out-of-order delivery switches. */
@QuarkusTest
@WithTestResource(SimulatorTestResource.class)
class DeliveryTest extends SimulatorTestBase {

    @Inject
    WebhookSender webhooks;

    @AfterEach
    void normal() {
        simulator.settings(new Settings(null, false, false, null));
    }

    @Test
    void aFailedEventIsRetriedOnce() {
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        cc.on("/webhooks/event", r -> {
            String key = r.field("uuid") + "/" + r.field("status");
            return seen.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 1
                    ? Reply.empty(503) : Reply.empty(204);
        });
        String callId = simulator.dial("447700900301", CallerStep.hangupAt(1)).callId();
        List<Received> started = await(event(callId, "started"), 2);
        assertEquals(started.get(0).body(), started.get(1).body(), "the retry repeats the same payload");
        assertTrue(started.get(1).atMillis() - started.get(0).atMillis() >= 90, "after the retry delay");
        List<Received> completed = await(event(callId, "completed"), 2);
        webhooks.drain(callId); // every delivery of the caller leg's events is over, retries included
        assertEquals(2, cc.received(event(callId, "completed")).size(), "one retry only once 2xx came back");
        assertEquals(2, completed.size());
    }

    @Test
    void answerFailsTwiceThenTheFallbackAnswers() {
        AtomicInteger attempts = new AtomicInteger();
        cc.on("/webhooks/answer", r -> {
            attempts.incrementAndGet();
            return Reply.empty(500);
        });
        String callId = simulator.dial("447700900302").callId();
        Received fallback = await(r -> "/webhooks/fallback".equals(r.path()) && callId.equals(r.field("uuid")), 1).get(0);
        assertEquals(2, attempts.get(), "answer_url tried twice");
        assertEquals("HTTP 500", fallback.query().get("reason"));
        assertTrue(fallback.query().get("original_request").contains("\"type\":\"answer\""));
        assertSigned(fallback);
        simulator.awaitTranscript(callId, t -> ContactCenterFlowTest.has(t, "heard", "This is the fallback"), Duration.ofSeconds(10));
        await(event(callId, "completed"), 1);
    }

    @Test
    void noAnswerAnywhereEndsTheCall() {
        cc.on("/webhooks/answer", r -> Reply.empty(503));
        cc.on("/webhooks/fallback", r -> Reply.json("this is not an NCCO"));
        String callId = simulator.dial("447700900303").callId();
        await(event(callId, "failed"), 1);
        Received error = await(r -> "/webhooks/event".equals(r.path()) && r.json() != null
                && r.json().path("reason").asText().startsWith("Syntax error in NCCO"), 1).get(0);
        assertEquals(java.util.Set.of("reason", "conversation_uuid", "timestamp"), WebhookShapesTest.keys(error.json()));
        assertEquals(3, cc.received(r -> r.path().startsWith("/webhooks/answer") || r.path().startsWith("/webhooks/fallback"))
                .stream().filter(r -> callId.equals(r.field("uuid"))).count(), "answer twice (503), fallback once (200 with an invalid NCCO)");
        assertEquals("failed", simulator.call(callId).status());
    }

    @Test
    void duplicateEventsArriveTwice() {
        simulator.settings(new Settings(null, true, false, null));
        String callId = simulator.dial("447700900304", CallerStep.hangupAt(1)).callId();
        for (String status : List.of("started", "ringing", "answered", "completed")) {
            List<Received> copies = await(event(callId, status), 2);
            assertEquals(copies.get(0).body(), copies.get(1).body());
        }
    }

    @Test
    void outOfOrderEventsSwapNeighbours() {
        simulator.settings(new Settings(null, false, true, null));
        simulator.register(AgentEndpoint.answering("phone", "447700900305", 1, 1.0));
        String uuid = vonage().getVoiceClient().createCall(Call.builder().to(new PhoneEndpoint("447700900305"))
                .from(SimulatorTestResource.NUMBER).ncco(TalkAction.builder("Hello there, how are you today my friend").build())
                .build()).getUuid();
        List<String> order = await(r -> "/webhooks/event".equals(r.path()) && uuid.equals(r.field("uuid")), 4)
                .stream().map(r -> r.field("status")).toList();
        assertEquals(4, order.size(), order.toString());
        assertEquals("ringing", order.get(0), "ringing overtook started: " + order);
        assertTrue(order.indexOf("started") > order.indexOf("ringing"));
        assertTrue(order.containsAll(List.of("started", "ringing", "answered", "completed")));
    }
}
