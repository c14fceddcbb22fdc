package io.contactcenter.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vonage.client.voice.AppEndpoint;
import com.vonage.client.voice.Call;
import com.vonage.client.voice.ncco.ConversationAction;

import io.contactcenter.simulator.testing.ContactCenterStub.Received;
import io.contactcenter.simulator.testing.SimulatorTestBase;
import io.contactcenter.simulator.testing.SimulatorTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The desk phone API: a browser desk acting as an in-app user with its Client SDK token. */
@QuarkusTest
@WithTestResource(SimulatorTestResource.class)
class DeskPhoneApiTest extends SimulatorTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One SSE event the desk received: its name and JSON data. */
    record DeskEvent(String name, JsonNode data) {
    }

    @Test
    void theDeskHearsItsUserRingAnswersMutesAndHangsUp() throws Exception {
        String token = userToken("desk-ann");
        LinkedBlockingQueue<DeskEvent> events = follow(token);
        String leg = ringUser("desk-ann");

        DeskEvent ringing = next(events, "ringing");
        assertEquals(leg, ringing.data().get("callId").asText());
        assertEquals(SimulatorTestResource.NUMBER, ringing.data().get("from").asText());
        sleep(Duration.ofMillis(300));
        assertEquals("ringing", simulator.call(leg).status(), "a desk's user rings until the desk decides");

        String other = userToken("desk-bob");
        given().header("Authorization", "Bearer " + other).post("/simulator/desk/calls/" + leg + "/answer")
                .then().statusCode(404).contentType(containsString("problem+json"));
        given().post("/simulator/desk/calls/" + leg + "/answer").then().statusCode(401);
        given().header("Authorization", "Bearer " + token.substring(0, token.length() - 4) + "AAAA")
                .post("/simulator/desk/calls/" + leg + "/answer").then().statusCode(401);

        given().header("Authorization", "Bearer " + token).post("/simulator/desk/calls/" + leg + "/answer").then().statusCode(202);
        assertEquals(leg, next(events, "answered").data().get("callId").asText());
        await(event(leg, "answered"), 1);

        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{\"muted\":true}")
                .put("/simulator/desk/calls/" + leg + "/mute").then().statusCode(204);
        assertTrue(simulator.call(leg).muted());
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{}")
                .put("/simulator/desk/calls/" + leg + "/mute").then().statusCode(400);

        given().header("Authorization", "Bearer " + token).post("/simulator/desk/calls/" + leg + "/hangup").then().statusCode(202);
        DeskEvent ended = next(events, "ended");
        assertEquals("completed", ended.data().get("status").asText());
        assertEquals("user", await(event(leg, "completed"), 1).get(0).field("disconnected_by"));
    }

    @Test
    void declineIsTheRejectedStatusVonageSends() throws Exception {
        String token = userToken("desk-cy");
        LinkedBlockingQueue<DeskEvent> events = follow(token);
        String leg = ringUser("desk-cy");
        next(events, "ringing");
        given().header("Authorization", "Bearer " + token).post("/simulator/desk/calls/" + leg + "/reject").then().statusCode(202);
        Received rejected = await(event(leg, "rejected"), 1).get(0);
        assertEquals("declined", rejected.field("detail"));
        assertEquals("rejected", next(events, "ended").data().get("status").asText());
        given().header("Authorization", "Bearer " + token).post("/simulator/desk/calls/" + leg + "/reject")
                .then().statusCode(409);
    }

    @Test
    void aServerCallAsksTheAnswerWebhookAsTheUser() {
        String token = userToken("desk-dee");
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{\"to\":\"+44\"}")
                .post("/simulator/desk/calls").then().statusCode(400);
        String callId = given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"to\":\"447700900777\"}").post("/simulator/desk/calls")
                .then().statusCode(201).extract().path("callId");
        Received answer = await(r -> "/webhooks/answer".equals(r.path()) && callId.equals(r.field("uuid")), 1).get(0);
        assertEquals("desk-dee", answer.field("from_user"));
        assertEquals("447700900777", answer.field("to"));
        assertEquals("app", answer.field("endpoint_type"));
    }

    @Test
    void theDesksOriginMayCallIt() {
        given().header("Origin", "http://127.0.0.1:8082").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/simulator/desk/calls").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://127.0.0.1:8082");
    }

    /** An agent leg ringing the app user, as routing creates it. */
    private String ringUser(String user) {
        return vonage().getVoiceClient().createCall(Call.builder().to(new AppEndpoint(user))
                .from(SimulatorTestResource.NUMBER).ringingTimer(60)
                .ncco(ConversationAction.builder("desk-room-" + user).build()).build()).getUuid();
    }

    private LinkedBlockingQueue<DeskEvent> follow(String token) throws Exception {
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(simulatorUrl + "simulator/desk/calls")).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        LinkedBlockingQueue<DeskEvent> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String name = null;
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        events.add(new DeskEvent(name, JSON.readTree(line.substring(5).trim())));
                    }
                }
            } catch (Exception ignored) {
                // stream closed with the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        sleep(Duration.ofMillis(200)); // subscribed (the user's endpoint is now the desk's) before the leg rings
        return events;
    }

    private static DeskEvent next(LinkedBlockingQueue<DeskEvent> events, String name) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            DeskEvent event = events.poll(200, TimeUnit.MILLISECONDS);
            if (event != null && name.equals(event.name())) {
                return event;
            }
        }
        throw new AssertionError("no " + name + " event");
    }

    /** A Client SDK user token as the directory's POST /api/jwt makes it: the application's key, sub = the user. */
    static String userToken(String user) {
        try {
            String base64 = SimulatorTestResource.privateKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return JWT.create().withClaim("application_id", SimulatorTestResource.APPLICATION_ID)
                    .withIssuedAt(Instant.now()).withExpiresAt(Instant.now().plusSeconds(900))
                    .withJWTId(UUID.randomUUID().toString()).withSubject(user).sign(Algorithm.RSA256(null, key));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
