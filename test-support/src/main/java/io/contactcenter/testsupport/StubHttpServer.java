package io.contactcenter.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * An HTTP stub on a random port of 127.0.0.1, served by a few daemon threads (a stub never keeps a test JVM alive),
 * with the JSON helpers every stub needs.
 */
public final class StubHttpServer implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private StubHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server that hands every request to {@code handler}. */
    public static StubHttpServer start(String name, HttpHandler handler) {
        HttpServer server;
        try {
            // every loopback address reaches the stub: http://127.0.0.2:<port> can stand for another Vonage region
            server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", handler);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, name + "-stub-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return new StubHttpServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The request body as JSON; an empty body as {@code null}. */
    public static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        return raw.length == 0 ? null : JSON.readTree(raw);
    }

    /** Answers with a JSON body ({@code Content-Type: application/json}). */
    public static void respond(HttpExchange exchange, int status, Object json) throws IOException {
        respond(exchange, status, json, "application/json");
    }

    /** Answers with a JSON body (a String is sent as it is, anything else written by Jackson). */
    public static void respond(HttpExchange exchange, int status, Object json, String contentType) throws IOException {
        byte[] bytes = json instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Answers with no body (204, or a bare error status). */
    public static void respondEmpty(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }
}
