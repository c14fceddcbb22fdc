package io.contactcenter.systemtests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.contactcenter.infra.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a Kubernetes Service (behind the ingress Vonage calls) is to the gateway's pods: one address in front of
 * several instances, forwarding each request to an instance whose {@code /q/health/ready} says UP. An instance that
 * is stopping turns not ready (the gateway's shutdown delay) and gets no new requests while it finishes those in
 * flight; one that was killed refuses connections and is skipped from the first refusal on. A probe that gets no
 * answer in time counts only from the third in a row, as a probe's {@code failureThreshold} (a busy machine is
 * slow, not down). A request that reached a killed instance, or found none ready, is answered {@code 502}/{@code 503}
 * as an ingress would: Vonage retries it.
 */
final class FrontProxy implements AutoCloseable {

    private static final Duration PROBE_EVERY = Duration.ofMillis(250);
    private static final int SILENT_PROBES_TO_DROP = 3;
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(30);
    /** Not forwarded either way: they describe one hop's connection, or the JDK client sets them itself. */
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "keep-alive", "transfer-encoding", "upgrade", "date");

    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("front-proxy"));
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(daemon("front-probe"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).executor(workers).build();
    /** Instance URL → ready (as last probed, or refused since). */
    private final Map<String, Boolean> instances = new ConcurrentHashMap<>();
    private final Map<String, Integer> silentProbes = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicInteger noneReady = new AtomicInteger();

    /** Listens on {@code port} of 127.0.0.1 (known before the instances start: their config names it). */
    FrontProxy(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        } catch (IOException e) {
            throw new IllegalStateException("front proxy cannot listen on " + port, e);
        }
        server.setExecutor(workers);
        server.createContext("/", this::forward);
        server.start();
        prober.scheduleWithFixedDelay(this::probeAll, 0, PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sends requests to this instance too once it is ready; again after a restart, probed at once. */
    void add(ServiceProcess instance) {
        instances.put(instance.url(), probe(instance.url()) == Probe.READY);
    }

    /** Sends nothing more to this instance (stopped for good). */
    void remove(ServiceProcess instance) {
        instances.remove(instance.url());
    }

    private enum Probe { READY, DOWN, SILENT }

    private void probeAll() {
        instances.replaceAll((url, ready) -> switch (probe(url)) {
            case READY -> {
                silentProbes.remove(url);
                yield true;
            }
            case DOWN -> {
                silentProbes.remove(url);
                yield false;
            }
            case SILENT -> ready && silentProbes.merge(url, 1, Integer::sum) < SILENT_PROBES_TO_DROP;
        });
    }

    private Probe probe(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(1))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? Probe.READY : Probe.DOWN;
        } catch (HttpTimeoutException slow) {
            return Probe.SILENT;
        } catch (IOException refused) {
            return Probe.DOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.DOWN;
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            List<String> ready = instances.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                    .sorted().toList();
            if (ready.isEmpty()) {
                noneReady.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String instance = ready.get(Math.floorMod(next.getAndIncrement(), ready.size()));
            URI uri = exchange.getRequestURI();
            String target = instance + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(FORWARD_TIMEOUT)
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (e instanceof ConnectException) {
                    instances.computeIfPresent(instance, (url, wasReady) -> false); // until a probe finds it ready
                }
                lost.incrementAndGet();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            forwarded.incrementAndGet();
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the proxy did since the last summary: a fault shows here as requests Vonage had to retry. */
    String summary() {
        return "front proxy: " + forwarded.getAndSet(0) + " requests answered by an instance, " + lost.getAndSet(0)
                + " answered 502 (instance refused or lost them), " + noneReady.getAndSet(0)
                + " answered 503 (none ready)";
    }

    @Override
    public void close() {
        prober.shutdownNow();
        server.stop(0);
        workers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
