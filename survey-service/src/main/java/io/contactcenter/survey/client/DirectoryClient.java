package io.contactcenter.survey.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.support.auth.ServiceToken;
import io.contactcenter.survey.config.SurveyConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a department wants post-call surveys ({@code surveyEnabled} of {@code GET /departments/{id}} in the agent
 * directory), cached for {@code survey.directory.cache-ttl}. When the directory cannot answer, the survey is
 * considered enabled (a survey too many is better than a silently lost one) and that is logged; such answers are
 * not cached. Requests carry the survey service's own short-lived token ({@code DIRECTORY_SERVICE_KEY}), renewed and
 * the request sent again on a 401.
 */
@ApplicationScoped
public class DirectoryClient {

    /** The survey service's identity at the directory: its role there has the same name. */
    static final String SERVICE = "survey";

    private final SurveyConfig.Directory config;
    private final ServiceToken token;
    private final ObjectMapper objectMapper;
    private final HttpClient http;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public DirectoryClient(SurveyConfig config, ObjectMapper objectMapper) {
        this.config = config.directory();
        this.token = new ServiceToken(SERVICE, this.config.serviceKey());
        this.objectMapper = objectMapper;
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
    }

    public boolean surveyEnabled(String departmentId) {
        if (departmentId == null || departmentId.isBlank()) {
            return true;
        }
        Cached cached = cache.get(departmentId);
        if (cached != null && cached.until.isAfter(Instant.now())) {
            return cached.enabled;
        }
        String base = config.url().endsWith("/") ? config.url().substring(0, config.url().length() - 1) : config.url();
        URI uri = URI.create(base + "/departments/" + URLEncoder.encode(departmentId, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = token.call(authorization -> {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri)
                        .timeout(config.timeout())
                        .header("Authorization", authorization)
                        .header("Accept", "application/json")
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 401) {
                    throw new ServiceToken.Unauthorized();
                }
                return answer;
            });
            if (response.statusCode() != 200) {
                Log.warnf("directory answered %d for department %s; offering the survey (default enabled)",
                        response.statusCode(), departmentId);
                return true;
            }
            JsonNode node = objectMapper.readTree(response.body()).path("surveyEnabled");
            boolean enabled = !node.isBoolean() || node.booleanValue();
            cache.put(departmentId, new Cached(enabled, Instant.now().plus(config.cacheTtl())));
            return enabled;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Log.warnf("directory lookup of department %s interrupted; offering the survey (default enabled)", departmentId);
            return true;
        } catch (Exception e) {
            Log.warnf("directory unreachable for department %s (%s); offering the survey (default enabled)",
                    departmentId, e.toString());
            return true;
        }
    }

    private record Cached(boolean enabled, Instant until) {
    }
}
