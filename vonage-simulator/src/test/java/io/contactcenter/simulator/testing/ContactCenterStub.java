package io.contactcenter.simulator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A tiny contact center in a JDK HttpServer: receives the simulator's webhooks and answers as told. */
public final class ContactCenterStub {

    public record Received(String method, String path, Map<String, String> query, String body, JsonNode json,
                           String authorization, long atMillis) {

        public String field(String name) {
            if (json != null && json.has(name)) {
                JsonNode v = json.get(name);
                return v.isNull() ? null : v.asText();
            }
            return query.get(name);
        }
    }

    public record Reply(int status, String body) {
        public static Reply json(String body) {
            return new Reply(200, body);
        }

        public static Reply empty(int status) {
            return new Reply(status, "");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Received, Reply>> handlers = new ConcurrentHashMap<>();

    public ContactCenterStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void on(String path, Function<Received, Reply> handler) {
        handlers.put(path, handler);
    }

    public void clearHandlers() {
        handlers.clear();
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<Received> received(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    /** Every request about a leg (uuid, call_uuid, or the query parameter call). */
    public List<Received> about(String legId) {
        return received(r -> legId.equals(r.field("uuid")) || legId.equals(r.field("call_uuid")));
    }

    public void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> query = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            JsonNode json = null;
            if (!body.isBlank()) {
                try {
                    json = JSON.readTree(body);
                } catch (Exception ignored) {
                    // kept as text
                }
            }
            Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query, body, json,
                    exchange.getRequestHeaders().getFirst("Authorization"), System.currentTimeMillis());
            received.add(r);
            Function<Received, Reply> handler = handlers.get(r.path());
            Reply reply = handler == null ? Reply.empty(204) : handler.apply(r);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }
}
