package io.contactcenter.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.ServiceProcess;
import io.contactcenter.infra.StoppableKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway as Kubernetes runs it, stopped with SIGTERM: with Kafka unreachable it is ready at once,
 * serves the menu and stops within its configured shutdown budget; under a steady stream of webhooks every request
 * it accepted is answered in full (the others are refused at connect).
 */
class ShutdownIT {

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** {@code quarkus.shutdown.delay} + {@code quarkus.shutdown.timeout} of application.properties. */
    static Duration shutdownBudget() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return seconds(properties.getProperty("quarkus.shutdown.delay"))
                .plus(seconds(properties.getProperty("quarkus.shutdown.timeout")));
    }

    private static Duration seconds(String value) {
        return Duration.ofSeconds(Long.parseLong(value.strip().replace("s", "")));
    }

    static Map<String, String> environment(String kafka, String directory) throws IOException {
        Map<String, String> env = ProdProfileIT.environment(0);
        env.remove("QUARKUS_HTTP_PORT"); // ServiceProcess picks the port
        // ServiceProcess runs the jar in its own folder
        env.put("DIRECTORY_SERVICE_KEY", Path.of(env.get("DIRECTORY_SERVICE_KEY")).toAbsolutePath().toString());
        env.put("VONAGE_SIGNATURE_SECRET", VonageSigner.SECRET);
        env.put("VONAGE_APPLICATION_ID", VonageSigner.APPLICATION_ID);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("DIRECTORY_URL", directory);
        env.put("GATEWAY_FALLBACK_MENU", "1:sales:Sales,2:support:Support");
        // a journal of its own: nothing left over from an earlier run is sent to this broker
        env.put("GATEWAY_BUFFER_DIR", Files.createTempDirectory(Path.of("target").toAbsolutePath(), "gateway-buffer")
                .toString());
        return env;
    }

    @Test
    void withKafkaUnreachableReadyAtOnceServesTheMenuAndStopsInTime() throws Exception {
        // a broker and a directory that were never there
        Map<String, String> env = environment("127.0.0.1:" + ServiceProcess.freePort(),
                "http://127.0.0.1:" + ServiceProcess.freePort());
        try (ServiceProcess gateway = ServiceProcess.start(ProdProfileIT.JAR, env, log("kafka-unreachable"), BOOT)) {
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                HttpResponse<String> ready = get(gateway.url() + "/q/health/ready");
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(200, ready.statusCode(), ready.body());
                assertTrue(millis < 1000, "readiness answered after " + millis + " ms");
                System.out.printf("SHUTDOWN readiness with Kafka unreachable: %d in %d ms%n", ready.statusCode(), millis);
            }
            HttpResponse<String> dependencies = get(gateway.url() + "/q/health/group/dependencies");
            assertEquals(503, dependencies.statusCode(), dependencies.body());
            assertTrue(dependencies.body().replaceAll("\\s", "").contains("\"name\":\"kafka\",\"status\":\"DOWN\""),
                    dependencies.body());
            Answer answer = answer(gateway.url(), UUID.randomUUID().toString());
            assertEquals(200, answer.status(), answer.text());
            assertTrue(answer.text().contains("For Sales press 1, for Support press 2."), answer.text());
            assertTrue(get(gateway.url() + "/q/metrics").body().contains("gateway_dependency_up{dependency=\"kafka\"} 0.0"));
            // as in a real outage: the answer's CallEvent waits in the journal for a re-send when the stop comes
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    get(gateway.url() + "/q/metrics").body().contains("gateway_buffer_events 1.0"));

            Duration stopped = terminate(gateway.pid(), shutdownBudget());
            System.out.printf("SHUTDOWN gateway with Kafka unreachable stopped %d ms after SIGTERM (budget %s)%n",
                    stopped.toMillis(), shutdownBudget());
        }
    }

    /**
     * Eight clients send signed answer webhooks back to back, each on a new connection, before, during and after the
     * stop: four callers' (the menu, at once) and four in-app agents' calls (the gateway asks a directory that takes
     * {@link #DIRECTORY_MILLIS} to allow each, so some are always in flight). Each ends as a complete 200 with its NCCO,
     * a refused connection, or a connection closed before a single byte of an answer. The last is allowed only for a
     * webhook the gateway never read: the kernel had queued the connection, the gateway closed it unread (Kubernetes
     * sends no new connections then). A webhook it did read (its CallEvent reached Kafka, or the directory was asked
     * about it) must be answered in full, and every answered webhook's CallEvent is on Kafka.
     */
    @Test
    void aStoppingGatewayAnswersEveryWebhookItAccepted() throws Exception {
        Set<String> askedDirectory = ConcurrentHashMap.newKeySet();
        HttpServer directory = slowDirectory(askedDirectory);
        try (StoppableKafka kafka = StoppableKafka.start();
                TopicWatcher callEvents = new TopicWatcher(Topics.CALL_EVENTS, kafka.bootstrapServers());
                ServiceProcess gateway = ServiceProcess.start(ProdProfileIT.JAR, environment(kafka.bootstrapServers(),
                        "http://127.0.0.1:" + directory.getAddress().getPort()), log("under-load"), BOOT)) {
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicLong sigterm = new AtomicLong(Long.MAX_VALUE);
            Map<Outcome, Set<String>> outcomes = new ConcurrentHashMap<>();
            Set<String> sentAfterSigterm = ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<String> broken = new ConcurrentLinkedQueue<>();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                boolean agentCall = c % 2 == 1;
                Thread client = new Thread(() -> {
                    while (sending.get()) {
                        String callId = UUID.randomUUID().toString();
                        if (System.nanoTime() > sigterm.get()) {
                            sentAfterSigterm.add(callId);
                        }
                        Outcome outcome;
                        try {
                            Answer answer = answer(gateway.url(), callId, agentCall);
                            outcome = answer.status() == 200 && answer.text().contains(agentCall ? "\"connect\"" : "For Sales")
                                    ? Outcome.ANSWERED : Outcome.BROKEN;
                            if (outcome == Outcome.BROKEN) {
                                broken.add(callId + ": " + answer.status() + " " + answer.text());
                            }
                        } catch (ConnectException notListening) {
                            outcome = Outcome.REFUSED;
                        } catch (Unanswered e) {
                            outcome = Outcome.CLOSED_UNREAD;
                        } catch (IOException e) {
                            outcome = Outcome.BROKEN;
                            broken.add(callId + ": " + e);
                        }
                        outcomes.computeIfAbsent(outcome, o -> ConcurrentHashMap.newKeySet()).add(callId);
                    }
                });
                client.start();
                clients.add(client);
            }
            // a steady stream of both kinds before the stop: menus answered and agents' calls in flight
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                    outcomes.getOrDefault(Outcome.ANSWERED, Set.of()).size() >= 20 && askedDirectory.size() >= 4);
            long stop = System.nanoTime();
            sigterm.set(stop);
            ProcessHandle.of(gateway.pid()).orElseThrow().destroy();
            // readiness DOWN at once, while the webhooks are still served (the shutdown delay)
            int ready = 200;
            while (ready == 200 && System.nanoTime() - stop < 1_000_000_000L) {
                try {
                    ready = get(gateway.url() + "/q/health/ready").statusCode();
                } catch (IOException gone) {
                    ready = -1;
                }
            }
            assertEquals(503, ready, "readiness DOWN within a second of SIGTERM, the gateway still serving (-1: gone)");
            Duration stopped = awaitExit(gateway.pid(), stop, shutdownBudget());
            // the clients go on until they are refused: nothing listens any more
            await("the load went on until the gateway was gone").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20)).until(() -> outcomes.containsKey(Outcome.REFUSED));
            sending.set(false);
            for (Thread client : clients) {
                client.join();
            }

            Set<String> read = callEvents.quiet(Duration.ofSeconds(3)).stream().map(r -> r.key())
                    .collect(Collectors.toCollection(HashSet::new));
            Set<String> answered = outcomes.getOrDefault(Outcome.ANSWERED, Set.of());
            Set<String> closedUnread = outcomes.getOrDefault(Outcome.CLOSED_UNREAD, Set.of());
            long answeredAfterSigterm = answered.stream().filter(sentAfterSigterm::contains).count();
            System.out.printf("SHUTDOWN under load: %d answered (%d sent after SIGTERM), %d refused, %d closed unread; "
                    + "stopped %d ms after SIGTERM%n", answered.size(), answeredAfterSigterm,
                    outcomes.getOrDefault(Outcome.REFUSED, Set.of()).size(), closedUnread.size(), stopped.toMillis());
            assertTrue(broken.isEmpty(), broken.size() + " cut off or not 200: " + broken.stream().limit(5).toList());
            assertEquals(Set.of(), answered.stream().filter(id -> !read.contains(id)).collect(Collectors.toSet()),
                    "answered, but its CallEvent never reached Kafka");
            read.addAll(askedDirectory);
            assertEquals(Set.of(), closedUnread.stream().filter(read::contains).collect(Collectors.toSet()),
                    "read by the gateway but not answered");
            assertTrue(answeredAfterSigterm > 0, "webhooks served during the shutdown delay");
        } finally {
            directory.stop(0);
        }
    }

    static final int DIRECTORY_MILLIS = 300;

    /** A directory with one department that allows every in-app agent's call after {@link #DIRECTORY_MILLIS}. */
    private static HttpServer slowDirectory(Set<String> askedAbout) throws IOException {
        HttpServer directory = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        directory.setExecutor(Executors.newCachedThreadPool());
        directory.createContext("/departments", exchange -> respond(exchange,
                "[{\"id\":\"d-sales\",\"digit\":1,\"name\":\"Sales\",\"spokenName\":\"Sales\"}]"));
        directory.createContext("/outbound-calls", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher callId = Pattern.compile("\"callId\":\"([^\"]+)\"").matcher(request);
            if (callId.find()) {
                askedAbout.add(callId.group(1));
            }
            try {
                Thread.sleep(DIRECTORY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, "{\"callId\":\"c\",\"agentId\":\"a-1\",\"to\":\"447700900555\"}");
        });
        directory.start();
        return directory;
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private enum Outcome { ANSWERED, REFUSED, CLOSED_UNREAD, BROKEN }

    /** The connection was closed or reset before a single byte of a response. */
    private static final class Unanswered extends IOException {
        Unanswered(Throwable cause) {
            super(cause);
        }
    }

    /** SIGTERM, then the time until the process is gone; fails (and kills it) beyond {@code budget}. */
    static Duration terminate(long pid, Duration budget) throws Exception {
        long start = System.nanoTime();
        ProcessHandle.of(pid).orElseThrow().destroy();
        return awaitExit(pid, start, budget);
    }

    private static Duration awaitExit(long pid, long sigterm, Duration budget) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid).orElse(null);
        if (process != null) {
            try {
                process.onExit().get(budget.toMillis() - (System.nanoTime() - sigterm) / 1_000_000, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                process.destroyForcibly();
                throw new AssertionError("still running " + budget + " after SIGTERM");
            }
        }
        return Duration.ofNanos(System.nanoTime() - sigterm);
    }

    private record Answer(int status, String text) {
    }

    /**
     * A signed answer webhook on a connection of its own (so a connection the gateway closes between requests cannot
     * be taken for a cut-off answer): the whole response, or an exception when it was cut off.
     */
    private static Answer answer(String baseUrl, String callId) throws IOException {
        return answer(baseUrl, callId, false);
    }

    /** @param agentCall an in-app agent's call to a phone number (the gateway asks the directory) or a caller's */
    private static Answer answer(String baseUrl, String callId, boolean agentCall) throws IOException {
        URI uri = URI.create(baseUrl);
        String body = "{\"uuid\":\"" + callId + "\",\"conversation_uuid\":\"CON-" + callId + "\","
                + (agentCall ? "\"from_user\":\"alice\",\"to\":\"447700900555\"}"
                        : "\"from\":\"447700900001\",\"to\":\"447700900100\"}");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
            socket.setSoTimeout(10_000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /webhooks/answer HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Type: application/json"
                        + "\r\nAuthorization: " + VonageSigner.bearer(body) + "\r\nContent-Length: " + bytes.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
            } catch (SocketException closed) {
                throw new Unanswered(closed);
            }
            return read(socket.getInputStream());
        }
    }

    /** Reads a Content-Length response to its last byte; a shorter one is an IOException. */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            if (all.size() == 0) {
                throw new Unanswered(reset);
            }
            throw new IOException("cut off after " + all.size() + " bytes", reset);
        }
        if (all.size() == 0) {
            throw new Unanswered(null);
        }
        String response = all.toString(StandardCharsets.UTF_8);
        int headEnd = response.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IOException("cut off before the end of the headers (" + all.size() + " bytes)");
        }
        String head = response.substring(0, headEnd);
        String text = response.substring(headEnd + 4);
        int length = head.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .mapToInt(l -> Integer.parseInt(l.substring(15).strip())).findFirst()
                .orElseThrow(() -> new IOException("no Content-Length: " + head));
        if (text.getBytes(StandardCharsets.UTF_8).length != length) {
            throw new IOException("cut off: " + text.length() + " of " + length + " bytes");
        }
        return new Answer(Integer.parseInt(head.substring(9, 12)), text);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path log(String name) throws IOException {
        Path log = Path.of("target", "shutdown-it-" + name + ".log");
        Files.deleteIfExists(log);
        return log;
    }
}
