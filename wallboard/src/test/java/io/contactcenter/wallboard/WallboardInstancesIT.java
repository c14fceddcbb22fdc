package io.contactcenter.wallboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.infra.ServiceProcess;
import io.contactcenter.wallboard.streams.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged wallboard instances against real Kafka (local-infra): both answer the same totals for all
 * departments, whichever instance owns them; one stops, the other takes its partitions over (restoring the stores
 * from their changelogs) and the totals are unchanged, and it goes on counting.
 */
class WallboardInstancesIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Duration READY = Duration.ofMinutes(2);
    /** Enough departments that both instances own some (6 partitions). */
    private static final int DEPARTMENTS = 8;

    private static ServiceProcess first;
    private static ServiceProcess second;
    private static KafkaProducer<String, byte[]> producer;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        LocalInfra infra = LocalInfra.shared();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        Path state = Files.createTempDirectory("wallboard-it");
        first = instance(infra, state.resolve("first"));
        second = instance(infra, state.resolve("second"));
    }

    private static ServiceProcess instance(LocalInfra infra, Path stateDir) {
        int port = ServiceProcess.freePort();
        return ServiceProcess.start(JAR, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers(),
                "AUTH_PUBLIC_KEY_LOCATION", infra.authKeys().publicKeyFile().toString(),
                "DIRECTORY_URL", "http://127.0.0.1:1",
                "WALLBOARD_APPLICATION_SERVER", "127.0.0.1:" + port,
                "WALLBOARD_STATE_DIR", stateDir.toString(),
                "WALLBOARD_CREATE_SOURCE_TOPICS", "true",
                "QUARKUS_SHUTDOWN_DELAY", "0s"),
                Path.of("target/it-logs/wallboard-" + stateDir.getFileName() + ".log"), port, READY);
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private static String department(int i) {
        return "it-" + RUN + "-" + i;
    }

    private static void send(String topic, String key, Object value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, Json.write(value))).get();
    }

    /** {@code answered} answered calls (score 4) and one abandoned call for the department. */
    private static void placeCalls(int department, int answered) throws Exception {
        String id = department(department);
        Instant now = Instant.now();
        for (int c = 0; c < answered; c++) {
            String call = UUID.randomUUID().toString();
            send(Topics.ROUTE_REQUESTS, call, new RouteRequest("route-" + call, 1, call, id, "447700900123",
                    "cc-" + call, null, now));
            send(Topics.CALL_ASSIGNMENTS, call, new Assignment("asg-" + call + "-1-ANSWERED", 1, call, id, "agent-" + c,
                    "leg", AssignmentOutcome.ANSWERED, 1, now.plusSeconds(5)));
            send(Topics.CALL_ASSIGNMENTS, call, new Assignment("asg-" + call + "-1-COMPLETED", 1, call, id, "agent-" + c,
                    "leg", AssignmentOutcome.COMPLETED, 1, now.plusSeconds(65)));
            send(Topics.SURVEY_RESULTS, call, new SurveyResult("survey-result-" + call, 1, call, id, "agent-" + c, 4,
                    SurveyStatus.ANSWERED, "4477****0123", now.plusSeconds(66), now.plusSeconds(70)));
        }
        String abandoned = UUID.randomUUID().toString();
        send(Topics.ROUTE_REQUESTS, abandoned, new RouteRequest("route-" + abandoned, 1, abandoned, id, "447700900123",
                "cc-" + abandoned, null, now));
        send(Topics.CALL_ASSIGNMENTS, abandoned, new Assignment("asg-" + abandoned + "-0-ABANDONED", 1, abandoned, id,
                null, null, AssignmentOutcome.ABANDONED, 0, now.plusSeconds(30)));
    }

    /** department → "offered/answered/abandoned/handled/surveys" of today, as one instance answers. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> totals(ServiceProcess instance) throws Exception {
        String token = "Bearer " + LocalInfra.shared().authKeys().mint("sup-it", "supervisor");
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(instance.url() + "/wallboard/departments")).header("Authorization", token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), new String(response.body()));
        Map<String, String> totals = new TreeMap<>();
        for (Map<String, Object> department : (List<Map<String, Object>>) Json.MAPPER.readValue(response.body(), List.class)) {
            String id = (String) department.get("department");
            if (id.startsWith("it-" + RUN)) {
                Map<String, Object> today = (Map<String, Object>) department.get("today");
                totals.put(id, today.get("offered") + "/" + today.get("answered") + "/" + today.get("abandoned") + "/"
                        + today.get("handled") + "/" + today.get("surveyResponses"));
            }
        }
        return totals;
    }

    private static Map<String, String> expected() {
        Map<String, String> expected = new TreeMap<>();
        for (int i = 1; i <= DEPARTMENTS; i++) {
            expected.put(department(i), (i + 1) + "/" + i + "/1/" + i + "/" + i);
        }
        return expected;
    }

    @Test
    void bothInstancesAnswerTheSameTotalsAndOneTakesOverWhenTheOtherStops() throws Exception {
        for (int i = 1; i <= DEPARTMENTS; i++) {
            placeCalls(i, i);
        }
        Map<String, String> expected = expected();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertEquals(expected, totals(first));
            assertEquals(expected, totals(second));
        });

        first.stop();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().untilAsserted(() -> assertEquals(expected, totals(second)));

        // the survivor counts on for the partitions it took over
        for (int i = 1; i <= DEPARTMENTS; i++) {
            placeCalls(i, 1);
        }
        Map<String, String> after = new TreeMap<>();
        for (int i = 1; i <= DEPARTMENTS; i++) {
            after.put(department(i), (i + 3) + "/" + (i + 1) + "/2/" + (i + 1) + "/" + (i + 1));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().untilAsserted(() -> assertEquals(after, totals(second)));
    }
}
