package io.contactcenter.directory;

import static io.contactcenter.directory.DirectoryTestSupport.admin;
import static io.contactcenter.directory.DirectoryTestSupport.agent;
import static io.contactcenter.directory.DirectoryTestSupport.as;
import static io.contactcenter.directory.DirectoryTestSupport.claim;
import static io.contactcenter.directory.DirectoryTestSupport.department;
import static io.contactcenter.directory.DirectoryTestSupport.newCallId;
import static io.contactcenter.directory.DirectoryTestSupport.phoneAgent;
import static io.contactcenter.directory.DirectoryTestSupport.routing;
import static io.contactcenter.directory.DirectoryTestSupport.supervisor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DirectoryInfra.class)
class AgentResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    EntityManager entityManager;

    private String sales;

    @BeforeEach
    void cleanDirectory() {
        DirectoryTestSupport.wipe(entityManager);
        sales = department(1, "Sales", 10);
    }

    @Test
    void createdAgentIsIdleAvailableWithItsNumberInVonageForm() {
        String jane = phoneAgent("Jane", "+14155550101", sales);

        supervisor().get("/agents/" + jane).then().statusCode(200)
                .body("name", equalTo("Jane"))
                .body("departmentIds", contains(sales))
                .body("endpoint.type", equalTo("phone"))
                .body("endpoint.value", equalTo("14155550101"))
                .body("status", equalTo("AVAILABLE"))
                .body("state", equalTo("IDLE"))
                .body("consecutiveNoAnswers", equalTo(0));
    }

    @Test
    void inAppAgentsKeepTheirVonageUserIdUntilTheirEndpointChanges() {
        String alice = agent("Alice", "app", "alice", sales);
        String jane = phoneAgent("Jane", "+14155550101", sales);
        supervisor().get("/agents/" + alice).then().statusCode(200).body("vonageUserId", equalTo(null));

        admin().body(Map.of("vonageUserId", "USR-1b4c5a8e-0000-4000-8000-000000000001"))
                .put("/agents/" + alice + "/vonage-user").then().statusCode(200)
                .body("vonageUserId", equalTo("USR-1b4c5a8e-0000-4000-8000-000000000001"));
        supervisor().get("/agents?appUser=alice").then().statusCode(200)
                .body("[0].vonageUserId", equalTo("USR-1b4c5a8e-0000-4000-8000-000000000001"));
        // a rename keeps it, another app user name drops it
        admin().body(Map.of("name", "Alice B", "departmentIds", List.of(sales),
                        "endpoint", Map.of("type", "app", "value", "alice")))
                .put("/agents/" + alice).then().statusCode(200)
                .body("vonageUserId", equalTo("USR-1b4c5a8e-0000-4000-8000-000000000001"));
        admin().body(Map.of("name", "Alice B", "departmentIds", List.of(sales),
                        "endpoint", Map.of("type", "app", "value", "alice.b")))
                .put("/agents/" + alice).then().statusCode(200).body("vonageUserId", equalTo(null));

        admin().body(Map.of("vonageUserId", "not-a-user")).put("/agents/" + alice + "/vonage-user")
                .then().statusCode(400).contentType(PROBLEM);
        admin().body(Map.of("vonageUserId", "USR-abc")).put("/agents/" + jane + "/vonage-user")
                .then().statusCode(409).contentType(PROBLEM);
        admin().body(Map.of("vonageUserId", "USR-abc"))
                .put("/agents/00000000-0000-0000-0000-000000000000/vonage-user")
                .then().statusCode(404).contentType(PROBLEM);
        routing().body(Map.of("vonageUserId", "USR-abc")).put("/agents/" + alice + "/vonage-user")
                .then().statusCode(403);
        admin().body("{\"vonageUserId\":null}").put("/agents/" + alice + "/vonage-user")
                .then().statusCode(200).body("vonageUserId", equalTo(null));
    }

    @Test
    void inAppAndSipAgentsAndTheAppUserLookup() {
        String support = department(2, "Support", 10);
        String alice = agent("Alice", "app", "alice", support);
        agent("Sam", "sip", "sip:sam@pbx.example.com", sales, support);

        supervisor().get("/agents?appUser=alice").then().statusCode(200).body("id", contains(alice));
        supervisor().get("/agents?appUser=nobody").then().statusCode(200).body("$", empty());
        admin().get("/agents").then().statusCode(200).body("name", contains("Alice", "Sam"));
    }

    @Test
    void adminReplacesAndDeletesAnAgent() {
        String support = department(2, "Support", 10);
        String jane = phoneAgent("Jane", "+14155550101", sales);

        admin().body(Map.of("name", "Jane Doe", "departmentIds", List.of(sales, support),
                        "endpoint", Map.of("type", "phone", "value", "+14155550199"), "status", "AWAY"))
                .put("/agents/" + jane).then().statusCode(200)
                .body("name", equalTo("Jane Doe")).body("departmentIds", containsInAnyOrder(sales, support))
                .body("endpoint.value", equalTo("14155550199")).body("status", equalTo("AWAY"));
        admin().delete("/agents/" + jane).then().statusCode(204);
        supervisor().get("/agents/" + jane).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void badAgentsAreRefusedWithTheProblemNamed() {
        agentBody("Jane", "phone", "0800 CALL ME", List.of(sales)).then()
                .statusCode(400).contentType(PROBLEM).body("detail", containsString("E.164"));
        agentBody("Jane", "phone", "+0123456789", List.of(sales)).then().statusCode(400);
        agentBody("Jane", "sip", "jane.example.com", List.of(sales)).then().statusCode(400)
                .body("detail", containsString("SIP URI"));
        agentBody("Jane", "app", "jane smith", List.of(sales)).then().statusCode(400);
        agentBody("", "phone", "+14155550101", List.of(sales)).then().statusCode(400)
                .body("violations.field", hasItem("name"));
        agentBody("x".repeat(10_000), "phone", "+14155550101", List.of(sales)).then().statusCode(400)
                .body("violations.field", hasItem("name"));
        agentBody("Jane", "phone", "+14155550101", List.of()).then().statusCode(400)
                .body("violations.field", hasItem("departmentIds"));
        agentBody("Jane", "fax", "+14155550101", List.of(sales)).then().statusCode(400).contentType(PROBLEM);
        agentBody("Jane", "phone", "+14155550101", List.of("00000000-0000-0000-0000-000000000009")).then()
                .statusCode(404).contentType(PROBLEM).body("detail", containsString("unknown department"));
    }

    @Test
    void twoAgentsCannotShareAnEndpoint() {
        phoneAgent("Jane", "+14155550101", sales);

        agentBody("Janet", "phone", "14155550101", List.of(sales)).then()
                .statusCode(409).contentType(PROBLEM).body("detail", containsString("14155550101"));
    }

    @Test
    void unknownAgentIsNotFound() {
        supervisor().get("/agents/00000000-0000-0000-0000-000000000002").then()
                .statusCode(404).contentType(PROBLEM).body("detail", containsString("unknown agent"));
        admin().body(Map.of("status", "AWAY")).put("/agents/00000000-0000-0000-0000-000000000002/status").then()
                .statusCode(404).contentType(PROBLEM);
        admin().delete("/agents/00000000-0000-0000-0000-000000000002").then().statusCode(404);
    }

    @Test
    void anAgentSetsItsOwnStatusButNotAnotherOnes() {
        String jane = phoneAgent("Jane", "+14155550101", sales);
        String joe = phoneAgent("Joe", "+14155550102", sales);

        as(jane, "agent").body(Map.of("status", "AWAY")).put("/agents/" + jane + "/status").then()
                .statusCode(200).body("status", equalTo("AWAY"));
        as(jane, "agent").body(Map.of("status", "AWAY")).put("/agents/" + joe + "/status").then()
                .statusCode(403).contentType(PROBLEM);
        as(jane, "agent").get("/agents").then().statusCode(403);
        as(jane, "agent").get("/agents/" + jane).then().statusCode(200);
        given().body(Map.of("status", "AWAY")).contentType("application/json").put("/agents/" + jane + "/status")
                .then().statusCode(401).contentType(PROBLEM);
        routing().body(Map.of("status", "AWAY")).put("/agents/" + jane + "/status").then()
                .statusCode(403);
    }

    @Test
    void agentOnACallCannotGoOfflineButMayGoAway() {
        String jane = phoneAgent("Jane", "+14155550101", sales);
        claim(newCallId(), sales).statusCode(200).body("agent.id", equalTo(jane));

        admin().body(Map.of("status", "OFFLINE")).put("/agents/" + jane + "/status").then()
                .statusCode(409).contentType(PROBLEM).body("detail", containsString("cannot go OFFLINE"));
        admin().body(Map.of("status", "AWAY")).put("/agents/" + jane + "/status").then()
                .statusCode(200).body("status", equalTo("AWAY")).body("state", equalTo("RESERVED"));
        admin().body(Map.of("status", "SLEEPING")).put("/agents/" + jane + "/status").then()
                .statusCode(400).contentType(PROBLEM);
        admin().delete("/agents/" + jane).then().statusCode(409).contentType(PROBLEM);
    }

    private static io.restassured.response.Response agentBody(String name, String type, String value,
            List<String> departments) {
        return admin().body(Map.of("name", name, "departmentIds", departments,
                "endpoint", Map.of("type", type, "value", value))).post("/agents");
    }
}
