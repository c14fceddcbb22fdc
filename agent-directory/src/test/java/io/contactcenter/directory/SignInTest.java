package io.contactcenter.directory;

import static io.contactcenter.directory.DirectoryTestSupport.admin;
import static io.contactcenter.directory.DirectoryTestSupport.as;
import static io.contactcenter.directory.DirectoryTestSupport.department;
import static io.contactcenter.directory.DirectoryTestSupport.phoneAgent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.directory.service.SignInService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agents' sign-in: passwords set by an admin and changed by the agent, our tokens (renewed, signed out), one 401 for
 * any wrong name or password, throttling, and the password never logged nor returned.
 */
@QuarkusTest
@WithTestResource(DirectoryInfra.class)
class SignInTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String PASSWORD = "Correct-Horse-7731";

    @Inject
    EntityManager entityManager;

    private String sales;
    private String jane;

    @BeforeEach
    void agentWithPassword() {
        DirectoryTestSupport.wipe(entityManager);
        sales = department(1, "Sales", 10);
        jane = phoneAgent("Jane", "+14155550101", sales);
        admin().body(Map.of("password", PASSWORD)).put("/agents/" + jane + "/password").then().statusCode(204);
    }

    @Test
    void anAgentSignsInByNameIgnoringCaseAndUsesTheToken() {
        ExtractableResponse<Response> signedIn = signIn("jANE", PASSWORD).statusCode(200)
                .body("agentId", equalTo(jane)).body("name", equalTo("Jane"))
                .body("roles", contains("agent")).body("expiresAt", notNullValue())
                .extract();
        String token = signedIn.path("token");
        given().auth().oauth2(token).get("/agents/" + jane).then().statusCode(200)
                .body("hasPassword", equalTo(true));
        given().auth().oauth2(token).get("/agents").then().statusCode(403); // an agent, not staff
    }

    @Test
    void aSupervisorsTokenCarriesTheSupervisorRole() {
        admin().body(Map.of("name", "Jane", "departmentIds", List.of(sales),
                "endpoint", Map.of("type", "phone", "value", "+14155550101"), "supervisor", true))
                .put("/agents/" + jane).then().statusCode(200).body("supervisor", equalTo(true));
        String token = signIn("Jane", PASSWORD).statusCode(200).body("roles", contains("agent", "supervisor"))
                .extract().path("token");
        given().auth().oauth2(token).get("/agents").then().statusCode(200);
    }

    @Test
    void anUnknownNameAndAWrongPasswordGetTheSameAnswer() {
        String wrongPassword = signIn("Jane", "not-the-password").statusCode(401).contentType(PROBLEM)
                .extract().body().asString();
        String unknownName = signIn("Nobody", PASSWORD).statusCode(401).contentType(PROBLEM)
                .extract().body().asString();
        assertEquals(wrongPassword, unknownName);
        assertTrue(wrongPassword.contains(SignInService.WRONG_NAME_OR_PASSWORD));
        // an agent without a password cannot sign in either, with the same answer
        phoneAgent("Joe", "+14155550102", sales);
        assertEquals(wrongPassword, signIn("Joe", "").extract().body().asString());
    }

    @Test
    void repeatedFailuresOfAnAccountAreThrottled() {
        for (int i = 0; i < 5; i++) {
            signIn("Jane", "wrong-" + i).statusCode(401);
        }
        signIn("Jane", PASSWORD).statusCode(429).contentType(PROBLEM)
                .header("Retry-After", value -> Integer.parseInt(value), greaterThan(800));
        signIn("JANE", "wrong").statusCode(429); // the same account whatever the case
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottledWhateverTheName() {
        for (int i = 0; i < 20; i++) {
            signIn("nobody-" + i, "wrong").statusCode(401);
        }
        signIn("Jane", PASSWORD).statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    void aSuccessfulSignInForgetsTheAccountsEarlierFailures() {
        for (int i = 0; i < 4; i++) {
            signIn("Jane", "wrong").statusCode(401);
        }
        signIn("Jane", PASSWORD).statusCode(200);
        for (int i = 0; i < 4; i++) {
            signIn("Jane", "wrong").statusCode(401);
        }
        signIn("Jane", PASSWORD).statusCode(200);
    }

    @Test
    void aRenewedTokenWorksAndASignedOutTokenIsRefused() {
        String token = signIn("Jane", PASSWORD).extract().path("token");
        String renewed = given().auth().oauth2(token).post("/auth/renew").then().statusCode(200)
                .body("agentId", equalTo(jane)).body("token", not(equalTo(token))).extract().path("token");
        given().auth().oauth2(renewed).get("/agents/" + jane).then().statusCode(200);

        given().auth().oauth2(renewed).post("/auth/sign-out").then().statusCode(204);
        given().auth().oauth2(renewed).get("/agents/" + jane).then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(renewed).post("/auth/renew").then().statusCode(401);
        given().auth().oauth2(token).get("/agents/" + jane).then().statusCode(200); // only that token
        given().post("/auth/renew").then().statusCode(401);
    }

    /** The Ingress routes /agents/ and /departments/ for the desk: admin and service tokens are refused from outside. */
    @Test
    void throughTheIngressOnlyAgentsAndSupervisorsAreServed() {
        String outside = "203.0.113.7";
        given().header("X-Forwarded-For", outside).auth().oauth2(DirectoryTestSupport.token("admin-1", "admin"))
                .get("/agents").then().statusCode(403).contentType(PROBLEM);
        given().header("X-Forwarded-For", outside).auth().oauth2(DirectoryTestSupport.serviceToken("routing"))
                .get("/departments").then().statusCode(403).contentType(PROBLEM);
        given().header("X-Forwarded-For", outside).auth().oauth2(DirectoryTestSupport.token(jane, "agent"))
                .get("/agents/" + jane).then().statusCode(200);
        given().header("X-Forwarded-For", outside).auth().oauth2(DirectoryTestSupport.token("sup-1", "supervisor"))
                .get("/agents").then().statusCode(200);
        admin().get("/agents").then().statusCode(200); // inside the cluster
    }

    @Test
    void anIdentityProvidersAgentTokenStillWorksAndCanBeRenewed() {
        String external = DirectoryTestSupport.token(jane, "agent");
        given().auth().oauth2(external).get("/agents/" + jane).then().statusCode(200);
        given().auth().oauth2(external).post("/auth/renew").then().statusCode(200).body("agentId", equalTo(jane));
    }

    @Test
    void anAgentChangesItsOwnPasswordOnly() {
        String joe = phoneAgent("Joe", "+14155550102", sales);
        as(jane, "agent").body(Map.of("currentPassword", "wrong-password", "newPassword", "Another-Pass-1"))
                .post("/agents/" + jane + "/password").then().statusCode(401).contentType(PROBLEM);
        as(jane, "agent").body(Map.of("currentPassword", PASSWORD, "newPassword", "short"))
                .post("/agents/" + jane + "/password").then().statusCode(400).contentType(PROBLEM);
        as(joe, "agent").body(Map.of("currentPassword", PASSWORD, "newPassword", "Another-Pass-1"))
                .post("/agents/" + jane + "/password").then().statusCode(403);
        as(jane, "agent").body(Map.of("password", "Another-Pass-1")).put("/agents/" + jane + "/password").then()
                .statusCode(403); // setting without the current one is for admins

        as(jane, "agent").body(Map.of("currentPassword", PASSWORD, "newPassword", "Another-Pass-1"))
                .post("/agents/" + jane + "/password").then().statusCode(204);
        signIn("Jane", PASSWORD).statusCode(401);
        signIn("Jane", "Another-Pass-1").statusCode(200);
    }

    @Test
    void passwordsOutsideEightTo128CharactersAreRefused() {
        admin().body(Map.of("password", "1234567")).put("/agents/" + jane + "/password").then().statusCode(400)
                .contentType(PROBLEM);
        admin().body(Map.of("password", "x".repeat(129))).put("/agents/" + jane + "/password").then().statusCode(400);
        admin().body(Map.of()).put("/agents/" + jane + "/password").then().statusCode(400);
        signIn("Jane", PASSWORD).statusCode(200);
    }

    @Test
    void thePasswordIsNeverLoggedNorReturned() {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + List.of(record.getParameters() == null
                        ? new Object[0] : record.getParameters()) + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String secret = "Secret-Sauce-90210";
            admin().body(Map.of("password", secret)).put("/agents/" + jane + "/password").then().statusCode(204);
            String body = signIn("Jane", secret).statusCode(200).extract().body().asString();
            signIn("Jane", secret + "-wrong").statusCode(401);
            signIn("Nobody", secret).statusCode(401);
            String views = admin().get("/agents/" + jane).then().extract().body().asString()
                    + admin().get("/agents").then().extract().body().asString();
            assertFalse(body.contains(secret) || views.contains(secret), "a password was returned");
            assertFalse(views.contains("$2a$") || views.contains("$2y$"), "a password hash was returned");
            assertTrue(logged.stream().anyMatch(line -> line.contains("failed sign-in")), "sign-in was not logged");
            assertFalse(logged.stream().anyMatch(line -> line.contains(secret)), "a password was logged");
        } finally {
            root.removeHandler(capture);
        }
    }

    private static io.restassured.response.ValidatableResponse signIn(String name, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "password", password))
                .post("/auth/sign-in").then();
    }
}
