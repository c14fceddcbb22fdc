package io.contactcenter.directory;

import static io.restassured.RestAssured.given;

import io.contactcenter.infra.LocalInfra;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tokens, a clean directory, and short ways to create departments and agents over HTTP. */
final class DirectoryTestSupport {

    private DirectoryTestSupport() {
    }

    static String token(String subject, String... roles) {
        return LocalInfra.shared().authKeys().mint(subject, roles);
    }

    static RequestSpecification as(String subject, String... roles) {
        return given().auth().oauth2(token(subject, roles)).contentType(ContentType.JSON);
    }

    static RequestSpecification admin() {
        return as("admin-1", "admin");
    }

    static RequestSpecification supervisor() {
        return as("supervisor-1", "supervisor");
    }

    /** A token as service {@code service} mints it: signed with its own key, its own role, 5 minutes. */
    static String serviceToken(String service) {
        Instant now = Instant.now();
        return LocalInfra.shared().authKeys().service(service).mintAsService(service, List.of(service), now,
                now.plus(Duration.ofMinutes(5)));
    }

    static RequestSpecification asService(String service) {
        return given().auth().oauth2(serviceToken(service)).contentType(ContentType.JSON);
    }

    static RequestSpecification routing() {
        return asService("routing");
    }

    /** Empties the directory; retried because the housekeeping job may hold agent rows the truncate waits for. */
    static void wipe(EntityManager entityManager) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "truncate directory.assignment, directory.outbound_call, directory.outbound_call_count, "
                        + "directory.disposition, directory.department_disposition, directory.activity_outbox, "
                        + "directory.sign_in_failure, directory.revoked_token, "
                        + "directory.agent_department, directory.agent, directory.department")
                        .executeUpdate());
                return;
            } catch (RuntimeException deadlock) {
                if (attempt == 5) {
                    throw deadlock;
                }
            }
        }
    }

    static String department(int digit, String name, int wrapUpSeconds) {
        return admin().body(Map.of("digit", digit, "name", name, "wrapUpSeconds", wrapUpSeconds))
                .post("/departments").then().statusCode(201).extract().path("id");
    }

    static String phoneAgent(String name, String number, String... departmentIds) {
        return agent(name, "phone", number, departmentIds);
    }

    static String agent(String name, String type, String value, String... departmentIds) {
        return admin().body(Map.of("name", name, "departmentIds", List.of(departmentIds),
                        "endpoint", Map.of("type", type, "value", value)))
                .post("/agents").then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse claim(String callId, String departmentId, String... excluded) {
        return routing().body(Map.of("callId", callId, "departmentId", departmentId,
                        "excludeAgentIds", List.of(excluded)))
                .post("/assignments").then();
    }

    static ValidatableResponse release(String callId, String agentId, String outcome) {
        return routing().body(Map.of("agentId", agentId, "outcome", outcome))
                .post("/assignments/" + callId + "/release").then();
    }

    static ValidatableResponse answered(String callId, String agentId) {
        return routing().body(Map.of("agentId", agentId)).post("/assignments/" + callId + "/answered").then();
    }

    static ValidatableResponse renewed(String callId, String agentId) {
        return routing().body(Map.of("agentId", agentId)).post("/assignments/" + callId + "/renewed").then();
    }

    static String newCallId() {
        return UUID.randomUUID().toString();
    }
}
