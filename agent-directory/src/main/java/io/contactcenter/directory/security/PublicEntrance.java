package io.contactcenter.directory.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.directory.rest.Roles;
import io.contactcenter.support.problem.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The Ingress routes the agent desk's paths to the directory ({@code /desk/}, {@code /auth/}, {@code /agents/},
 * {@code /departments/}, {@code /api/jwt}), and with them the admin API under the same paths. A request that came
 * through the Ingress controller (it always sets {@code X-Forwarded-For}; the cluster's services never do) may
 * therefore not use an admin's or a service's token: administration and the services' calls stay inside the cluster.
 * The token is only read here, not verified: this can refuse a request, never admit one.
 */
@ApplicationScoped
public class PublicEntrance {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Set<String> INTERNAL_ROLES = Set.of(Roles.ADMIN, Roles.GATEWAY, Roles.ROUTING, Roles.SURVEY);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Before the authentication and the resources. */
    private static final int PRIORITY = 100;

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    private void filter(RoutingContext context) {
        if (context.request().getHeader(FORWARDED_FOR) != null
                && hasInternalRole(context.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            String body;
            try {
                body = JSON.writeValueAsString(new Problem("about:blank", "Forbidden", 403,
                        "administration and service calls are not accepted from outside the cluster",
                        context.request().path(), List.of()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            context.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
            return;
        }
        context.next();
    }

    /** Whether the bearer token claims an admin's or a service's role (unverified; unreadable: no). */
    static boolean hasInternalRole(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String[] parts = authorization.substring(7).strip().split("\\.");
        if (parts.length < 2) {
            return false;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode groups = claims.get("groups");
            if (groups != null && groups.isArray()) {
                for (JsonNode group : groups) {
                    if (INTERNAL_ROLES.contains(group.asText())) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException | IllegalArgumentException unreadable) {
            return false;
        }
    }
}
