package io.contactcenter.directory.security;

import static io.restassured.RestAssured.given;

import io.contactcenter.infra.AuthKeys;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.directory.DirectoryInfra;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each service's identity: tokens signed with a service's own key hold exactly that service's role and reach exactly
 * that service's endpoints; a service key cannot mint anyone else's role, and the issuer's key cannot mint a service
 * role.
 */
@QuarkusTest
@WithTestResource(DirectoryInfra.class)
class ServiceIdentityTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String SOME_ID = "00000000-0000-0000-0000-000000000001";

    private final AuthKeys keys = LocalInfra.shared().authKeys();

    @Test
    void theGatewayReadsDepartmentsAndAsksAboutOutboundCallsOnly() {
        RequestSpecification gateway = as(token("gateway", "gateway", List.of("gateway")));
        gateway.get("/departments").then().statusCode(200);
        gateway.get("/departments/" + SOME_ID).then().statusCode(404);
        // allowed to ask: an unknown in-app user is "not found", not "forbidden"
        as(token("gateway", "gateway", List.of("gateway"))).body(outboundCall()).post("/outbound-calls").then()
                .statusCode(404);
        as(token("gateway", "gateway", List.of("gateway"))).body(claim()).post("/assignments").then()
                .statusCode(403).contentType(PROBLEM);
        refusedAssignmentsAndAdministration(token("gateway", "gateway", List.of("gateway")));
    }

    @Test
    void routingReadsDepartmentsAndClaimsAnswersReleasesAssignments() {
        String routing = token("routing", "routing", List.of("routing"));
        as(routing).get("/departments").then().statusCode(200);
        // allowed: an unknown department / call is "not found", not "forbidden"
        as(routing).body(claim()).post("/assignments").then().statusCode(404);
        as(routing).get("/assignments/no-such-call").then().statusCode(404);
        as(routing).body(Map.of("agentId", SOME_ID)).post("/assignments/no-such-call/answered").then().statusCode(404);
        as(routing).body(Map.of("agentId", SOME_ID, "outcome", "COMPLETED")).post("/assignments/no-such-call/release")
                .then().statusCode(404);
        as(routing).get("/agents").then().statusCode(403).contentType(PROBLEM);
        as(routing).get("/agents/" + SOME_ID).then().statusCode(403).contentType(PROBLEM);
        as(routing).body(Map.of("status", "AWAY")).put("/agents/" + SOME_ID + "/status").then().statusCode(403);
        as(routing).body(Map.of("digit", 1, "name", "Sales")).post("/departments").then().statusCode(403);
        as(routing).body(Map.of("agentId", SOME_ID)).post("/api/jwt").then().statusCode(403);
        as(routing).body(outboundCall()).post("/outbound-calls").then().statusCode(403);
    }

    @Test
    void surveyReadsDepartmentsAndNothingElse() {
        String survey = token("survey", "survey", List.of("survey"));
        as(survey).get("/departments").then().statusCode(200);
        as(survey).get("/departments/" + SOME_ID).then().statusCode(404);
        refusedAssignmentsAndAdministration(survey);
        as(survey).body(outboundCall()).post("/outbound-calls").then().statusCode(403);
    }

    @Test
    void aServiceKeyMintsNoOtherRole() {
        refused(token("gateway", "gateway", List.of("admin")));
        refused(token("gateway", "gateway", List.of("routing")));
        refused(token("gateway", "gateway", List.of("gateway", "admin")));
        // the gateway's key under routing's key id: verified with routing's key, which did not sign it
        refused(keys.service("gateway").mintAsService("routing", List.of("routing"), Instant.now(),
                Instant.now().plusSeconds(300)));
    }

    @Test
    void theIssuersKeyGrantsNoServiceRole() {
        refused(keys.mint("routing", "routing"));
        refused(keys.mint("contact-center", "gateway"));
    }

    @Test
    void serviceTokensAreShortLivedAndForTheDirectory() {
        Instant now = Instant.now();
        refused(keys.service("routing").mintAsService("routing", List.of("routing"), now.minusSeconds(600),
                now.minusSeconds(300)));
        refused(keys.service("routing").mintAsService("routing", List.of("routing"), now,
                now.plus(Duration.ofDays(365))));
        refused(keys.service("routing").mintAsService("routing", List.of("routing"), now, now.plusSeconds(300),
                "survey-service"));
    }

    private void refusedAssignmentsAndAdministration(String token) {
        as(token).get("/agents").then().statusCode(403).contentType(PROBLEM);
        as(token).get("/agents?appUser=alice").then().statusCode(403);
        as(token).get("/agents/" + SOME_ID).then().statusCode(403);
        as(token).body(claim()).post("/assignments").then().statusCode(403).contentType(PROBLEM);
        as(token).get("/assignments/any").then().statusCode(403);
        as(token).body(Map.of("agentId", SOME_ID)).post("/assignments/any/answered").then().statusCode(403);
        as(token).body(Map.of("agentId", SOME_ID, "outcome", "COMPLETED")).post("/assignments/any/release").then()
                .statusCode(403);
        as(token).body(Map.of("digit", 1, "name", "Sales")).post("/departments").then().statusCode(403);
        as(token).body(Map.of("status", "AWAY")).put("/agents/" + SOME_ID + "/status").then().statusCode(403);
        as(token).body(Map.of("agentId", SOME_ID)).post("/api/jwt").then().statusCode(403);
    }

    private String token(String keyOf, String service, List<String> roles) {
        Instant now = Instant.now();
        return keys.service(keyOf).mintAsService(service, roles, now, now.plusSeconds(300));
    }

    private static Map<String, Object> claim() {
        return Map.of("callId", UUID.randomUUID().toString(), "departmentId", SOME_ID, "excludeAgentIds", List.of());
    }

    private static Map<String, Object> outboundCall() {
        return Map.of("callId", UUID.randomUUID().toString(), "appUser", "nobody", "to", "447700900123");
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static void refused(String token) {
        as(token).get("/departments").then().statusCode(401).contentType(PROBLEM);
    }
}
