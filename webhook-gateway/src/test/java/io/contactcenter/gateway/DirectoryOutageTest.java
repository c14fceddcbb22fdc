package io.contactcenter.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The directory going away while the gateway runs: the last known menu, then the new one when it is back. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(DirectoryStub.class)
class DirectoryOutageTest {

    static String answer() {
        return Webhooks.post("/webhooks/answer", "{\"uuid\":\"" + UUID.randomUUID() + "\",\"from\":\"447700900001\"}")
                .then().statusCode(200).extract().asString();
    }

    @AfterEach
    void restore() {
        DirectoryStub.reset();
        await().atMost(Duration.ofSeconds(30)).until(() -> answer().contains("for Customer Support press 2."));
    }

    @Test
    void directoryDownServesTheLastKnownMenuQuicklyAndStaysReady() {
        await().atMost(Duration.ofSeconds(20)).until(() -> answer().contains("for Customer Support press 2."));
        DirectoryStub.down(true);
        int before = DirectoryStub.requests().size();
        await().atMost(Duration.ofSeconds(10)).until(() -> DirectoryStub.requests().size() > before + 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/group/dependencies").then()
                .statusCode(503)
                .body("checks.find { it.name == 'directory' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'directory' }.data.lastFailure", notNullValue()));

        long start = System.nanoTime();
        String menu = answer();
        long millis = (System.nanoTime() - start) / 1_000_000;
        org.junit.jupiter.api.Assertions.assertTrue(menu.contains("For Sales press 1, for Customer Support press 2."), menu);
        org.junit.jupiter.api.Assertions.assertTrue(millis < 1000, "answer took " + millis + " ms while the directory is down");
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'directory-menu' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'directory-menu' }.data.source", equalTo("DIRECTORY"));

        DirectoryStub.departments("""
                [{"id":"d-billing","digit":3,"name":"Billing","spokenName":"Billing"},
                 {"id":"d-sales","digit":1,"name":"Sales","spokenName":"Sales"}]""");
        DirectoryStub.down(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> answer().contains("For Sales press 1, for Billing press 3."));
        Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "1"), MenuInputWebhookTest.input(UUID.randomUUID().toString(), "{\"digits\":\"3\"}"))
                .then().statusCode(200).body(containsString("connect you to Billing"));
    }

    @Test
    void aDirectoryWithoutDepartmentsMeansAnApologyNotAnEmptyMenu() {
        DirectoryStub.departments("[]");
        await().atMost(Duration.ofSeconds(30)).until(() -> answer().equals(
                "[{\"text\":\"We are sorry, our service is not available right now. Please call again later.\",\"action\":\"talk\"}]"));
        Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "1"), MenuInputWebhookTest.input(UUID.randomUUID().toString(), "{\"digits\":\"1\"}"))
                .then().statusCode(200).body(containsString("Goodbye"));
    }
}
