package io.contactcenter.directory;

import static io.contactcenter.directory.DirectoryTestSupport.admin;
import static io.contactcenter.directory.DirectoryTestSupport.answered;
import static io.contactcenter.directory.DirectoryTestSupport.as;
import static io.contactcenter.directory.DirectoryTestSupport.claim;
import static io.contactcenter.directory.DirectoryTestSupport.department;
import static io.contactcenter.directory.DirectoryTestSupport.newCallId;
import static io.contactcenter.directory.DirectoryTestSupport.phoneAgent;
import static io.contactcenter.directory.DirectoryTestSupport.release;
import static io.contactcenter.directory.DirectoryTestSupport.supervisor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfra;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The desk's work after a call: ready now, dispositions per department, the agent's day; every change on the
 * agent-activity topic with a strictly increasing agent version; one agent never reads or changes another's.
 */
@QuarkusTest
@WithTestResource(DirectoryInfra.class)
class AgentDeskTest {

    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager entityManager;

    private String sales;
    private String jane;
    private String joe;

    @BeforeEach
    void agents() {
        DirectoryTestSupport.wipe(entityManager);
        sales = department(1, "Sales", 30);
        jane = phoneAgent("Jane", "+14155550101", sales);
        joe = phoneAgent("Joe", "+14155550102", sales);
        admin().body(List.of(Map.of("code", "SALE", "label", "Sale"), Map.of("code", "NO_SALE", "label", "No sale")))
                .put("/departments/" + sales + "/dispositions").then().statusCode(200);
    }

    @Test
    void readyNowEndsTheWrapUp() {
        as(jane, "agent").post("/agents/" + jane + "/ready").then().statusCode(409).contentType(PROBLEM);
        String callId = handledCall(jane);
        as(joe, "agent").post("/agents/" + jane + "/ready").then().statusCode(403);
        as(jane, "agent").post("/agents/" + jane + "/ready").then().statusCode(204);
        admin().get("/agents/" + jane).then().body("state", equalTo("IDLE")).body("wrapUpUntil", nullValue());
        assertTrue(callId.length() > 0);
    }

    @Test
    void departmentsDispositionListsAreForAdminsToSet() {
        supervisor().get("/departments/" + sales + "/dispositions").then().statusCode(200)
                .body("code", contains("SALE", "NO_SALE"));
        as(jane, "agent").get("/departments/" + sales + "/dispositions").then().statusCode(200);
        String support = department(2, "Support", 10);
        as(jane, "agent").get("/departments/" + support + "/dispositions").then().statusCode(403);
        as(jane, "agent").body(List.of(Map.of("code", "X", "label", "X")))
                .put("/departments/" + sales + "/dispositions").then().statusCode(403);
        for (Object bad : List.of(List.of(), List.of(Map.of("code", "lower", "label", "x")),
                List.of(Map.of("code", "A", "label", "")), List.of(Map.of("code", "A", "label", "x".repeat(81))),
                List.of(Map.of("code", "A", "label", "a"), Map.of("code", "A", "label", "b")))) {
            admin().body(bad).put("/departments/" + sales + "/dispositions").then().statusCode(400)
                    .contentType(PROBLEM);
        }
        admin().get("/departments/" + UUID.randomUUID() + "/dispositions").then().statusCode(404);
    }

    @Test
    void anAgentRecordsOneDispositionPerAnsweredCall() {
        String callId = handledCall(jane);
        Instant before = Instant.now().minusSeconds(1);
        as(jane, "agent").body(Map.of("callId", callId, "code", "UNKNOWN")).post("/agents/" + jane + "/dispositions")
                .then().statusCode(400).contentType(PROBLEM);
        as(jane, "agent").body(Map.of("callId", callId, "code", "SALE", "note", "x".repeat(501)))
                .post("/agents/" + jane + "/dispositions").then().statusCode(400);
        as(joe, "agent").body(Map.of("callId", callId, "code", "SALE")).post("/agents/" + jane + "/dispositions")
                .then().statusCode(403);
        as(joe, "agent").body(Map.of("callId", callId, "code", "SALE")).post("/agents/" + joe + "/dispositions")
                .then().statusCode(404); // not Joe's call

        as(jane, "agent").body(Map.of("callId", callId, "code", "SALE", "note", "wants the blue one"))
                .post("/agents/" + jane + "/dispositions").then().statusCode(201)
                .body("callId", equalTo(callId)).body("code", equalTo("SALE")).body("agentId", equalTo(jane))
                .body("departmentId", equalTo(sales)).body("note", equalTo("wants the blue one"));
        as(jane, "agent").body(Map.of("callId", callId, "code", "NO_SALE")).post("/agents/" + jane + "/dispositions")
                .then().statusCode(409);

        as(jane, "agent").queryParam("from", before.toString()).get("/agents/" + jane + "/dispositions").then()
                .statusCode(200).body("$", hasSize(1)).body("[0].code", equalTo("SALE"));
        supervisor().get("/agents/" + jane + "/dispositions").then().statusCode(200).body("$", hasSize(1));
        as(joe, "agent").get("/agents/" + jane + "/dispositions").then().statusCode(403);
        as(jane, "agent").queryParam("from", "yesterday").get("/agents/" + jane + "/dispositions").then()
                .statusCode(400);
    }

    @Test
    void theAgentsDayCountsHandledCallsOnlyAndAsksSurveyWithTheAgentsOwnToken() {
        String janesToken = DirectoryTestSupport.token(jane, "agent");
        given().auth().oauth2(janesToken).get("/agents/" + jane + "/today").then().statusCode(200)
                .body("callsHandled", equalTo(0)).body("averageHandleSeconds", nullValue())
                .body("averageScore", equalTo(4.33f)).body("scoredCalls", equalTo(3));
        assertEquals("Bearer " + janesToken, SurveyStandIn.AUTHORIZATIONS.get(SurveyStandIn.AUTHORIZATIONS.size() - 1));
        String query = SurveyStandIn.QUERIES.get(SurveyStandIn.QUERIES.size() - 1);
        assertTrue(query.contains("from=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "T00:00:00Z"), query);
        handledCall(jane);
        String unanswered = newCallId();
        claim(unanswered, sales).statusCode(200);
        release(unanswered, joe, "NO_ANSWER");
        as(jane, "agent").get("/agents/" + jane + "/today").then().statusCode(200)
                .body("callsHandled", equalTo(1)).body("averageHandleSeconds", equalTo(0));
        as(joe, "agent").get("/agents/" + jane + "/today").then().statusCode(403);
        supervisor().get("/agents/" + jane + "/today").then().statusCode(200);
    }

    @Test
    void everyChangeAndDispositionIsOnTheAgentActivityTopic() throws Exception {
        String callId = handledCall(jane);
        as(jane, "agent").post("/agents/" + jane + "/ready").then().statusCode(204);
        as(jane, "agent").body(Map.of("callId", callId, "code", "NO_SALE", "note", "private words"))
                .post("/agents/" + jane + "/dispositions").then().statusCode(201);

        List<JsonNode> records = activityOf(jane, 6);
        List<String> states = records.stream().map(r -> r.get("kind").asText() + ":" + r.get("state").asText()).toList();
        assertEquals(List.of("STATE_CHANGED:IDLE", "STATE_CHANGED:RESERVED", "STATE_CHANGED:ON_CALL",
                "STATE_CHANGED:WRAP_UP", "STATE_CHANGED:IDLE", "DISPOSITION:IDLE"), states);
        for (int i = 1; i < records.size(); i++) {
            // one version per change, whichever statement raised it (the claim raises it in SQL)
            assertEquals(records.get(i - 1).get("agentVersion").asLong() + 1,
                    records.get(i).get("agentVersion").asLong());
        }
        JsonNode disposition = records.get(5);
        assertEquals("NO_SALE", disposition.get("disposition").asText());
        assertEquals(callId, disposition.get("callId").asText());
        assertEquals(List.of(sales), List.of(disposition.get("departments").get(0).asText()));
        assertFalse(disposition.toString().contains("private words"), "the note is never published");
        assertEquals(1, disposition.get("version").asInt());
        assertTrue(disposition.hasNonNull("eventId"));
    }

    @Test
    void theWrapUpsThatRunOutAreEachPublished() throws Exception {
        String shortWrapUp = department(3, "Quick", 1);
        String ann = phoneAgent("Ann", "+14155550103", shortWrapUp);
        String bob = phoneAgent("Bob", "+14155550104", shortWrapUp);
        for (String agent : List.of(ann, bob)) {
            String callId = newCallId();
            claim(callId, shortWrapUp, agent.equals(ann) ? bob : ann).statusCode(200);
            answered(callId, agent).statusCode(200);
            release(callId, agent, "COMPLETED").statusCode(200);
        }
        for (String agent : List.of(ann, bob)) {
            List<JsonNode> records = activityOf(agent, 5);
            assertEquals("WRAP_UP", records.get(3).get("state").asText());
            assertEquals("IDLE", records.get(4).get("state").asText());
            assertNull(records.get(4).get("wrapUpUntil"));
        }
    }

    /** Jane takes and ends a call: she is in wrap-up afterwards. */
    private String handledCall(String agent) {
        String callId = newCallId();
        claim(callId, sales, agent.equals(jane) ? joe : jane).statusCode(200);
        answered(callId, agent).statusCode(200);
        release(callId, agent, "COMPLETED").statusCode(200);
        return callId;
    }

    /** The first {@code count} agent-activity records of the agent, in order. */
    private static List<JsonNode> activityOf(String agentId, int count) {
        Properties config = new Properties();
        config.put("bootstrap.servers", LocalInfra.shared().kafkaBootstrapServers());
        config.put("group.id", "test-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        List<JsonNode> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.AGENT_ACTIVITY));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (agentId.equals(record.key())) {
                        records.add(JSON.readTree(record.value()));
                    }
                }
                return records.size() >= count;
            });
        }
        return records.subList(0, count);
    }
}
