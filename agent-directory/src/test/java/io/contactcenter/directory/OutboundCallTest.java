package io.contactcenter.directory;

import static io.contactcenter.directory.DirectoryTestSupport.admin;
import static io.contactcenter.directory.DirectoryTestSupport.agent;
import static io.contactcenter.directory.DirectoryTestSupport.as;
import static io.contactcenter.directory.DirectoryTestSupport.asService;
import static io.contactcenter.directory.DirectoryTestSupport.claim;
import static io.contactcenter.directory.DirectoryTestSupport.department;
import static io.contactcenter.directory.DirectoryTestSupport.newCallId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfra;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In-app agents' outbound calls as the gateway asks for them: allowed only while AVAILABLE, to the configured prefixes
 * (tests: 44 and 1), within the daily cap (tests: 5), counted once per call, exactly the cap under concurrency.
 */
@QuarkusTest
@WithTestResource(DirectoryInfra.class)
class OutboundCallTest {

    private static final String PROBLEM = "application/problem+json";
    private static final int CAP = 5;
    /** The directory's consumer group on call-events (application.properties). */
    private static final String DIRECTORY_GROUP = "agent-directory";

    @Inject
    EntityManager entityManager;

    @Inject
    MeterRegistry meters;

    private String alice;
    private String support;

    @BeforeEach
    void inAppAgent() {
        DirectoryTestSupport.wipe(entityManager);
        support = department(2, "Support", 10);
        alice = agent("Alice", "app", "alice", support);
    }

    @Test
    void anAvailableAgentCallsAnAllowedNumber() {
        String callId = newCallId();
        call(callId, "alice", "+447700900123").statusCode(200)
                .body("callId", equalTo(callId)).body("agentId", equalTo(alice)).body("to", equalTo("447700900123"));
        ended(callId);
        call(newCallId(), "alice", "14155550123").statusCode(200);
    }

    @Test
    void theAgentIsOnCallForItsOutboundCallAndWrapsUpAfterIt() {
        String callId = newCallId();
        call(callId, "alice", "447700900123").statusCode(200);
        admin().get("/agents/" + alice).then().body("state", equalTo("ON_CALL"));
        claim(newCallId(), support).body("assigned", equalTo(false)); // no inbound call meanwhile
        call(newCallId(), "alice", "447700900124").statusCode(403).body("detail", containsString("ON_CALL"));
        asAgent().body(Map.of("to", "447700900124")).post("/agents/" + alice + "/outbound-calls/check").then()
                .statusCode(403).body("detail", containsString("ON_CALL"));

        callEvent(callId, callId, "answered"); // not the end
        // another leg of a call with that id: not this call
        awaitApplied(callEvent(newCallId(), callId, "completed"));
        admin().get("/agents/" + alice).then().body("state", equalTo("ON_CALL"));
        ended(callId);
        admin().get("/agents/" + alice).then().body("state", equalTo("WRAP_UP"))
                .body("consecutiveNoAnswers", equalTo(0));
        ended(callId); // Kafka may deliver the end twice
        admin().get("/agents/" + alice).then().body("state", equalTo("WRAP_UP"));
    }

    @Test
    void theDeskChecksANumberByTheSameRulesWithoutCountingIt() {
        for (int i = 0; i < CAP + 2; i++) {
            asAgent().body(Map.of("to", "+447700900123")).post("/agents/" + alice + "/outbound-calls/check").then()
                    .statusCode(204);
        }
        asAgent().body(Map.of("to", "+33612345678")).post("/agents/" + alice + "/outbound-calls/check").then()
                .statusCode(403).contentType(PROBLEM).body("detail", containsString("not allowed"));
        asAgent().body(Map.of("to", "call me")).post("/agents/" + alice + "/outbound-calls/check").then()
                .statusCode(400).contentType(PROBLEM);
        as(newAgentId(), "agent").body(Map.of("to", "447700900123")).post("/agents/" + alice + "/outbound-calls/check")
                .then().statusCode(403);
        admin().body(Map.of("status", "AWAY")).put("/agents/" + alice + "/status").then().statusCode(200);
        asAgent().body(Map.of("to", "447700900123")).post("/agents/" + alice + "/outbound-calls/check").then()
                .statusCode(403).body("detail", containsString("AWAY"));
    }

    /**
     * Routing's cold transfers to a number: the same allow-list, whoever is on the call; only routing asks. Its checks
     * are counted apart from the agents' outbound calls.
     */
    @Test
    void routingChecksATransferNumberAgainstTheAllowList() {
        double agentsRefusedByPrefix = count("directory_outbound_calls", "prefix");
        double checksBefore = count("directory_transfer_number_checks", "allowed")
                + count("directory_transfer_number_checks", "prefix")
                + count("directory_transfer_number_checks", "not_a_number");
        admin().body(Map.of("status", "AWAY")).put("/agents/" + alice + "/status").then().statusCode(200);
        asService("routing").body(Map.of("to", "+447700900123")).post("/outbound-calls/check").then().statusCode(204);
        asService("routing").body(Map.of("to", "+33612345678")).post("/outbound-calls/check").then().statusCode(403)
                .contentType(PROBLEM).body("detail", containsString("not allowed"));
        asService("routing").body(Map.of("to", "call me")).post("/outbound-calls/check").then().statusCode(400)
                .contentType(PROBLEM);
        asService("gateway").body(Map.of("to", "+447700900123")).post("/outbound-calls/check").then().statusCode(403);
        asAgent().body(Map.of("to", "+447700900123")).post("/outbound-calls/check").then().statusCode(403);
        assertEquals(agentsRefusedByPrefix, count("directory_outbound_calls", "prefix"));
        assertEquals(checksBefore + 3, count("directory_transfer_number_checks", "allowed")
                + count("directory_transfer_number_checks", "prefix")
                + count("directory_transfer_number_checks", "not_a_number"));
    }

    private double count(String counter, String result) {
        Counter counted = meters.find(counter).tag("result", result).counter();
        return counted == null ? 0 : counted.count();
    }

    @Test
    void anAwayAgentIsRefused() {
        admin().body(Map.of("status", "AWAY")).put("/agents/" + alice + "/status").then().statusCode(200);
        call(newCallId(), "alice", "447700900123").statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("AWAY"));
    }

    @Test
    void aNumberOutsideTheAllowedPrefixesIsRefused() {
        call(newCallId(), "alice", "+33612345678").statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("not allowed"));
        call(newCallId(), "alice", "900").statusCode(400).contentType(PROBLEM);
    }

    @Test
    void anUnknownAppUserIsNotAnAgent() {
        call(newCallId(), "mallory", "447700900123").statusCode(404).contentType(PROBLEM);
    }

    @Test
    void theDailyCapIsReachedAndARepeatedWebhookIsCountedOnce() {
        String first = newCallId();
        for (int i = 0; i < CAP; i++) {
            String callId = i == 0 ? first : newCallId();
            call(callId, "alice", "447700900123").statusCode(200);
            ended(callId);
        }
        call(newCallId(), "alice", "447700900123").statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("allowed today"));
        asAgent().body(Map.of("to", "447700900123")).post("/agents/" + alice + "/outbound-calls/check").then()
                .statusCode(403).body("detail", containsString("allowed today"));
        // Vonage repeating the answer webhook of an allowed call: still that call, not one more
        call(first, "alice", "447700900123").statusCode(200);
        call(first, "alice", "447700900999").statusCode(403);
    }

    /**
     * One call at a time: of concurrent calls of one agent exactly one is allowed (the cap's upsert is also guarded),
     * Vonage's repeats of a webhook at the same moment get the same answer, and every other request is refused with a
     * 403, never a 500.
     */
    @Test
    void concurrentCallsOfOneAgentAllowExactlyOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<Integer>> requests = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String callId = newCallId();
                for (int repeat = 0; repeat < 2; repeat++) {
                    requests.add(() -> call(callId, "alice", "447700900123").extract().statusCode());
                }
            }
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            for (Future<Integer> status : pool.invokeAll(requests)) {
                statuses.merge(status.get(), 1, Integer::sum);
            }
            assertEquals(Map.of(200, 2, 403, 22), statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyTheGatewayAsks() {
        for (String other : List.of("routing", "survey")) {
            asService(other).body(body(newCallId(), "alice", "447700900123")).post("/outbound-calls").then()
                    .statusCode(403);
        }
        admin().body(body(newCallId(), "alice", "447700900123")).post("/outbound-calls").then().statusCode(403);
    }

    private RequestSpecification asAgent() {
        return as(alice, "agent");
    }

    private static String newAgentId() {
        return java.util.UUID.randomUUID().toString();
    }

    /** The agent's leg completed, as the gateway publishes it on call-events; the agent is then released. */
    private void ended(String callId) {
        callEvent(callId, callId, "completed");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !"ON_CALL".equals(
                admin().get("/agents/" + alice).then().extract().path("state")));
    }

    /** Waits until the directory has committed its consumption of {@code sent}: it has handled it. */
    private static void awaitApplied(RecordMetadata sent) {
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        try (Admin kafka = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalInfra.shared().kafkaBootstrapServers()))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                OffsetAndMetadata committed = kafka.listConsumerGroupOffsets(DIRECTORY_GROUP)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > sent.offset();
            });
        }
    }

    private static RecordMetadata callEvent(String callId, String legId, String status) {
        Properties config = new Properties();
        config.put("bootstrap.servers", LocalInfra.shared().kafkaBootstrapServers());
        String event = "{\"eventId\":\"" + java.util.UUID.randomUUID() + "\",\"version\":1,\"callId\":\"" + callId
                + "\",\"legId\":\"" + legId + "\",\"role\":\"CALLER\",\"kind\":\"STATUS\",\"status\":\""
                + status + "\"}";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            return producer.send(new ProducerRecord<>(Topics.CALL_EVENTS, callId, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ValidatableResponse call(String callId, String appUser, String to) {
        return asService("gateway").body(body(callId, appUser, to)).post("/outbound-calls").then();
    }

    private static Map<String, String> body(String callId, String appUser, String to) {
        return Map.of("callId", callId, "appUser", appUser, "to", to);
    }
}
