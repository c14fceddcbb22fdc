package io.contactcenter.directory;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * survey-service's agent summary as the directory sees it over HTTP ({@code SURVEY_URL}): every agent has 3 scored
 * calls averaging 4.33; the requests' Authorization headers and query strings are kept for the tests to check.
 */
final class SurveyStandIn {

    static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    static final List<String> QUERIES = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    private SurveyStandIn() {
    }

    static synchronized String url() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/surveys/agents/", exchange -> {
                AUTHORIZATIONS.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                QUERIES.add(exchange.getRequestURI().getQuery());
                byte[] body = "{\"agentId\":\"x\",\"scoredCalls\":3,\"averageScore\":4.33}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
