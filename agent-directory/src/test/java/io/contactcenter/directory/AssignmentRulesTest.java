package io.contactcenter.directory;

import static io.contactcenter.directory.DirectoryTestSupport.admin;
import static io.contactcenter.directory.DirectoryTestSupport.answered;
import static io.contactcenter.directory.DirectoryTestSupport.as;
import static io.contactcenter.directory.DirectoryTestSupport.claim;
import static io.contactcenter.directory.DirectoryTestSupport.department;
import static io.contactcenter.directory.DirectoryTestSupport.newCallId;
import static io.contactcenter.directory.DirectoryTestSupport.phoneAgent;
import static io.contactcenter.directory.DirectoryTestSupport.release;
import static io.contactcenter.directory.DirectoryTestSupport.routing;
import static io.contactcenter.directory.DirectoryTestSupport.supervisor;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The life of an assignment: claim, answer, release, wrap-up, no-answers. */
@QuarkusTest
@WithTestResource(DirectoryInfra.class)
class AssignmentRulesTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    EntityManager entityManager;

    private String sales;

    @BeforeEach
    void cleanDirectory() {
        DirectoryTestSupport.wipe(entityManager);
        sales = department(1, "Sales", 2);
    }

    @Test
    void longestIdleAgentIsClaimedAndAskingAgainGivesTheSameAgent() {
        String jane = phoneAgent("Jane", "+14155550101", sales);
        String joe = phoneAgent("Joe", "+14155550102", sales);
        String call = newCallId();

        claim(call, sales).statusCode(200).body("assigned", equalTo(true)).body("agent.id", equalTo(jane))
                .body("agent.state", equalTo("RESERVED")).body("callId", equalTo(call));
        claim(call, sales).statusCode(200).body("agent.id", equalTo(jane));
        claim(newCallId(), sales).statusCode(200).body("agent.id", equalTo(joe));
        claim(newCallId(), sales).statusCode(200).body("assigned", equalTo(false)).body("agent", nullValue());
    }

    @Test
    void aTransferClaimsASecondAgentForTheLiveCallOnceAndANamedAgentOnlyWhenFree() {
        String jane = phoneAgent("Jane", "+14155550101", sales);
        String joe = phoneAgent("Joe", "+14155550102", sales);
        String call = newCallId();
        claim(call, sales).body("agent.id", equalTo(jane));
        answered(call, jane).statusCode(200);

        // the named agent Jane is on the call: not free; Joe is, twice the same for one transfer
        transferClaim(call, sales, "t1", jane).statusCode(200).body("assigned", equalTo(false));
        transferClaim(call, sales, "t1", joe).statusCode(200).body("assigned", equalTo(true))
                .body("agent.id", equalTo(joe));
        transferClaim(call, sales, "t1", null).statusCode(200).body("agent.id", equalTo(joe));
        claim(call, sales).body("agent.id", equalTo(jane)); // the call's own agent is still Jane's

        // Jane leaves, Joe talks: both released by (call, agent)
        release(call, jane, "COMPLETED").statusCode(200).body("state", equalTo("RELEASED"));
        answered(call, joe).statusCode(200).body("state", equalTo("ON_CALL"));
        release(call, joe, "COMPLETED").statusCode(200).body("state", equalTo("RELEASED"));
    }

    private static io.restassured.response.ValidatableResponse transferClaim(String callId, String departmentId,
            String transferId, String agentId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("callId", callId, "departmentId", departmentId,
                "transferId", transferId));
        if (agentId != null) {
            body.put("agentId", agentId);
        }
        return routing().body(body).post("/assignments").then();
    }

    @Test
    void excludedAgentsAreSkippedAndAwayAgentsNeverClaimed() {
        String jane = phoneAgent("Jane", "+14155550101", sales);
        String joe = phoneAgent("Joe", "+14155550102", sales);
        admin().body(Map.of("status", "AWAY")).put("/agents/" + joe + "/status").then().statusCode(200);

        claim(newCallId(), sales, jane).statusCode(200).body("assigned", equalTo(false));
        admin().body(Map.of("status", "AVAILABLE")).put("/agents/" + joe + "/status").then().statusCode(200);
        claim(newCallId(), sales, jane).statusCode(200).body("agent.id", equalTo(joe));
    }

    @Test
    void answeredThenCompletedGoesThroughWrapUpBackToIdle() {
        String jane = phoneAgent("Jane", "+14155550101", sales);
        String call = newCallId();
        claim(call, sales).statusCode(200);

        answered(call, jane).statusCode(200).body("state", equalTo("ON_CALL")).body("answeredAt", notNullValue());
        answered(call, jane).statusCode(200).body("state", equalTo("ON_CALL"));
        supervisor().get("/agents/" + jane).then().body("state", equalTo("ON_CALL"));

        // wrapping up: not free for the department's waiting calls yet
        release(call, jane, "COMPLETED").statusCode(200).body("state", equalTo("RELEASED"))
                .body("outcome", equalTo("COMPLETED")).body("agentFreeIn", empty());
        release(call, jane, "COMPLETED").statusCode(200).body("outcome", equalTo("COMPLETED"))
                .body("agentFreeIn", empty());
        supervisor().get("/agents/" + jane).then().body("state", equalTo("WRAP_UP")).body("wrapUpUntil", notNullValue());
        claim(newCallId(), sales).statusCode(200).body("assigned", equalTo(false));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                supervisor().get("/agents/" + jane).then().body("state", equalTo("IDLE")));
        claim(newCallId(), sales).statusCode(200).body("agent.id", equalTo(jane));
        answered(call, jane).statusCode(409).contentType(PROBLEM).body("detail", containsString("released"));
    }

    @Test
    void unansweredCallsPutTheAgentAtTheBackAndAwayAfterThreeInARow() {
        String jane = phoneAgent("Jane", "+14155550101", sales);
        String joe = phoneAgent("Joe", "+14155550102", sales);

        String first = newCallId();
        claim(first, sales).body("agent.id", equalTo(jane));
        release(first, jane, "NO_ANSWER").statusCode(200).body("outcome", equalTo("NO_ANSWER"))
                .body("agentFreeIn", contains(sales)); // idle at once: routing may offer her the next call
        supervisor().get("/agents/" + jane).then().body("state", equalTo("IDLE")).body("consecutiveNoAnswers", equalTo(1));
        claim(newCallId(), sales).body("agent.id", equalTo(joe));

        for (int i = 2; i <= 3; i++) {
            String call = newCallId();
            claim(call, sales).body("agent.id", equalTo(jane));
            release(call, jane, "NO_ANSWER").statusCode(200).body("agentFreeIn", i == 3 ? empty() : contains(sales));
        }
        supervisor().get("/agents/" + jane).then().body("status", equalTo("AWAY")).body("consecutiveNoAnswers", equalTo(3));
        claim(newCallId(), sales).body("assigned", equalTo(false));

        as(jane, "agent").body(Map.of("status", "AVAILABLE")).put("/agents/" + jane + "/status").then()
                .statusCode(200).body("consecutiveNoAnswers", equalTo(0));
    }

    @Test
    void aCancelledReservationKeepsTheAgentsPlaceAndDoesNotCountAsANoAnswer() {
        String jane = phoneAgent("Jane", "+14155550101", sales);
        phoneAgent("Joe", "+14155550102", sales);
        String abandoned = newCallId();
        claim(abandoned, sales).body("agent.id", equalTo(jane));

        release(abandoned, jane, "CANCELLED").statusCode(200).body("outcome", equalTo("CANCELLED"))
                .body("agentFreeIn", contains(sales));

        supervisor().get("/agents/" + jane).then().body("state", equalTo("IDLE")).body("consecutiveNoAnswers", equalTo(0));
        claim(newCallId(), sales).body("agent.id", equalTo(jane));
    }

    @Test
    void answeringResetsTheNoAnswerCount() {
        String jane = phoneAgent("Jane", "+14155550101", sales);
        String missed = newCallId();
        claim(missed, sales);
        release(missed, jane, "NO_ANSWER");
        String taken = newCallId();
        claim(taken, sales);

        answered(taken, jane);

        supervisor().get("/agents/" + jane).then().body("consecutiveNoAnswers", equalTo(0));
    }

    @Test
    void unknownCallsAgentsAndDepartmentsAreProblems() {
        String jane = phoneAgent("Jane", "+14155550101", sales);

        release("no-such-call", jane, "COMPLETED").statusCode(404).contentType(PROBLEM);
        answered("no-such-call", jane).statusCode(404).contentType(PROBLEM);
        routing().get("/assignments/no-such-call").then().statusCode(404).contentType(PROBLEM);
        claim(newCallId(), "00000000-0000-0000-0000-000000000003").statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("unknown department"));
        routing().body(Map.of("departmentId", sales)).post("/assignments").then().statusCode(400)
                .contentType(PROBLEM).body("detail", containsString("callId"));
        routing().body(Map.of("callId", "c", "departmentId", sales)).post("/assignments/c/release").then()
                .statusCode(400);
        routing().body(Map.of("agentId", jane, "outcome", "MAYBE")).post("/assignments/c/release").then()
                .statusCode(400).contentType(PROBLEM);
    }

    @Test
    void onlyServicesAndAdminsAssign() {
        String jane = phoneAgent("Jane", "+14155550101", sales);
        as(jane, "agent").body(Map.of("callId", "c", "departmentId", sales)).post("/assignments").then()
                .statusCode(403).contentType(PROBLEM);
        io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("callId", "c", "departmentId", sales)).post("/assignments").then().statusCode(401);
    }
}
