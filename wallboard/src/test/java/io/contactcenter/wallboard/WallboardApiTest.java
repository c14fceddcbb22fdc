package io.contactcenter.wallboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.wallboard.streams.Json;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The read API and the server push against real Kafka: records in, figures out, for supervisors only. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class)
class WallboardApiTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private static String supervisor() {
        return "Bearer " + LocalInfra.shared().authKeys().mint("sup-1", "supervisor");
    }

    private static void send(String topic, String key, Object value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfra.shared().kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, Json.write(value))).get();
        }
    }

    @Test
    void anonymousAndNonSupervisorsAreRefusedWithProblemJson() {
        given().get("/wallboard/departments").then().statusCode(401)
                .contentType(containsString("application/problem+json"));
        given().header("Authorization", "Bearer " + LocalInfra.shared().authKeys().mint("agent-1", "agent"))
                .get("/wallboard/agents").then().statusCode(403)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void theSignInPassThroughSaysSoWhenTheDirectoryCannotBeReached() {
        // the test configuration points the directory at a closed port
        given().contentType("application/json").body("{\"name\":\"sue\",\"password\":\"x\"}")
                .post("/wallboard/auth/sign-in").then().statusCode(503)
                .contentType(containsString("application/problem+json"));
        given().get("/wallboard/directory/departments").then().statusCode(401);
        given().get("/wallboard/directory/agents").then().statusCode(401);
    }

    @Test
    void aCallShowsAsWaitingThenAnsweredOnTheApiAndTheStream() throws Exception {
        String department = "dept-" + UUID.randomUUID();
        String call = UUID.randomUUID().toString();
        Instant requested = Instant.now();
        send(Topics.ROUTE_REQUESTS, call, new RouteRequest("route-" + call, 1, call, department, "447700900123",
                "cc-" + call, null, requested));
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> departments()
                .then().statusCode(200)
                .body("find { it.department == '" + department + "' }.waiting", equalTo(1)));

        HttpRequest streamRequest = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/wallboard/stream"))
                .header("Authorization", supervisor()).header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient().send(streamRequest,
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String first = nextData(events);
            assertDepartment(first, department, 1, 0);
            send(Topics.CALL_ASSIGNMENTS, call, new Assignment("asg-" + call + "-1-ANSWERED", 1, call, department,
                    "agent-7", "leg-1", AssignmentOutcome.ANSWERED, 1, requested.plusSeconds(3)));
            String data;
            do {
                data = nextData(events);
            } while (!departmentHas(data, department, 0, 1));
        }
        departments().then().statusCode(200)
                .body("find { it.department == '" + department + "' }.today.answered", equalTo(1))
                .body("find { it.department == '" + department + "' }.today.serviceLevel", equalTo(1.0f))
                .body("find { it.department == '" + department + "' }.today.averageSpeedOfAnswerSeconds",
                        equalTo(3.0f));
    }

    private static Response departments() {
        return given().header("Authorization", supervisor()).get("/wallboard/departments");
    }

    private static String nextData(BufferedReader events) throws Exception {
        String line;
        while ((line = events.readLine()) != null) {
            if (line.startsWith("data:")) {
                return line.substring(5);
            }
        }
        throw new AssertionError("the stream ended");
    }

    @SuppressWarnings("unchecked")
    private static boolean departmentHas(String data, String department, int waiting, int answered) throws Exception {
        Map<String, Object> snapshot = Json.MAPPER.readValue(data, Map.class);
        for (Map<String, Object> d : (Iterable<Map<String, Object>>) snapshot.get("departments")) {
            if (department.equals(d.get("department"))) {
                Map<String, Object> today = (Map<String, Object>) d.get("today");
                return ((Number) d.get("waiting")).intValue() == waiting
                        && ((Number) today.get("answered")).intValue() == answered;
            }
        }
        return false;
    }

    private static void assertDepartment(String data, String department, int waiting, int answered) throws Exception {
        if (!departmentHas(data, department, waiting, answered)) {
            throw new AssertionError("expected waiting " + waiting + ", answered " + answered + " in " + data);
        }
    }
}
