package io.contactcenter.directory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.contactcenter.infra.LocalInfra;
import io.contactcenter.infra.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged directory is killed (SIGKILL) while an agent wraps up and started again: the wrap-up deadline is
 * stored, so the agent is still unavailable after the restart and becomes idle when the deadline passes.
 */
class DirectoryRestartIT {

    /** Long enough that the restart (tens of seconds on a loaded 2-core machine) ends inside the wrap-up. */
    private static final int WRAP_UP_SECONDS = 45;

    @Test
    void wrapUpSurvivesAKilledDirectory() {
        LocalInfra infra = LocalInfra.shared();
        Map<String, String> environment = Map.of(
                "DB_URL", infra.postgres().database("directory_restart"),
                "DB_USER", infra.postgres().user(),
                "DB_PASSWORD", infra.postgres().password(),
                "AUTH_PUBLIC_KEY_LOCATION", infra.authKeys().publicKeyFile().toString(),
                "KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        try (ServiceProcess directory = ServiceProcess.start(Path.of("target/quarkus-app/quarkus-run.jar"),
                environment, Path.of("target/it-logs/directory-restart.log"), Duration.ofSeconds(60))) {
            String admin = infra.authKeys().mint("admin", "admin");
            String department = as(directory, admin)
                    .body(Map.of("digit", 1, "name", "Sales-" + System.nanoTime(), "wrapUpSeconds", WRAP_UP_SECONDS))
                    .post("/departments").then().statusCode(201).extract().path("id");
            String jane = as(directory, admin).body(Map.of("name", "Jane", "departmentIds", List.of(department),
                            "endpoint", Map.of("type", "phone", "value", "+1415555" + (System.nanoTime() % 10_000 + 10_000))))
                    .post("/agents").then().statusCode(201).extract().path("id");
            as(directory, admin).body(Map.of("callId", "restart-call", "departmentId", department))
                    .post("/assignments").then().statusCode(200).body("agent.id", equalTo(jane));
            as(directory, admin).body(Map.of("agentId", jane)).post("/assignments/restart-call/answered")
                    .then().statusCode(200);
            as(directory, admin).body(Map.of("agentId", jane, "outcome", "COMPLETED"))
                    .post("/assignments/restart-call/release").then().statusCode(200);

            directory.kill();
            directory.restart(Duration.ofSeconds(60));

            String wrapUpUntil = as(directory, admin).get("/agents/" + jane).then().statusCode(200)
                    .body("state", equalTo("WRAP_UP")).extract().path("wrapUpUntil");
            org.junit.jupiter.api.Assertions.assertTrue(java.time.Instant.parse(wrapUpUntil).isAfter(java.time.Instant.now()),
                    "the restart took longer than the wrap-up; the test proves nothing: " + wrapUpUntil);
            as(directory, admin).body(Map.of("callId", "call-during-wrap-up", "departmentId", department))
                    .post("/assignments").then().statusCode(200).body("assigned", equalTo(false));
            await().atMost(Duration.ofSeconds(WRAP_UP_SECONDS + 10)).untilAsserted(() ->
                    as(directory, admin).get("/agents/" + jane).then().body("state", equalTo("IDLE")));
            as(directory, admin).body(Map.of("callId", "call-after-wrap-up", "departmentId", department))
                    .post("/assignments").then().statusCode(200).body("agent.id", equalTo(jane));
        }
    }

    private static RequestSpecification as(ServiceProcess directory, String token) {
        return given().baseUri(directory.url()).auth().oauth2(token).contentType(ContentType.JSON);
    }
}
