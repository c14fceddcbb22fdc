package io.contactcenter.directory;

import static io.contactcenter.directory.DirectoryTestSupport.department;
import static io.contactcenter.directory.DirectoryTestSupport.phoneAgent;
import static io.contactcenter.directory.DirectoryTestSupport.release;
import static io.contactcenter.directory.DirectoryTestSupport.supervisor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many routing replicas claiming at once, over real HTTP against real PostgreSQL: 200 concurrent claims for 50
 * calls, 10 agents in 2 departments.
 */
@QuarkusTest
@WithTestResource(DirectoryInfra.class)
class AssignmentConcurrencyTest {

    private static final int CALLS = 50;
    private static final int CLAIMS_PER_CALL = 4;
    private static final int AGENTS_PER_DEPARTMENT = 5;

    @Inject
    EntityManager entityManager;

    @TestHTTPResource("/assignments")
    URI assignments;

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> departments = new ArrayList<>();
    private final Map<String, String> departmentOfAgent = new HashMap<>();

    @BeforeEach
    void tenAgentsInTwoDepartments() {
        DirectoryTestSupport.wipe(entityManager);
        for (int d = 0; d < 2; d++) {
            String department = department(d + 1, "Department " + d, 1);
            departments.add(department);
            for (int a = 0; a < AGENTS_PER_DEPARTMENT; a++) {
                departmentOfAgent.put(phoneAgent("Agent " + d + a, "+1415555" + d + "10" + a, department), department);
            }
        }
    }

    @Test
    void noAgentIsEverHeldByTwoCallsAndEachCallKeepsItsAgent() throws Exception {
        String token = DirectoryTestSupport.serviceToken("routing");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String[]> requests = new ArrayList<>();
        for (int c = 0; c < CALLS; c++) {
            for (int i = 0; i < CLAIMS_PER_CALL; i++) {
                requests.add(new String[] {"call-" + c, departments.get(c % 2)});
            }
        }
        Collections.shuffle(requests);

        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        for (String[] request : requests) {
            answers.add(CompletableFuture.supplyAsync(() -> claim(http, token, request[0], request[1]), pool));
        }
        Map<String, Set<String>> agentsByCall = new HashMap<>();
        Map<String, Set<String>> callsByAgent = new HashMap<>();
        int none = 0;
        for (CompletableFuture<JsonNode> answer : answers) {
            JsonNode result = answer.get();
            String call = result.get("callId").asText();
            agentsByCall.computeIfAbsent(call, k -> new HashSet<>());
            if (result.get("assigned").asBoolean()) {
                String agent = result.get("agent").get("id").asText();
                agentsByCall.get(call).add(agent);
                callsByAgent.computeIfAbsent(agent, k -> new HashSet<>()).add(call);
                assertEquals(departmentOfAgent.get(agent), result.get("departmentId").asText(),
                        "agent of the call's department");
            } else {
                none++;
            }
        }
        pool.shutdown();

        assertEquals(CALLS, agentsByCall.size());
        agentsByCall.forEach((call, agents) -> assertTrue(agents.size() <= 1, call + " got " + agents));
        callsByAgent.forEach((agent, calls) -> assertEquals(1, calls.size(), agent + " held by " + calls));
        long callsWithAgent = agentsByCall.values().stream().filter(a -> !a.isEmpty()).count();
        assertEquals(callsByAgent.size(), callsWithAgent);
        assertTrue(callsWithAgent <= 2 * AGENTS_PER_DEPARTMENT);
        assertTrue(none >= (CALLS - 2 * AGENTS_PER_DEPARTMENT) * CLAIMS_PER_CALL, "none answers: " + none);
        System.out.printf("concurrency: %d claims, %d calls got an agent, %d 'none available' answers%n",
                requests.size(), callsWithAgent, none);

        // a repeated claim for a call returns the agent it holds
        agentsByCall.forEach((call, agents) -> agents.forEach(agent -> assertEquals(agent,
                claim(http, token, call, departmentOfAgent.get(agent)).get("agent").get("id").asText())));

        // release every claimed agent, alternating outcomes, and check the rules
        int i = 0;
        Map<String, String> outcomeOfAgent = new HashMap<>();
        for (Map.Entry<String, Set<String>> held : callsByAgent.entrySet()) {
            String outcome = i++ % 2 == 0 ? "COMPLETED" : "NO_ANSWER";
            outcomeOfAgent.put(held.getKey(), outcome);
            release(held.getValue().iterator().next(), held.getKey(), outcome).statusCode(200);
        }
        for (String agent : departmentOfAgent.keySet()) {
            JsonNode view = json.readTree(supervisor().get("/agents/" + agent).asString());
            String state = view.get("state").asText();
            String outcome = outcomeOfAgent.get(agent);
            if ("COMPLETED".equals(outcome)) {
                assertTrue(Set.of("WRAP_UP", "IDLE").contains(state), agent + " " + state);
                assertEquals(0, view.get("consecutiveNoAnswers").asInt());
            } else {
                assertEquals("IDLE", state, agent);
                assertEquals("NO_ANSWER".equals(outcome) ? 1 : 0, view.get("consecutiveNoAnswers").asInt());
            }
        }
    }

    private JsonNode claim(HttpClient http, String token, String callId, String departmentId) {
        try {
            String body = json.writeValueAsString(Map.of("callId", callId, "departmentId", departmentId));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(assignments)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return json.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
