package io.contactcenter.directory;

import static io.contactcenter.directory.DirectoryTestSupport.admin;
import static io.contactcenter.directory.DirectoryTestSupport.answered;
import static io.contactcenter.directory.DirectoryTestSupport.as;
import static io.contactcenter.directory.DirectoryTestSupport.department;
import static io.contactcenter.directory.DirectoryTestSupport.newCallId;
import static io.contactcenter.directory.DirectoryTestSupport.phoneAgent;
import static io.contactcenter.directory.DirectoryTestSupport.release;
import static io.contactcenter.directory.DirectoryTestSupport.routing;
import static io.contactcenter.directory.DirectoryTestSupport.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfra;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's own stream (SSE): its snapshot at once, then one per change made in any transaction (claim with the
 * screen pop, answered, release into wrap-up with a pending disposition, wrap-up expiry, status), keep-alives, changes
 * made by another replica (seen on agent-activity), and nobody else's stream.
 */
@QuarkusTest
@WithTestResource(DirectoryInfra.class)
class AgentStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    EntityManager entityManager;

    @TestHTTPResource("/")
    URI base;

    private String sales;
    private String jane;
    private Stream<String> open;

    @BeforeEach
    void agent() {
        DirectoryTestSupport.wipe(entityManager);
        sales = department(1, "Sales", 1);
        jane = phoneAgent("Jane", "+14155550101", sales);
    }

    @AfterEach
    void close() {
        if (open != null) {
            open.close();
        }
    }

    @Test
    void theStreamFollowsACallFromOfferToWrapUpAndBack() throws Exception {
        BlockingQueue<String> lines = stream(jane, token(jane, "agent"));
        JsonNode first = nextSnapshot(lines);
        assertEquals("IDLE", first.get("state").asText());
        assertEquals("AVAILABLE", first.get("status").asText());
        assertTrue(first.get("offer").isNull());

        String callId = newCallId();
        Instant waitingSince = Instant.now().minusSeconds(42).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        routing().body(Map.of("callId", callId, "departmentId", sales, "excludeAgentIds", List.of(),
                        "callerNumber", "447700900123", "waitingSince", waitingSince.toString(), "attempt", 2))
                .post("/assignments").then().statusCode(200);
        JsonNode ringing = nextSnapshot(lines);
        assertEquals("RESERVED", ringing.get("state").asText());
        JsonNode offer = ringing.get("offer");
        assertEquals(callId, offer.get("callId").asText());
        assertEquals("Sales", offer.get("departmentName").asText());
        assertEquals("447700900123", offer.get("callerNumber").asText());
        assertEquals(waitingSince, Instant.parse(offer.get("waitingSince").asText()));
        assertEquals(2, offer.get("attempt").asInt());

        answered(callId, jane).statusCode(200);
        JsonNode onCall = nextSnapshot(lines);
        assertEquals("ON_CALL", onCall.get("state").asText());
        assertEquals("INBOUND", onCall.get("call").get("direction").asText());
        assertEquals("447700900123", onCall.get("call").get("callerNumber").asText());
        assertTrue(onCall.get("offer").isNull());

        release(callId, jane, "COMPLETED").statusCode(200);
        JsonNode wrapUp = nextSnapshot(lines);
        assertEquals("WRAP_UP", wrapUp.get("state").asText());
        assertNotNull(wrapUp.get("wrapUpUntil").asText(null));
        assertEquals(callId, wrapUp.get("pendingDisposition").get("callId").asText());

        JsonNode idle = nextSnapshot(lines); // the 1-second wrap-up runs out (housekeeping)
        assertEquals("IDLE", idle.get("state").asText());
        assertEquals(callId, idle.get("pendingDisposition").get("callId").asText());
        assertTrue(idle.get("version").asLong() > wrapUp.get("version").asLong());

        as(jane, "agent").body(Map.of("status", "AWAY")).put("/agents/" + jane + "/status").then().statusCode(200);
        assertEquals("AWAY", nextSnapshot(lines).get("status").asText());
    }

    @Test
    void aCallerNumberThatIsNotE164StillPopsUp() throws Exception {
        BlockingQueue<String> lines = stream(jane, token(jane, "agent"));
        nextSnapshot(lines);
        String sipCaller = "sip:someone.with.a.long.name@pbx.example.com";
        routing().body(Map.of("callId", newCallId(), "departmentId", sales, "excludeAgentIds", List.of(),
                "callerNumber", sipCaller)).post("/assignments").then().statusCode(200);
        JsonNode offer = nextSnapshot(lines).get("offer");
        assertEquals(sipCaller, offer.get("callerNumber").asText());
        assertTrue(offer.get("attempt").isNull()); // not sent
    }

    @Test
    void keepAlivesKeepTheStreamOpen() throws Exception {
        BlockingQueue<String> lines = stream(jane, token(jane, "agent"));
        nextSnapshot(lines);
        String line;
        do {
            line = lines.poll(5, TimeUnit.SECONDS);
            assertNotNull(line, "no keep-alive");
        } while (!line.startsWith(":"));
        assertEquals(": keep-alive", line);
    }

    @Test
    void aChangeMadeByAnotherReplicaReachesTheStream() throws Exception {
        BlockingQueue<String> lines = stream(jane, token(jane, "agent"));
        long version = nextSnapshot(lines).get("version").asLong();
        // another replica: changes the row in its own transaction, then its agent-activity record arrives
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update directory.agent set status = 'AWAY', version = version + 1 where id = :id")
                .setParameter("id", UUID.fromString(jane)).executeUpdate());
        Properties config = new Properties();
        config.put("bootstrap.servers", LocalInfra.shared().kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.AGENT_ACTIVITY, jane, "{\"agentId\":\"" + jane + "\"}")).get();
        }
        JsonNode away = nextSnapshot(lines);
        assertEquals("AWAY", away.get("status").asText());
        assertEquals(version + 1, away.get("version").asLong());
    }

    @Test
    void onlyTheAgentItselfMayOpenItsStream() throws Exception {
        String joe = phoneAgent("Joe", "+14155550102", sales);
        assertEquals(403, status(jane, token(joe, "agent")));
        assertEquals(403, status(jane, token("admin-1", "admin")));
        assertEquals(403, status(jane, token("supervisor-1", "supervisor")));
        assertEquals(401, status(jane, null));
        assertEquals(401, status(jane, "not-a-token"));
        assertEquals(404, status(UUID.randomUUID().toString(), null, true));
    }

    private int status(String agentId, String token) throws Exception {
        return status(agentId, token, false);
    }

    /** {@code asItself}: with a token of the agent {@code agentId} itself. */
    private int status(String agentId, String token, boolean asItself) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/agents/" + agentId + "/stream"))
                .timeout(Duration.ofSeconds(10));
        String bearer = asItself ? token(agentId, "agent") : token;
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private BlockingQueue<String> stream(String agentId, String token) throws Exception {
        HttpResponse<Stream<String>> response = HTTP.send(HttpRequest.newBuilder(
                        base.resolve("/agents/" + agentId + "/stream"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        open = response.body();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try {
                open.forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** The next {@code agent} event's snapshot (keep-alives skipped). */
    private static JsonNode nextSnapshot(BlockingQueue<String> lines) throws Exception {
        String event = null;
        while (true) {
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertNotNull(line, "no event within 10 s");
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                assertEquals("agent", event);
                return JSON.readTree(line.substring(5).strip());
            }
        }
    }
}
