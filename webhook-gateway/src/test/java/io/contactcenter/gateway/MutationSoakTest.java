package io.contactcenter.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.support.webhook.WebhookUrls;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Soak of the edge: at least 10,000 webhooks mutated from valid signed ones (bit flips, truncations, re-signed
 * tampered bodies and URLs, a used token on another request, oversized and mistyped fields, other applications' and
 * stale tokens) against the running gateway. Asserts no 5xx, every mutant refused with a 4xx, nothing from them on
 * the topics, and the heap (used after a full GC) flat. Prints its figures (docs/testing.md quotes them).
 *
 * <p>First the originals are sent once (accepted, published: their tokens are now "used"), then only mutants. A
 * mutant that is still the original request with a token Vonage could have sent for it (its own token read the same
 * way, e.g. {@code bearer} in lower case or a flip in the unused low bits of the signature's last base64 character,
 * or a fresh valid token of ours when the mutation happened to change nothing else) is not a forgery: it is not
 * sent, and counted.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(DirectoryStub.class)
class MutationSoakTest {

    static final int ORIGINALS = 400;
    static final int MUTANTS = 10_000;
    static final int CLIENTS = 4;
    static final String REGION = "https://api-us-3.vonage.com";
    static final String WRONG_SECRET = "not-the-signature-secret-0123456789abcdef";
    static final WebhookUrls WRONG_KEY = new WebhookUrls("", "not-our-webhook-signing-key-0123456789abcdef");

    @TestHTTPResource("/")
    URI gateway;

    private final AtomicInteger reconnects = new AtomicInteger();
    private final AtomicInteger identical = new AtomicInteger();
    private final AtomicInteger unsendable = new AtomicInteger();

    /** A webhook as sent: method, path with query, Authorization header (may be null), body. */
    record Request(String method, String pathAndQuery, String authorization, byte[] body) {

        Request with(String newPathAndQuery, String newAuthorization, byte[] newBody) {
            return new Request(method, newPathAndQuery, newAuthorization, newBody);
        }

        boolean isGet() {
            return "GET".equals(method);
        }

        String path() {
            int q = pathAndQuery.indexOf('?');
            return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        }
    }

    /** One valid webhook and the facts its mutants are built from. */
    record Original(Request request, String uuid, String kind, String body) {
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String signed(String body) {
        return VonageSigner.bearer(body);
    }

    static Original original(String uuid, int i) {
        switch (i % 4) {
            case 0 -> {
                String query = "uuid=" + uuid + "&conversation_uuid=CON-" + uuid + "&from=447700900001&to=447700900100"
                        + "&region_url=" + enc(REGION);
                return new Original(new Request("GET", "/webhooks/answer?" + query, signed(""), new byte[0]), uuid,
                        "answer", "");
            }
            case 1 -> {
                String body = MenuInputWebhookTest.input(uuid, "{\"digits\":\"1\",\"timed_out\":false}");
                return new Original(new Request("POST", Webhooks.url("/webhooks/input", "attempt", "1", "region", REGION),
                        signed(body), utf8(body)), uuid, "input", body);
            }
            case 2 -> {
                String body = EdgeSecurityTest.agentEvent("leg-" + uuid);
                return new Original(new Request("POST", Webhooks.url("/webhooks/event", "call", uuid, "agent", "a-1",
                        "region", REGION), signed(body), utf8(body)), uuid, "event", body);
            }
            default -> {
                String body = SurveyWebhookTest.input(uuid, "{\"digits\":\"4\",\"timed_out\":false}");
                return new Original(new Request("POST", Webhooks.url("/webhooks/survey", "attempt", "2"), signed(body),
                        utf8(body)), uuid, "survey", body);
            }
        }
    }

    /** The mutations, each from an original (and, for replays, any other original of the same kind). */
    final Map<String, BiFunction<Original, Random, Request>> mutations = new TreeMap<>(Map.ofEntries(
            Map.entry("bit flip: body or GET query", (o, r) -> o.request().isGet()
                    ? o.request().with(flipInQuery(o.request().pathAndQuery(), r), o.request().authorization(), o.request().body())
                    : o.request().with(o.request().pathAndQuery(), o.request().authorization(), flip(o.request().body(), r))),
            Map.entry("bit flip: URL", (o, r) -> o.request().with(flipInQuery(o.request().pathAndQuery(), r),
                    o.request().authorization(), o.request().body())),
            Map.entry("bit flip: token", (o, r) -> o.request().with(o.request().pathAndQuery(),
                    flipPrintable(o.request().authorization(), r), o.request().body())),
            Map.entry("truncated: body or URL", (o, r) -> o.request().isGet() || o.request().body().length == 0
                    ? o.request().with(truncate(o.request().pathAndQuery(), r), o.request().authorization(), o.request().body())
                    : o.request().with(o.request().pathAndQuery(), o.request().authorization(),
                            Arrays.copyOf(o.request().body(), r.nextInt(o.request().body().length)))),
            Map.entry("truncated: token", (o, r) -> o.request().with(o.request().pathAndQuery(),
                    truncate(o.request().authorization(), r), o.request().body())),
            Map.entry("re-signed tampered body (wrong secret)", (o, r) -> {
                String body = tampered(o, r);
                return o.request().isGet()
                        ? o.request().with(o.request().pathAndQuery().replace(o.uuid(), "forged-" + o.uuid()),
                                VonageSigner.bearer("", WRONG_SECRET, Instant.now()), o.request().body())
                        : o.request().with(o.request().pathAndQuery(), VonageSigner.bearer(body, WRONG_SECRET, Instant.now()),
                                utf8(body));
            }),
            Map.entry("tampered URL re-signed with a wrong key, genuine token", (o, r) -> o.request().isGet()
                    ? o.request().with(o.request().pathAndQuery().replace(enc(REGION), enc("https://evil.example")),
                            o.request().authorization(), o.request().body())
                    : o.request().with(WRONG_KEY.url(o.request().path(), Map.of("call", "forged-" + o.uuid(), "attempt", "1",
                            "region", "https://evil.example")), signed(o.body()), o.request().body())),
            Map.entry("tampered own parameter, genuine token", (o, r) -> o.request().isGet()
                    ? o.request().with(o.request().pathAndQuery() + "&region_url=" + enc("https://evil.example"),
                            o.request().authorization(), o.request().body())
                    : o.request().with(tamperedParameter(o.request().pathAndQuery(), r), signed(o.body()), o.request().body())),
            Map.entry("used token on another request", (o, r) -> o.request().isGet()
                    ? o.request().with(o.request().pathAndQuery().replace(o.uuid(), "other-" + o.uuid()),
                            o.request().authorization(), o.request().body())
                    : o.request().with(otherValidUrl(o), o.request().authorization(), o.request().body())),
            Map.entry("oversized field, genuine token", (o, r) -> {
                if (o.request().isGet()) {
                    return o.request().with(o.request().pathAndQuery().replace(o.uuid(), "u".repeat(300 + r.nextInt(3000))),
                            signed(""), o.request().body());
                }
                String body = r.nextBoolean()
                        ? o.body().replace(o.uuid(), "u".repeat(300 + r.nextInt(3000)))
                        : o.body().replace("\"to\":", "\"pad\":\"" + "p".repeat(65_536 + r.nextInt(100_000)) + "\",\"to\":");
                return o.request().with(o.request().pathAndQuery(), signed(body), utf8(body));
            }),
            Map.entry("mistyped field, genuine token", (o, r) -> {
                if (o.request().isGet()) {
                    return o.request().with(o.request().pathAndQuery().replace("uuid=" + o.uuid() + "&", ""), signed(""),
                            o.request().body());
                }
                String body = mistyped(o, r);
                return o.request().with(o.request().pathAndQuery(), signed(body), utf8(body));
            }),
            Map.entry("other application's token", (o, r) -> o.request().with(o.request().pathAndQuery(),
                    VonageSigner.bearer(o.body(), VonageSigner.SECRET, Instant.now(), "ffffffff-0000-0000-0000-" + r.nextInt(1000)),
                    o.request().body())),
            Map.entry("stale or future token", (o, r) -> o.request().with(o.request().pathAndQuery(),
                    VonageSigner.bearer(o.body(), VonageSigner.SECRET,
                            Instant.now().plusSeconds(r.nextBoolean() ? -(301 + r.nextInt(3600)) : 30 + r.nextInt(3600))),
                    o.request().body())),
            Map.entry("unsigned, garbage or alg none", (o, r) -> o.request().with(o.request().pathAndQuery(), switch (r.nextInt(3)) {
                case 0 -> null;
                case 1 -> "Bearer " + Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("x".repeat(r.nextInt(200))));
                default -> "Bearer " + JWT.create().withIssuedAt(Instant.now()).withJWTId(UUID.randomUUID().toString())
                        .withClaim("payload_hash", VonageSigner.sha256(o.body()))
                        .withClaim("application_id", VonageSigner.APPLICATION_ID).sign(Algorithm.none());
            }, o.request().body()))));

    @Test
    void tenThousandMutatedWebhooksAreAllRefusedWithoutSideEffectsOrHeapGrowth() throws Exception {
        DirectoryStub.reset();
        // the menu of the directory stub is known (sales on 1), so that every input original is routed
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> io.restassured.RestAssured.given()
                .header("Authorization", VonageSigner.bearer("")).get("/webhooks/answer?uuid=" + UUID.randomUUID())
                .asString().contains("press 1"));
        String run = "soak-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<Original> originals = new ArrayList<>();
        for (int i = 0; i < ORIGINALS; i++) {
            originals.add(original(run + i, i));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        try (TopicWatcher callEvents = new TopicWatcher(Topics.CALL_EVENTS);
                TopicWatcher routeRequests = new TopicWatcher(Topics.ROUTE_REQUESTS)) {
            for (Original o : originals) {
                int status = send(http, o.request());
                assertTrue(status == 200 || status == 204, o.kind() + " original gave " + status);
            }
            // one call event per original, one route request per input original (some may come after the answer:
            // the caller was sent to degraded mode, the producer still delivers it)
            assertEquals(ORIGINALS, callEvents.atLeast(ORIGINALS, Duration.ofSeconds(60)), "the originals' call events");
            assertEquals(ORIGINALS / 4, routeRequests.atLeast(ORIGINALS / 4, Duration.ofSeconds(60)), "their route requests");
            int publishedEvents = callEvents.quiet(Duration.ofSeconds(2)).size();
            int publishedRoutes = routeRequests.quiet(Duration.ofSeconds(2)).size();
            assertEquals(ORIGINALS + ORIGINALS / 4, publishedEvents + publishedRoutes, "nothing else than the originals");

            List<Long> heap = new ArrayList<>();
            heap.add(usedHeapAfterGc());
            Map<String, Map<Integer, AtomicInteger>> statuses = new ConcurrentHashMap<>();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            long started = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            int batch = MUTANTS / 4;
            for (int part = 0; part < 4; part++) {
                List<Future<?>> sent = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    long seed = part * 1000L + c;
                    sent.add(clients.submit(() -> {
                        Random random = new Random(seed);
                        List<String> names = new ArrayList<>(mutations.keySet());
                        for (int n = 0; n < batch / CLIENTS; n++) {
                            Original o = originals.get(random.nextInt(originals.size()));
                            String name = names.get(n % names.size());
                            Request mutant = mutant(o, name, random);
                            int status = send(http, mutant);
                            statuses.computeIfAbsent(name, k -> new ConcurrentHashMap<>())
                                    .computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                            if (status < 400 || status >= 500) {
                                failures.add(name + " → " + status + ": " + mutant.method() + " " + mutant.pathAndQuery()
                                        + " " + new String(mutant.body(), StandardCharsets.UTF_8));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
                heap.add(usedHeapAfterGc());
            }
            clients.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;
            List<String> fromMutants = new ArrayList<>();
            for (TopicWatcher topic : List.of(callEvents, routeRequests)) {
                topic.quiet(Duration.ofSeconds(2)).stream().skip(topic == callEvents ? publishedEvents : publishedRoutes)
                        .forEach(record -> fromMutants.add(record.topic() + " " + record.value()));
            }
            int forged = fromMutants.size();

            int total = statuses.values().stream().flatMap(m -> m.values().stream()).mapToInt(AtomicInteger::get).sum();
            StringBuilder report = new StringBuilder(String.format(
                    "%nSOAK: %d mutants of %d originals in %.1f s (%.0f/s, %d clients); not sent: %d that were still the"
                            + " original request with a valid token of ours, %d no HTTP client can send; %d re-sent on a"
                            + " new connection after the server closed one%n",
                    total, ORIGINALS, seconds, total / seconds, CLIENTS, identical.get(), unsendable.get(), reconnects.get()));
            statuses.forEach((name, byStatus) -> report.append(String.format("SOAK:   %-55s %s%n", name, new TreeMap<>(byStatus))));
            report.append(String.format("SOAK: records from mutants on call-events + route-requests: %d%n", forged));
            report.append(String.format("SOAK: used heap after GC (MiB), before and after each 2,500: %s%n",
                    heap.stream().map(b -> String.format("%.1f", b / 1048576.0)).toList()));
            System.out.println(report);

            assertEquals(List.of(), failures.stream().limit(20).toList(), "every mutant refused with a 4xx");
            assertTrue(total >= MUTANTS, "sent " + total);
            assertEquals(List.of(), fromMutants.stream().limit(5).toList(), "nothing from a mutant reached Kafka");
            long growth = heap.get(heap.size() - 1) - heap.get(0);
            assertTrue(growth < 16L * 1024 * 1024, "heap flat: grew " + growth / 1024 + " KiB");
        }
    }

    /**
     * A mutant of {@code o} that is a forgery: not the original request with a token Vonage could have sent for it
     * (those are counted and re-drawn), and sendable by an HTTP client.
     */
    private Request mutant(Original o, String name, Random random) {
        while (true) {
            Request mutant = mutations.get(name).apply(o, random);
            if (!sendable(mutant)) {
                unsendable.incrementAndGet();
            } else if (sameRequest(mutant, o.request()) && (sameToken(mutant, o.request()) || genuine(mutant.authorization()))) {
                identical.incrementAndGet();
            } else {
                return mutant;
            }
        }
    }

    private int send(HttpClient http, Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + gateway.getAuthority() + request.pathAndQuery()))
                .timeout(Duration.ofSeconds(30));
        if (request.authorization() != null) {
            builder.header("Authorization", request.authorization());
        }
        if (request.isGet()) {
            builder.GET();
        } else {
            builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        }
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException closed) {
            // the server closes a connection after refusing a request line over its limit (414); the client may have
            // pooled it already: the request never reached the gateway, so it is sent again, as any client would
            reconnects.incrementAndGet();
            try {
                return http.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new AssertionError("cannot send " + request.pathAndQuery(), e);
            }
        } catch (Exception e) {
            throw new AssertionError("cannot send " + request.pathAndQuery(), e);
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // ---- mutations

    static byte[] flip(byte[] bytes, Random random) {
        byte[] copy = bytes.clone();
        int i = random.nextInt(copy.length);
        copy[i] ^= (byte) (1 << random.nextInt(8));
        return copy;
    }

    /** A bit flip in one character that stays a printable ASCII character (header values and URLs must). */
    static String flipPrintable(String text, Random random) {
        while (true) {
            char[] chars = text.toCharArray();
            int i = random.nextInt(chars.length);
            char flipped = (char) (chars[i] ^ (1 << random.nextInt(7)));
            if (flipped > 0x20 && flipped < 0x7f) {
                chars[i] = flipped;
                return new String(chars);
            }
        }
    }

    static String flipInQuery(String pathAndQuery, Random random) {
        int q = pathAndQuery.indexOf('?');
        return pathAndQuery.substring(0, q + 1) + flipPrintable(pathAndQuery.substring(q + 1), random);
    }

    static String truncate(String text, Random random) {
        return text.substring(0, random.nextInt(text.length()));
    }

    /** Another fact of the body: the digit, the call, the status. */
    static String tampered(Original o, Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> o.body().replace("\"digits\":\"1\"", "\"digits\":\"2\"").replace("\"digits\":\"4\"", "\"digits\":\"5\"")
                    .replace("answered", "completed");
            case 1 -> o.body().replace(o.uuid(), "forged-" + o.uuid());
            default -> o.body().replace("447700900", "447700901");
        };
    }

    /** One of our parameters changed, added or removed, keeping the (now wrong) signature. */
    static String tamperedParameter(String pathAndQuery, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> pathAndQuery.contains("agent=a-1") ? pathAndQuery.replace("agent=a-1", "agent=a-2")
                    : pathAndQuery.contains("attempt=1") ? pathAndQuery.replace("attempt=1", "attempt=2")
                    : pathAndQuery.replace("attempt=2", "attempt=1");
            case 1 -> pathAndQuery.replace(enc(REGION), enc("https://evil.example"));
            case 2 -> pathAndQuery + "&from=447700900001";
            default -> pathAndQuery.replaceFirst("[?&]sig=[^&]*", "");
        };
    }

    static String mistyped(Original o, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> o.body().replaceFirst("\"uuid\":\"[^\"]*\"", "\"uuid\":" + random.nextInt());
            case 1 -> o.body().replace("\"timestamp\":\"", "\"timestamp\":\"yesterday ");
            case 2 -> o.body().replace("\"conversation_uuid\":\"", "\"conversation_uuid\":42,\"c\":\"");
            default -> o.body().contains("\"status\"") ? o.body().replace("\"status\":\"answered\"", "\"status\":7")
                    : o.body().replace("\"timed_out\":false", "\"timed_out\":\"maybe\"");
        };
    }

    /** A validly signed URL of ours to the same endpoint, other than the original's. */
    static String otherValidUrl(Original o) {
        return Webhooks.url(o.request().path(), "call", "other-" + o.uuid(), "attempt", "1");
    }

    static boolean sameRequest(Request mutant, Request original) {
        return mutant.pathAndQuery().equals(original.pathAndQuery()) && Arrays.equals(mutant.body(), original.body());
    }

    /** A token as Vonage would send it to us: our secret, our application (or none named), fresh. */
    static boolean genuine(String authorization) {
        String[] parts = tokenParts(authorization);
        if (parts == null) {
            return false;
        }
        try {
            var token = JWT.require(Algorithm.HMAC256(VonageSigner.SECRET)).ignoreIssuedAt().build()
                    .verify(String.join(".", parts));
            String application = token.getClaim("application_id").asString();
            Instant issued = token.getIssuedAtAsInstant();
            return (token.getClaim("application_id").isMissing() || VonageSigner.APPLICATION_ID.equals(application))
                    && issued != null && issued.isAfter(Instant.now().minusSeconds(300))
                    && issued.isBefore(Instant.now().plusSeconds(10));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether two requests carry the same token, as the gateway reads it (e.g. {@code bearer} in lower case). */
    static boolean sameToken(Request mutant, Request original) {
        String[] a = tokenParts(mutant.authorization());
        String[] b = tokenParts(original.authorization());
        if (a == null || b == null) {
            return false;
        }
        try {
            return a[0].equals(b[0]) && a[1].equals(b[1])
                    && Arrays.equals(Base64.getUrlDecoder().decode(a[2]), Base64.getUrlDecoder().decode(b[2]));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String[] tokenParts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String[] parts = authorization.substring(7).trim().split("\\.", -1);
        return parts.length == 3 ? parts : null;
    }

    private static boolean sendable(Request request) {
        try {
            URI.create("http://127.0.0.1" + request.pathAndQuery());
            return request.authorization() == null || request.authorization().chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
