package io.contactcenter.survey.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Vonage Voice API as an HTTP stub on random ports: a default host ({@code VONAGE_API_BASE_URL}) and a
 * "regional" host (a call's {@code region_url}). It records every request with whether its bearer token is an
 * RS256 JWT of our application signed with the application's private key, and answers with the statuses
 * queued for a leg (default 204).
 */
public final class VonageStub {

    public static final String APPLICATION_ID = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the stub saw it. */
    public record Request(String host, String method, String path, String authorization, boolean jwtValid,
            JsonNode body, int answeredWith) {
    }

    private final KeyPair keys;
    private final HttpServer defaultHost;
    private final HttpServer regionalHost;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> queuedStatuses = new ConcurrentHashMap<>();

    VonageStub() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        defaultHost = server("default");
        regionalHost = server("regional");
    }

    public String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    public String defaultUrl() {
        return "http://127.0.0.1:" + defaultHost.getAddress().getPort();
    }

    public String regionalUrl() {
        return "http://127.0.0.1:" + regionalHost.getAddress().getPort();
    }

    /** The next transfers of {@code legId} are answered with these statuses, in order; then 204. */
    public void answer(String legId, Integer... statuses) {
        queuedStatuses.computeIfAbsent(legId, id -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    public List<Request> requestsFor(String legId) {
        return requests.stream().filter(r -> r.path().equals("/v1/calls/" + legId)).toList();
    }

    private HttpServer server(String name) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] raw = exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
                String leg = path.startsWith("/v1/calls/") ? path.substring("/v1/calls/".length()) : "";
                Deque<Integer> queue = queuedStatuses.get(leg);
                Integer queued;
                synchronized (this) {
                    queued = queue == null ? null : queue.poll();
                }
                int status = queued == null ? 204 : queued;
                requests.add(new Request(name, exchange.getRequestMethod(), path, auth, validJwt(auth), body, status));
                if (status == 204) {
                    exchange.sendResponseHeaders(204, -1);
                } else {
                    byte[] problem = ("{\"type\":\"https://developer.nexmo.com/api-errors#x\",\"title\":\"stub " + status
                            + "\",\"detail\":\"stubbed\"}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, problem.length);
                    exchange.getResponseBody().write(problem);
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        server.start();
        return server;
    }

    private boolean validJwt(String authorization) {
        try {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return false;
            }
            String[] parts = authorization.substring(7).split("\\.");
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(keys.getPublic());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return "RS256".equals(header.path("alg").asText())
                    && APPLICATION_ID.equals(claims.path("application_id").asText())
                    && signature.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (Exception e) {
            return false;
        }
    }
}
