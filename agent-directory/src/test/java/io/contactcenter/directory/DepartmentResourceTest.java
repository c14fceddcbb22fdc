package io.contactcenter.directory;

import static io.contactcenter.directory.DirectoryTestSupport.admin;
import static io.contactcenter.directory.DirectoryTestSupport.as;
import static io.contactcenter.directory.DirectoryTestSupport.department;
import static io.contactcenter.directory.DirectoryTestSupport.phoneAgent;
import static io.contactcenter.directory.DirectoryTestSupport.routing;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.contactcenter.infra.LocalInfra;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DirectoryInfra.class)
class DepartmentResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    JWTParser tokens;

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void cleanDirectory() {
        DirectoryTestSupport.wipe(entityManager);
    }

    @Test
    void menuListsDepartmentsInDigitOrderWithDefaults() {
        department(2, "Support", 10);
        String sales = department(1, "Sales", 5);

        routing().get("/departments").then().statusCode(200)
                .body("name", contains("Sales", "Support"))
                .body("[0].id", equalTo(sales))
                .body("[0].spokenName", equalTo("Sales"))
                .body("[0].maxWaitSeconds", equalTo(120))
                .body("[0].ringingTimeoutSeconds", equalTo(20))
                .body("[0].wrapUpSeconds", equalTo(5))
                .body("[0].maxAttempts", equalTo(3))
                .body("[0].surveyEnabled", equalTo(true));
    }

    @Test
    void waitingCallerSettingsHaveDefaultsAndAreValidated() {
        String id = department(1, "Sales", 10);
        routing().get("/departments/" + id).then().statusCode(200)
                .body("announcementIntervalSeconds", equalTo(30))
                .body("callbackOfferSeconds", equalTo(60))
                .body("callbackRetries", equalTo(2));

        admin().body(Map.of("digit", 1, "name", "Sales", "announcementIntervalSeconds", 0, "callbackOfferSeconds", 90,
                        "callbackRetries", 4))
                .put("/departments/" + id).then().statusCode(200)
                .body("announcementIntervalSeconds", equalTo(0))
                .body("callbackOfferSeconds", equalTo(90))
                .body("callbackRetries", equalTo(4));
        for (String field : new String[] {"announcementIntervalSeconds", "callbackOfferSeconds", "callbackRetries"}) {
            admin().body(Map.of("digit", 1, "name", "Sales", field, -1)).put("/departments/" + id).then()
                    .statusCode(400).contentType(PROBLEM).body("violations.field", hasItem(field));
        }
    }

    @Test
    void callControlSettingsHaveDefaultsAndAreValidated() {
        String id = department(2, "Support", 10);
        routing().get("/departments/" + id).then().statusCode(200)
                .body("recording", equalTo("off")).body("transferPriority", equalTo(false));

        admin().body(Map.of("digit", 2, "name", "Support", "recording", "on-request", "transferPriority", true))
                .put("/departments/" + id).then().statusCode(200)
                .body("recording", equalTo("on-request")).body("transferPriority", equalTo(true));
        routing().get("/departments/" + id).then().statusCode(200).body("recording", equalTo("on-request"));
        admin().body(Map.of("digit", 2, "name", "Support", "recording", "sometimes")).put("/departments/" + id).then()
                .statusCode(400).contentType(PROBLEM).body("violations.field", hasItem("recording"));
    }

    @Test
    void adminReplacesAndDeletesADepartment() {
        String id = department(3, "Billing", 10);

        admin().body(Map.of("digit", 4, "name", "Accounts", "spokenName", "our accounts team", "surveyEnabled", false))
                .put("/departments/" + id).then().statusCode(200)
                .body("digit", equalTo(4)).body("spokenName", equalTo("our accounts team"))
                .body("surveyEnabled", equalTo(false));
        routing().get("/departments/" + id).then().statusCode(200).body("name", equalTo("Accounts"));

        admin().delete("/departments/" + id).then().statusCode(204);
        routing().get("/departments/" + id).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void departmentWithAgentsCannotBeDeleted() {
        String id = department(1, "Sales", 10);
        phoneAgent("Jane", "+14155550101", id);

        admin().delete("/departments/" + id).then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("still has agents"));
    }

    @Test
    void duplicateDigitOrNameIsAConflict() {
        department(1, "Sales", 10);

        admin().body(Map.of("digit", 1, "name", "Other")).post("/departments").then()
                .statusCode(409).contentType(PROBLEM).body("detail", containsString("digit 1"));
        admin().body(Map.of("digit", 2, "name", "sales")).post("/departments").then()
                .statusCode(409).contentType(PROBLEM).body("detail", containsString("named sales"));
    }

    @Test
    void invalidDepartmentsAreRefusedWithTheFieldNamed() {
        admin().body(Map.of("digit", 10, "name", "Sales")).post("/departments").then()
                .statusCode(400).contentType(PROBLEM).body("violations.field", hasItem("digit"));
        admin().body(Map.of("digit", -1, "name", "Sales")).post("/departments").then()
                .statusCode(400).body("violations.field", hasItem("digit"));
        admin().body(Map.of("digit", 1, "name", "")).post("/departments").then()
                .statusCode(400).contentType(PROBLEM).body("violations.field", hasItem("name"));
        admin().body(Map.of("digit", 1, "name", "x".repeat(10_000))).post("/departments").then()
                .statusCode(400).contentType(PROBLEM).body("violations.field", hasItem("name"));
        admin().body(Map.of("name", "Sales")).post("/departments").then()
                .statusCode(400).body("violations.field", hasItem("digit"));
        admin().body(Map.of("digit", 1, "name", "Sales", "wrapUpSeconds", -5)).post("/departments").then()
                .statusCode(400).body("violations.field", hasItem("wrapUpSeconds"));
    }

    @Test
    void malformedBodiesAreBadRequestsNotServerErrors() {
        admin().body("{\"digit\": 1, \"name\": ").post("/departments").then()
                .statusCode(400).contentType(PROBLEM);
        admin().body("{\"digit\": \"one\", \"name\": \"Sales\"}").post("/departments").then()
                .statusCode(400).contentType(PROBLEM).body("detail", containsString("digit"));
        admin().body("").post("/departments").then().statusCode(400).contentType(PROBLEM);
        admin().body(Map.of("digit", 1, "name", "x".repeat(70_000))).post("/departments").then()
                .statusCode(413);
    }

    @Test
    void unknownDepartmentIsNotFound() {
        routing().get("/departments/00000000-0000-0000-0000-000000000001").then()
                .statusCode(404).contentType(PROBLEM).body("detail", containsString("unknown department"));
        routing().get("/departments/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        admin().body(Map.of("digit", 1, "name", "Sales"))
                .put("/departments/00000000-0000-0000-0000-000000000001").then().statusCode(404);
    }

    @Test
    void anonymousIsUnauthorizedAndWrongRoleForbidden() {
        given().get("/departments").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2("not-a-token").get("/departments").then().statusCode(401).contentType(PROBLEM);
        DirectoryTestSupport.asService("gateway").body(Map.of("digit", 1, "name", "Sales")).post("/departments").then()
                .statusCode(403).contentType(PROBLEM);
        as("jane", "agent").body(Map.of("digit", 1, "name", "Sales")).post("/departments").then()
                .statusCode(403);
    }

    @Test
    void aVerifiedTokenIsReusedUntilItExpiresAndOthersAreVerified() throws Exception {
        String token = DirectoryTestSupport.serviceToken("routing");
        assertSame(tokens.parse(token), tokens.parse(token), "verified once, then remembered");
        routing().get("/departments").then().statusCode(200);
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().auth().oauth2(tampered).get("/departments").then().statusCode(401).contentType(PROBLEM);
        String expired = LocalInfra.shared().authKeys().service("routing").mintAsService("routing", List.of("routing"),
                Instant.now().minus(Duration.ofMinutes(10)), Instant.now().minus(Duration.ofMinutes(5)));
        given().auth().oauth2(expired).get("/departments").then().statusCode(401).contentType(PROBLEM);
    }
}
