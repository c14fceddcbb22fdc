package io.contactcenter.directory;

import static io.contactcenter.directory.DirectoryTestSupport.claim;
import static io.contactcenter.directory.DirectoryTestSupport.department;
import static io.contactcenter.directory.DirectoryTestSupport.newCallId;
import static io.contactcenter.directory.DirectoryTestSupport.phoneAgent;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DirectoryInfra.class)
class ObservabilityTest {

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void cleanDirectory() {
        DirectoryTestSupport.wipe(entityManager);
    }

    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsCountAgentsByStateAndClaims() {
        String sales = department(1, "Sales", 10);
        String jane = phoneAgent("Jane", "+14155550101", sales);
        phoneAgent("Joe", "+14155550102", sales);
        claim(newCallId(), sales).body("agent.id", equalTo(jane));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("directory_agents{department=\"" + sales + "\",state=\"RESERVED\"} 1.0"))
                .body(containsString("directory_agents{department=\"" + sales + "\",state=\"IDLE\"} 1.0"))
                .body(containsString("directory_claims_total{result=\"assigned\"}")));
    }

    @Test
    void openApiDescribesTheAssignmentApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/assignments/{callId}/release"));
    }
}
