package io.contactcenter.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.CallEvent;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.ServiceProcess;
import io.contactcenter.infra.StoppableKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway's journal: with the broker stopped, event webhooks are answered 204 once their events are on
 * disk; the process is killed (SIGKILL, no shutdown of any kind) and started again while the broker is still down;
 * when the broker is back, every accepted event is on {@code call-events} exactly once, in the order accepted.
 */
class BufferRestartIT {

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int EVENTS_PER_CALL = 20;

    @Test
    void eventsAcceptedWhileKafkaIsDownSurviveAKillAndArriveOnceInOrder() throws Exception {
        try (StoppableKafka kafka = StoppableKafka.start();
                TopicWatcher callEvents = new TopicWatcher(Topics.CALL_EVENTS, kafka.bootstrapServers())) {
            Map<String, String> env = ShutdownIT.environment(kafka.bootstrapServers(),
                    "http://127.0.0.1:" + ServiceProcess.freePort());
            env.put("GATEWAY_KAFKA_ACK_TIMEOUT", "PT1S");
            Path log = Path.of("target", "buffer-restart-it.log");
            Files.deleteIfExists(log);
            try (ServiceProcess gateway = ServiceProcess.start(ProdProfileIT.JAR, env, log, BOOT)) {
                String before = UUID.randomUUID().toString();
                assertEquals(204, event(gateway, before, 0).statusCode());
                callEvents.one(before);

                kafka.stopBroker();
                List<String> calls = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
                for (int i = 0; i < EVENTS_PER_CALL; i++) {
                    for (String call : calls) {
                        HttpResponse<String> answer = event(gateway, call, i);
                        assertEquals(204, answer.statusCode(), answer.body());
                    }
                }
                assertTrue(metrics(gateway).contains("gateway_buffer_events " + (2.0 * EVENTS_PER_CALL)),
                        "journal holds every accepted event");

                gateway.kill();
                gateway.restart(BOOT);
                assertTrue(metrics(gateway).contains("gateway_buffer_events " + (2.0 * EVENTS_PER_CALL)),
                        "the restarted gateway found them in its journal");

                kafka.startBroker();
                for (String call : calls) {
                    callEvents.records(call, EVENTS_PER_CALL, Duration.ofSeconds(90));
                }
                for (String call : calls) {
                    List<ConsumerRecord<String, String>> received = callEvents.settle(call, Duration.ofSeconds(2));
                    List<String> timestamps = received.stream()
                            .map(record -> TopicWatcher.json(record).get("occurredAt").asText()).toList();
                    List<String> expected = new ArrayList<>();
                    for (int i = 0; i < EVENTS_PER_CALL; i++) {
                        expected.add(timestamp(i).toString());
                    }
                    assertEquals(expected, timestamps, "every event of call " + call + " once, in the order accepted");
                    assertEquals(Map.of("STATUS:RINGING", (long) EVENTS_PER_CALL), received.stream()
                            .collect(Collectors.groupingBy(record -> TopicWatcher.header(record, CallEvent.EVENT_HEADER),
                                    Collectors.counting())));
                }
                assertTrue(metrics(gateway).contains("gateway_buffer_events 0.0"), "journal drained");
            }
        }
    }

    private static Instant timestamp(int index) {
        return Instant.parse("2026-01-01T12:00:00Z").plusSeconds(index);
    }

    private static HttpResponse<String> event(ServiceProcess gateway, String callId, int index) throws Exception {
        String body = "{\"uuid\":\"" + callId + "\",\"status\":\"ringing\",\"timestamp\":\"" + timestamp(index) + "\"}";
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/webhooks/event"))
                .header("Content-Type", "application/json").header("Authorization", VonageSigner.bearer(body))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String metrics(ServiceProcess gateway) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
