package io.contactcenter.simulator.webhook;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactcenter.simulator.auth.WebhookSigner;
import io.contactcenter.simulator.config.SimulatorConfig;
import io.contactcenter.simulator.transcript.Transcript;

/**
 * Sends webhooks the way Vonage does: signed (HS256 JWT with payload_hash), answer as GET with query parameters,
 * events as POST JSON, retried on failure, status events of one leg in order (unless the chaos switches say
 * otherwise).
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    private static final long OUT_OF_ORDER_HOLD_MILLIS = 300;

    /** Where a webhook is going and for whom (transcript keys). */
    public record Target(String url, String method, String callId, String legId, String conversation) {
    }

    /** The result of a webhook whose response matters. */
    public record Outcome(boolean delivered, int status, String body, String failure) {
    }

    private final SimulatorConfig config;
    private final Transcript transcript;
    private final ObjectMapper json;
    private final WebhookSigner signer;
    private final HttpClient http;
    private final ExecutorService pool = Executors.newCachedThreadPool(daemon("sim-webhook"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("sim-webhook-timer"));
    private final Map<String, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    private volatile boolean duplicateEvents;
    private volatile boolean outOfOrderEvents;

    private record Held(Target target, Map<String, Object> payload, ScheduledFuture<?> flush) {
    }

    public WebhookSender(SimulatorConfig config, Transcript transcript, ObjectMapper json) {
        this.config = config;
        this.transcript = transcript;
        this.json = json;
        this.signer = new WebhookSigner(config.signatureSecret(), config.apiKey(), config.applicationId());
        // HTTP/1.1 like Vonage's webhook delivery: the JDK client would otherwise upgrade to HTTP/2 (h2c) and put
        // every webhook on one multiplexed connection, whose request bodies the gateway's workers read in turn
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(config.webhook().connectTimeoutMillis()))
                .executor(pool)
                .build();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        pool.shutdownNow();
    }

    public boolean duplicateEvents() {
        return duplicateEvents;
    }

    public boolean outOfOrderEvents() {
        return outOfOrderEvents;
    }

    public void chaos(boolean duplicate, boolean outOfOrder) {
        this.duplicateEvents = duplicate;
        this.outOfOrderEvents = outOfOrder;
    }

    /** Fire-and-forget status/transfer/record event; one leg's events leave in order unless chaos is on. */
    public void event(Target target, Map<String, Object> payload) {
        if (target.url() == null) {
            return;
        }
        if (!outOfOrderEvents) {
            enqueue(target, payload);
            return;
        }
        synchronized (held) {
            Held previous = held.remove(target.legId());
            if (previous != null) {
                previous.flush().cancel(false);
                enqueue(target, payload);
                enqueue(previous.target(), previous.payload());
            } else {
                ScheduledFuture<?> flush = timer.schedule(() -> flush(target.legId()), OUT_OF_ORDER_HOLD_MILLIS,
                        TimeUnit.MILLISECONDS);
                held.put(target.legId(), new Held(target, payload, flush));
            }
        }
    }

    private void flush(String legId) {
        synchronized (held) {
            Held h = held.remove(legId);
            if (h != null) {
                enqueue(h.target(), h.payload());
            }
        }
    }

    private void enqueue(Target target, Map<String, Object> payload) {
        int copies = duplicateEvents ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            chains.compute(target.legId() == null ? "" : target.legId(), (leg, chain) ->
                    (chain == null ? CompletableFuture.<Void>completedFuture(null) : chain)
                            .thenRunAsync(() -> deliver("event", target, payload, config.webhook().eventTimeoutMillis()), pool)
                            .exceptionally(e -> null));
        }
    }

    /** Waits (for tests and orderly shutdown) until the queued events of a leg are out. */
    public void drain(String legId) {
        CompletableFuture<Void> chain = chains.get(legId);
        if (chain != null) {
            chain.join();
        }
    }

    /**
     * A webhook whose response is an NCCO (answer, input, notify, synchronous connect event), tried
     * {@code attempts} times; the caller decides about fallback.
     */
    public Outcome request(String kind, Target target, Map<String, Object> payload) {
        return deliver(kind, target, payload, config.webhook().answerTimeoutMillis());
    }

    private Outcome deliver(String kind, Target target, Map<String, Object> payload, int timeoutMillis) {
        Outcome last = null;
        int attempts = Math.max(1, config.webhook().attempts());
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                try {
                    Thread.sleep(config.webhook().retryDelayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return last;
                }
            }
            last = once(kind, target, payload, timeoutMillis, attempt);
            if (last.delivered()) {
                return last;
            }
        }
        return last;
    }

    private Outcome once(String kind, Target target, Map<String, Object> payload, int timeoutMillis, int attempt) {
        boolean get = "GET".equalsIgnoreCase(target.method());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("kind", kind);
        record.put("method", get ? "GET" : "POST");
        record.put("url", target.url());
        record.put("attempt", attempt);
        record.put("request", payload);
        try {
            byte[] body = get ? new byte[0] : json.writeValueAsBytes(payload);
            URI uri = get ? withQuery(target.url(), payload) : URI.create(target.url());
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMillis(timeoutMillis))
                    .header("Authorization", "Bearer " + signer.sign(body))
                    .header("User-Agent", "vonage-simulator");
            if (get) {
                request.GET();
            } else {
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            record.put("status", response.statusCode());
            record.put("response", truncate(response.body()));
            boolean ok = response.statusCode() >= 200 && response.statusCode() < 300;
            transcript.add(Transcript.WEBHOOK, target.callId(), target.legId(), target.conversation(),
                    kind + " " + record.get("method") + " " + target.url() + " -> " + response.statusCode(), record);
            return new Outcome(ok, response.statusCode(), response.body(), ok ? null : "HTTP " + response.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(kind, target, record, "interrupted");
        } catch (Exception e) {
            String reason = e instanceof java.net.http.HttpTimeoutException ? "Timed out." : "Connection closed.";
            LOG.debugf("webhook %s %s failed: %s", kind, target.url(), e.toString());
            return failed(kind, target, record, reason);
        }
    }

    private Outcome failed(String kind, Target target, Map<String, Object> record, String reason) {
        record.put("error", reason);
        transcript.add(Transcript.WEBHOOK, target.callId(), target.legId(), target.conversation(),
                kind + " " + record.get("method") + " " + target.url() + " failed: " + reason, record);
        return new Outcome(false, 0, null, reason);
    }

    private URI withQuery(String url, Map<String, Object> payload) throws Exception {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, Object> e : payload.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String value = e.getValue() instanceof String s ? s : json.writeValueAsString(e.getValue());
            pairs.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        String query = String.join("&", pairs);
        return URI.create(url + (query.isEmpty() ? "" : (url.contains("?") ? "&" : "?") + query));
    }

    private static String truncate(String body) {
        return body == null || body.length() <= 4000 ? body : body.substring(0, 4000) + "...";
    }

    /** Parses an NCCO response body: a JSON array, or null when the body is empty/not an array. */
    public JsonNode nccoOf(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isArray() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    public SimulatorConfig config() {
        return config;
    }
}
