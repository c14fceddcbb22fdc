package io.contactcenter.provisioning;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The agent directory's admin API: the in-app agents and their Vonage user ids. */
final class DirectoryClient {

    /** An agent reached as an in-app (Client SDK) user. */
    record AppAgent(String id, String name, String userName, String vonageUserId) {
    }

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    DirectoryClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    List<AppAgent> appAgents() throws IOException {
        JsonNode agents = send("GET", "/agents", null);
        List<AppAgent> found = new ArrayList<>();
        for (JsonNode agent : agents) {
            if ("app".equals(agent.path("endpoint").path("type").asText())) {
                found.add(new AppAgent(agent.path("id").asText(), agent.path("name").asText(),
                        agent.path("endpoint").path("value").asText(),
                        agent.hasNonNull("vonageUserId") ? agent.get("vonageUserId").asText() : null));
            }
        }
        return found;
    }

    void storeVonageUser(String agentId, String vonageUserId) throws IOException {
        send("PUT", "/agents/" + agentId + "/vonage-user", Map.of("vonageUserId", vonageUserId));
    }

    private JsonNode send(String method, String path, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException("the directory at " + baseUrl + " is unreachable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new IOException("the directory refused DIRECTORY_ADMIN_TOKEN (" + response.statusCode()
                    + "): it must be a valid bearer token with role admin");
        }
        if (response.statusCode() >= 300) {
            String detail = response.body();
            try {
                JsonNode problem = json.readTree(detail);
                detail = problem.path("detail").asText(problem.path("title").asText(detail));
            } catch (IOException notJson) {
                // keep the raw body
            }
            throw new IOException("the directory answered " + response.statusCode() + " to " + method + " " + path
                    + ": " + detail);
        }
        return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
    }
}
