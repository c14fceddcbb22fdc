package io.contactcenter.survey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.contactcenter.events.SurveyStatus;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.survey.support.Calls;
import io.contactcenter.survey.support.StubsResource;
import io.contactcenter.survey.support.TestDb;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An agent's own score summary (the agent desk's day): the agent itself, or staff; nobody else. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "survey"))
@WithTestResource(StubsResource.class)
class AgentSummaryApiTest {

    /** A recent day: responses older than the retention (90 days) may be deleted by its pass at any moment. */
    static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(5));

    @Inject
    TestDb db;

    String jane;

    @BeforeEach
    void scores() {
        String sales = Calls.newId();
        jane = Calls.newId();
        db.insertResponse(Calls.newId(), sales, jane, SurveyStatus.ANSWERED, 5, DAY.plusSeconds(100), DAY.plusSeconds(120));
        db.insertResponse(Calls.newId(), sales, jane, SurveyStatus.ANSWERED, 2, DAY.plusSeconds(200), DAY.plusSeconds(220));
        db.insertResponse(Calls.newId(), sales, jane, SurveyStatus.NO_INPUT, null, DAY.plusSeconds(300), DAY.plusSeconds(320));
        // the day after: outside the range
        db.insertResponse(Calls.newId(), sales, jane, SurveyStatus.ANSWERED, 1, DAY.plusSeconds(90_000), DAY.plusSeconds(90_020));
    }

    @Test
    void theAgentReadsItsOwnScoredCallsOfTheDay() {
        given().header("Authorization", bearer(jane, "agent"))
                .queryParam("from", DAY.toString()).queryParam("to", DAY.plusSeconds(86_400).toString())
                .get("/surveys/agents/" + jane + "/summary").then().statusCode(200)
                .body("agentId", equalTo(jane)).body("scoredCalls", equalTo(2)).body("averageScore", equalTo(3.5f));
        given().header("Authorization", bearer("sup", "supervisor"))
                .queryParam("from", DAY.plusSeconds(86_400).toString())
                .queryParam("to", DAY.plusSeconds(2 * 86_400).toString())
                .get("/surveys/agents/" + jane + "/summary").then().statusCode(200)
                .body("scoredCalls", equalTo(1)).body("averageScore", equalTo(1.0f));
        given().header("Authorization", bearer(jane, "agent"))
                .queryParam("from", "2019-01-01T00:00:00Z").queryParam("to", "2019-01-02T00:00:00Z")
                .get("/surveys/agents/" + jane + "/summary").then().statusCode(200)
                .body("scoredCalls", equalTo(0)).body("averageScore", nullValue());
    }

    @Test
    void anotherAgentOrNobodyIsRefused() {
        given().header("Authorization", bearer(Calls.newId(), "agent"))
                .queryParam("from", DAY.toString()).queryParam("to", DAY.plusSeconds(86_400).toString())
                .get("/surveys/agents/" + jane + "/summary").then().statusCode(403);
        given().queryParam("from", DAY.toString()).queryParam("to", DAY.plusSeconds(86_400).toString())
                .get("/surveys/agents/" + jane + "/summary").then().statusCode(401);
        given().header("Authorization", bearer(jane, "agent")).queryParam("from", "today")
                .get("/surveys/agents/" + jane + "/summary").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static String bearer(String subject, String role) {
        return "Bearer " + LocalInfra.shared().authKeys().mint(subject, role);
    }
}
