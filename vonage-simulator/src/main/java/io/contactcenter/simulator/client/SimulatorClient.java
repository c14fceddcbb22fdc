package io.contactcenter.simulator.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small client of the simulator's API for tests: plain JDK {@link HttpClient} and Jackson, no framework.
 * Thread-safe.
 */
public final class SimulatorClient {

    /** The simulator answered with an error status. */
    public static final class SimulatorException extends RuntimeException {
        private final int status;

        public SimulatorException(int status, String body) {
            super("simulator answered " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json;

    public SimulatorClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** A caller dials; the returned call id is the uuid of the inbound leg. */
    public DialResponse dial(DialRequest request) {
        return send("POST", "/simulator/callers", request, new TypeReference<>() { });
    }

    public DialResponse dial(String from, CallerStep... steps) {
        return dial(DialRequest.phone(from, steps));
    }

    /** A phone caller dials, the call landing in the named region. */
    public DialResponse dialInRegion(String region, String from, CallerStep... steps) {
        return dial(DialRequest.phoneInRegion(region, from, steps));
    }

    /** The simulated regions and the placement rule. */
    public RegionSettings regions() {
        return send("GET", "/simulator/regions", null, new TypeReference<>() { });
    }

    /** Replaces the simulated regions (an empty list: one region, no affinity checks); reset restores the configured ones. */
    public RegionSettings regions(RegionSettings settings) {
        return send("PUT", "/simulator/regions", settings, new TypeReference<>() { });
    }

    public RegionSettings regions(String placement, Region... regions) {
        return regions(new RegionSettings(List.of(regions), placement));
    }

    /** The region the leg lives in (null in single-region mode). */
    public String regionOf(String legId) {
        return call(legId).region();
    }

    /** Whether the leg shared a conversation name with legs of another region (they could not hear each other). */
    public boolean isSplit(String legId) {
        return call(legId).split();
    }

    /** Everything the simulator recorded since its start or last reset, in order (every call, every REST request). */
    public List<TranscriptEntry> transcript() {
        return send("GET", "/simulator/transcript", null, new TypeReference<>() { });
    }

    public void press(String legId, String digits) {
        send("POST", "/simulator/calls/" + enc(legId) + "/dtmf", Map.of("digits", digits), null);
    }

    public void hangup(String legId) {
        send("POST", "/simulator/calls/" + enc(legId) + "/hangup", null, null);
    }

    /** The person on the leg says {@code text}; returns the uuids of the legs that heard it. */
    public List<String> say(String legId, String text) {
        Map<String, List<String>> result = send("POST", "/simulator/calls/" + enc(legId) + "/say", Map.of("text", text),
                new TypeReference<>() { });
        return result.get("heardBy");
    }

    /** What the person on the leg heard other legs say, in order. */
    public List<Speech> heard(String legId) {
        return send("GET", "/simulator/calls/" + enc(legId) + "/heard", null, new TypeReference<>() { });
    }

    /** The texts the leg heard {@code fromLeg} say. */
    public List<String> heardFrom(String legId, String fromLeg) {
        return heard(legId).stream().filter(s -> s.from().equals(fromLeg)).map(Speech::text).toList();
    }

    public void answer(String legId) {
        send("POST", "/simulator/calls/" + enc(legId) + "/answer", null, null);
    }

    public void reject(String legId) {
        send("POST", "/simulator/calls/" + enc(legId) + "/reject", null, null);
    }

    public AgentEndpoint register(AgentEndpoint endpoint) {
        return send("PUT", "/simulator/endpoints", endpoint, new TypeReference<>() { });
    }

    public List<AgentEndpoint> endpoints() {
        return send("GET", "/simulator/endpoints", null, new TypeReference<>() { });
    }

    public List<LegView> calls() {
        return send("GET", "/simulator/calls", null, new TypeReference<>() { });
    }

    public LegView call(String legId) {
        return send("GET", "/simulator/calls/" + enc(legId), null, new TypeReference<>() { });
    }

    public List<TranscriptEntry> transcript(String callId) {
        return send("GET", "/simulator/calls/" + enc(callId) + "/transcript", null, new TypeReference<>() { });
    }

    /** Polls the transcript until {@code until} holds, or fails after {@code timeout}. */
    public List<TranscriptEntry> awaitTranscript(String callId, Predicate<List<TranscriptEntry>> until, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<TranscriptEntry> entries = transcript(callId);
            if (until.test(entries)) {
                return entries;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("transcript of " + callId + " did not reach the expected state in " + timeout
                        + "; it is:\n" + String.join("\n", entries.stream().map(e -> e.type() + " " + e.text()).toList()));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits until the leg has one of the given statuses. */
    public LegView awaitStatus(String legId, Duration timeout, String... statuses) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            LegView leg = call(legId);
            if (List.of(statuses).contains(leg.status())) {
                return leg;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("leg " + legId + " is " + leg.status() + ", expected " + List.of(statuses));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public Settings settings() {
        return send("GET", "/simulator/settings", null, new TypeReference<>() { });
    }

    public Settings settings(Settings changes) {
        return send("PUT", "/simulator/settings", changes, new TypeReference<>() { });
    }

    public void timeFactor(double factor) {
        settings(new Settings(factor, null, null, null));
    }

    public void fault(int status, double seconds) {
        send("PUT", "/simulator/fault", new Fault(status, seconds), null);
    }

    public void clearFault() {
        send("DELETE", "/simulator/fault", null, null);
    }

    public void reset() {
        send("POST", "/simulator/reset", null, null);
    }

    private <T> T send(String method, String path, Object body, TypeReference<T> type) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json");
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new SimulatorException(response.statusCode(), response.body());
            }
            return type == null || response.body().isEmpty() ? null : json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the simulator at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
