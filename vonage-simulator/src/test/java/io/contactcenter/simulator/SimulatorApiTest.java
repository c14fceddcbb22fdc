package io.contactcenter.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.Settings;
import io.contactcenter.simulator.client.SimulatorClient.SimulatorException;
import io.contactcenter.simulator.testing.SimulatorTestBase;
import io.contactcenter.simulator.testing.SimulatorTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The simulator's own API: validation (problem+json), the live stream, time factor, the softphone page. */
@QuarkusTest
@WithTestResource(SimulatorTestResource.class)
class SimulatorApiTest extends SimulatorTestBase {

    @Test
    void badRequestsAreProblemJson() {
        given().contentType("application/json").body("{\"steps\":[]}").post("/simulator/callers")
                .then().statusCode(400).contentType(containsString("problem+json")).body("detail", containsString("from"));
        given().contentType("application/json").body("{\"from\":\"447700900500\",\"steps\":[{\"atSecond\":1}]}")
                .post("/simulator/callers").then().statusCode(400).body("detail", containsString("digits"));
        given().contentType("application/json").body("{\"from\":\"447700900500\",\"steps\":[{\"digits\":\"1\"}]}")
                .post("/simulator/callers").then().statusCode(400);
        given().contentType("application/json").body("{not json").post("/simulator/callers").then().statusCode(400);
        given().contentType("application/json").body("{\"type\":\"fax\",\"value\":\"1\"}").put("/simulator/endpoints")
                .then().statusCode(400).contentType(containsString("problem+json"));
        given().contentType("application/json").body("{\"type\":\"phone\",\"value\":\"1\",\"behaviour\":\"dance\"}")
                .put("/simulator/endpoints").then().statusCode(400);
        given().contentType("application/json").body("{\"timeFactor\":0}").put("/simulator/settings").then().statusCode(400);
        given().contentType("application/json").body("{\"status\":418,\"seconds\":1}").put("/simulator/fault").then().statusCode(400);
        given().get("/simulator/calls/nope/transcript").then().statusCode(404).contentType(containsString("problem+json"));
        given().contentType("application/json").body("{\"digits\":\"x\"}").post("/simulator/calls/nope/dtmf").then().statusCode(400);
        given().contentType("application/json").body("{\"digits\":\"1\"}").post("/simulator/calls/nope/dtmf").then().statusCode(404);
        SimulatorException ex = org.junit.jupiter.api.Assertions.assertThrows(SimulatorException.class,
                () -> simulator.answer("nope"));
        assertEquals(404, ex.status());
    }

    @Test
    void timeFactorIsAdjustableAndTheTranscriptListsEverything() {
        Settings before = simulator.settings();
        assertEquals(SimulatorTestResource.TIME_FACTOR, before.timeFactor());
        try {
            simulator.timeFactor(100);
            String callId = simulator.dial("447700900501", CallerStep.hangupAt(30)).callId();
            long start = System.currentTimeMillis();
            await(event(callId, "completed"), 1);
            assertTrue(System.currentTimeMillis() - start < 5000, "30 simulated seconds took well under 5 real seconds");
        } finally {
            simulator.timeFactor(SimulatorTestResource.TIME_FACTOR);
        }
        given().get("/simulator/transcript").then().statusCode(200).body("size()", org.hamcrest.Matchers.greaterThan(5));
        given().get("/simulator/calls").then().statusCode(200).body("[0].from", equalTo("447700900501"));
    }

    @Test
    void liveEventsStreamOverSse() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(
                URI.create(simulatorUrl.toString() + "simulator/stream")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        CompletableFuture<String> firstData = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data:") && line.contains("447700900502")) {
                        return line;
                    }
                }
                return null;
            } catch (Exception e) {
                return null;
            }
        });
        sleep(Duration.ofMillis(200));
        simulator.dial("447700900502", CallerStep.hangupAt(1));
        String data = firstData.get(10, TimeUnit.SECONDS);
        assertTrue(data.contains("\"type\":\"leg-status\""), data);
    }

    @Test
    void theSoftphonePageIsServed() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("EventSource"), containsString("/simulator/callers"));
    }
}
