package io.contactcenter.directory;

import static io.contactcenter.directory.DirectoryTestSupport.admin;
import static io.contactcenter.directory.DirectoryTestSupport.agent;
import static io.contactcenter.directory.DirectoryTestSupport.as;
import static io.contactcenter.directory.DirectoryTestSupport.department;
import static io.contactcenter.directory.DirectoryTestSupport.phoneAgent;
import static io.contactcenter.directory.DirectoryTestSupport.routing;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/jwt}: Vonage Client SDK login tokens for in-app agents. */
@QuarkusTest
@WithTestResource(DirectoryInfra.class)
class UserTokenTest {

    private static final String APPLICATION_ID = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab";

    @Inject
    EntityManager entityManager;

    private String alice;
    private String jane;

    @BeforeEach
    void agents() {
        DirectoryTestSupport.wipe(entityManager);
        String support = department(2, "Support", 10);
        alice = agent("Alice", "app", "alice", support);
        jane = phoneAgent("Jane", "+14155550101", support);
    }

    @Test
    void anInAppAgentGetsAShortLivedTokenSignedWithTheApplicationKey() throws Exception {
        String token = as(alice, "agent").body("{}").post("/api/jwt").then().statusCode(200)
                .body("userName", org.hamcrest.Matchers.equalTo("alice"))
                .extract().path("token");

        DecodedJWT jwt = JWT.require(Algorithm.RSA256(applicationPublicKey(), null)).build().verify(token);

        assertEquals("RS256", jwt.getAlgorithm());
        assertEquals("alice", jwt.getSubject());
        assertEquals(APPLICATION_ID, jwt.getClaim("application_id").asString());
        Map<String, Object> acl = jwt.getClaim("acl").asMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> paths = (Map<String, Object>) acl.get("paths");
        // exactly the web Client SDK's paths, each unrestricted within itself: no wildcard, nothing administrative, no
        // mobile-only devices/push
        assertEquals(Map.of("/*/rtc/**", Map.of(), "/*/users/**", Map.of(), "/*/conversations/**", Map.of(),
                "/*/sessions/**", Map.of(), "/*/knocking/**", Map.of(), "/*/legs/**", Map.of()), paths);
        Duration lifetime = Duration.between(Instant.now(), jwt.getExpiresAtAsInstant());
        assertTrue(lifetime.compareTo(Duration.ofMinutes(16)) < 0 && lifetime.compareTo(Duration.ofMinutes(14)) > 0,
                "15 minutes: " + lifetime);
        assertTrue(jwt.getId() != null && jwt.getIssuedAtAsInstant() != null);
    }

    @Test
    void theTokenDoesNotVerifyWithAnotherKey() throws Exception {
        String token = as(alice, "agent").body("{}").post("/api/jwt").then().statusCode(200).extract().path("token");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPublicKey other = (RSAPublicKey) generator.generateKeyPair().getPublic();

        assertThrows(SignatureVerificationException.class,
                () -> JWT.require(Algorithm.RSA256(other, null)).build().verify(token));
    }

    @Test
    void adminMayGetAnyInAppAgentsToken() {
        admin().body(Map.of("agentId", alice)).post("/api/jwt").then().statusCode(200)
                .body("agentId", org.hamcrest.Matchers.equalTo(alice));
    }

    @Test
    void anonymousCrossAgentAndNonAppAgentsAreRefused() {
        given().contentType("application/json").body("{}").post("/api/jwt").then()
                .statusCode(401).contentType("application/problem+json");
        as(jane, "agent").body(Map.of("agentId", alice)).post("/api/jwt").then()
                .statusCode(403).contentType("application/problem+json");
        routing().body(Map.of("agentId", alice)).post("/api/jwt").then().statusCode(403);
        as(jane, "agent").body("{}").post("/api/jwt").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("not as an in-app user"));
        admin().body(Map.of("agentId", "00000000-0000-0000-0000-000000000004")).post("/api/jwt").then()
                .statusCode(404);
    }

    private static RSAPublicKey applicationPublicKey() throws Exception {
        String pem = Files.readString(Path.of("src/test/resources/vonage-test-application.pub"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }
}
