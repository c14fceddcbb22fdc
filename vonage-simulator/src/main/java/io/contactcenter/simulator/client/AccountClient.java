package io.contactcenter.simulator.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactcenter.simulator.client.SimulatorClient.SimulatorException;

/**
 * The simulated account for tests: its applications, owned numbers and users, and the failure switch. Plain JDK
 * {@link HttpClient} and Jackson. Thread-safe.
 */
public final class AccountClient {

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public AccountClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** {@code {"applications":[…],"numbers":[…],"failures":[…]}} with Vonage's JSON for applications and numbers. */
    public JsonNode account() {
        return send("GET", "/simulator/account", null);
    }

    /** Forgets created applications, bought numbers (the initial number stays), users and injected failures. */
    public void reset() {
        send("POST", "/simulator/account/reset", null);
    }

    /** The next {@code count} requests of {@code method path} fail with {@code status}. */
    public void failNext(String method, String path, int status, int count) {
        send("PUT", "/simulator/failures", new FailureSwitch(method, path, status, count));
    }

    public void clearFailures() {
        send("DELETE", "/simulator/failures", null);
    }

    private JsonNode send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new SimulatorException(response.statusCode(), response.body());
            }
            return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("simulator unreachable at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
