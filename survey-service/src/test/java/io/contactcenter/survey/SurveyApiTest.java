package io.contactcenter.survey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read API: figures on a known data set, filters, paging, authentication, problem+json errors. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "survey"))
@WithTestResource(StubsResource.class)
class SurveyApiTest {

    // a data set of its own, a month back so other tests' outcomes never fall in its time range, yet within the
    // retention (90 days): its pass may run at any moment and deletes older outcomes
    static final LocalDate FIRST = LocalDate.now(ZoneOffset.UTC).minusDays(30);
    static final LocalDate SECOND = FIRST.plusDays(1);
    static final Instant DAY1 = FIRST.atTime(9, 0).toInstant(ZoneOffset.UTC);
    static final Instant DAY2 = SECOND.atTime(15, 30).toInstant(ZoneOffset.UTC);

    @Inject
    TestDb db;

    String sales;
    String support;
    String alice;
    String bob;
    String carol;

    @BeforeEach
    void dataSet() {
        sales = Calls.newId();
        support = Calls.newId();
        alice = Calls.newId();
        bob = Calls.newId();
        carol = Calls.newId();
        // sales: alice 5, 4, INVALID (offered); bob 2, NO_INPUT (offered), CALLER_HUNG_UP before the offer
        db.insertResponse(Calls.newId(), sales, alice, SurveyStatus.ANSWERED, 5, DAY1, DAY1.plusSeconds(20));
        db.insertResponse(Calls.newId(), sales, alice, SurveyStatus.ANSWERED, 4, DAY1.plusSeconds(60), DAY1.plusSeconds(80));
        db.insertResponse(Calls.newId(), sales, alice, SurveyStatus.INVALID, null, DAY2, DAY2.plusSeconds(20));
        db.insertResponse(Calls.newId(), sales, bob, SurveyStatus.ANSWERED, 2, DAY2.plusSeconds(60), DAY2.plusSeconds(80));
        db.insertResponse(Calls.newId(), sales, bob, SurveyStatus.NO_INPUT, null, DAY2.plusSeconds(120), DAY2.plusSeconds(140));
        db.insertResponse(Calls.newId(), sales, bob, SurveyStatus.CALLER_HUNG_UP, null, null, DAY2.plusSeconds(200));
        // support: carol 3, 5, CALLER_HUNG_UP during the survey
        db.insertResponse(Calls.newId(), support, carol, SurveyStatus.ANSWERED, 3, DAY1.plusSeconds(300), DAY1.plusSeconds(320));
        db.insertResponse(Calls.newId(), support, carol, SurveyStatus.ANSWERED, 5, DAY2.plusSeconds(300), DAY2.plusSeconds(320));
        db.insertResponse(Calls.newId(), support, carol, SurveyStatus.CALLER_HUNG_UP, null, DAY2.plusSeconds(400), DAY2.plusSeconds(420));
    }

    static String supervisor() {
        return "Bearer " + LocalInfra.shared().authKeys().mint("sup", "supervisor");
    }

    @Test
    void statsByDepartment() {
        given().header("Authorization", supervisor())
                .queryParam("groupBy", "department").queryParam("department", sales)
                .when().get("/surveys/stats")
                .then().statusCode(200)
                .body("groupBy", equalTo("department"))
                .body("groups", hasSize(1))
                .body("groups[0].key", equalTo(sales))
                .body("groups[0].count", equalTo(3))
                .body("groups[0].average", equalTo(3.67f))
                .body("groups[0].top2BoxPercent", equalTo(66.7f))
                .body("groups[0].offered", equalTo(5))
                .body("groups[0].responseRate", equalTo(0.6f))
                .body("groups[0].outcomes", equalTo(6));
    }

    @Test
    void statsByAgentAndByDay() {
        String admin = "Bearer " + LocalInfra.shared().authKeys().mint("root", "admin");
        given().header("Authorization", admin)
                .queryParam("groupBy", "agent").queryParam("agent", carol)
                .when().get("/surveys/stats")
                .then().statusCode(200)
                .body("groups", hasSize(1))
                .body("groups[0].key", equalTo(carol))
                .body("groups[0].count", equalTo(2))
                .body("groups[0].average", equalTo(4.0f))
                .body("groups[0].top2BoxPercent", equalTo(50.0f))
                .body("groups[0].responseRate", equalTo(0.667f));

        given().header("Authorization", supervisor())
                .queryParam("groupBy", "day").queryParam("department", sales)
                .queryParam("from", FIRST.toString()).queryParam("to", SECOND.plusDays(1).toString())
                .when().get("/surveys/stats")
                .then().statusCode(200)
                .body("groups", hasSize(2))
                .body("groups[0].key", equalTo(FIRST.toString()))
                .body("groups[0].count", equalTo(2))
                .body("groups[0].average", equalTo(4.5f))
                .body("groups[0].top2BoxPercent", equalTo(100.0f))
                .body("groups[0].responseRate", equalTo(1.0f))
                .body("groups[1].key", equalTo(SECOND.toString()))
                .body("groups[1].count", equalTo(1))
                .body("groups[1].average", equalTo(2.0f))
                .body("groups[1].top2BoxPercent", equalTo(0.0f))
                .body("groups[1].offered", equalTo(3))
                .body("groups[1].responseRate", equalTo(0.333f));
    }

    @Test
    void listIsFilteredPagedAndNewestFirst() {
        given().header("Authorization", supervisor())
                .queryParam("department", sales).queryParam("agent", bob)
                .queryParam("page", 0).queryParam("size", 2)
                .when().get("/surveys")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items", hasSize(2))
                .body("items[0].status", equalTo("CALLER_HUNG_UP"))
                .body("items[0].offeredAt", nullValue())
                .body("items[1].status", equalTo("NO_INPUT"))
                .body("items[1].callerNumber", equalTo("4477****0123"));
        given().header("Authorization", supervisor())
                .queryParam("department", sales).queryParam("agent", bob)
                .queryParam("page", 1).queryParam("size", 2)
                .when().get("/surveys")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].score", equalTo(2));
        given().header("Authorization", supervisor())
                .queryParam("department", sales)
                .queryParam("from", FIRST + "T00:00:00Z").queryParam("to", SECOND + "T00:00:00Z")
                .when().get("/surveys")
                .then().statusCode(200)
                .body("total", equalTo(2));
    }

    @Test
    void anonymousIsUnauthorizedAndOtherRolesAreForbidden() {
        given().when().get("/surveys")
                .then().statusCode(401).contentType(containsString("application/problem+json"));
        given().when().get("/surveys/stats")
                .then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token").when().get("/surveys")
                .then().statusCode(401);
        given().header("Authorization", "Bearer " + LocalInfra.shared().authKeys().mint("svc", "service"))
                .when().get("/surveys/stats")
                .then().statusCode(403).contentType(containsString("application/problem+json"));
    }

    @Test
    void badParametersAreProblemsNotServerErrors() {
        given().header("Authorization", supervisor()).queryParam("groupBy", "planet")
                .when().get("/surveys/stats")
                .then().statusCode(400).contentType(containsString("application/problem+json"));
        given().header("Authorization", supervisor()).queryParam("from", "yesterday")
                .when().get("/surveys")
                .then().statusCode(400).contentType(containsString("application/problem+json"));
        given().header("Authorization", supervisor()).queryParam("size", 100000)
                .when().get("/surveys")
                .then().statusCode(400);
        given().header("Authorization", supervisor()).queryParam("page", "x")
                .when().get("/surveys")
                .then().statusCode(400);
        given().header("Authorization", supervisor())
                .queryParam("from", SECOND.toString()).queryParam("to", FIRST.toString())
                .when().get("/surveys")
                .then().statusCode(400);
    }

    @Test
    void healthAndMetricsAreExposed() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
