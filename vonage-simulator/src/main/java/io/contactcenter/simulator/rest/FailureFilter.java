package io.contactcenter.simulator.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.contactcenter.simulator.account.FailurePlan;

/** Applies the {@link FailurePlan} to the Vonage APIs (never to the simulator's own {@code /simulator} API). */
public class FailureFilter {

    private final FailurePlan plan;

    public FailureFilter(FailurePlan plan) {
        this.plan = plan;
    }

    @ServerRequestFilter
    public Response inject(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceAll("^/+", "");
        if (path.startsWith("/simulator") || path.startsWith("/q/")) {
            return null;
        }
        int status = plan.take(request.getMethod(), path);
        if (status == 0) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://developer.nexmo.com/api-errors#" + (status == 429 ? "throttled" : "internal-error"));
        body.put("title", Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase());
        body.put("detail", "injected failure (simulator failure switch) for " + request.getMethod() + " " + path);
        body.put("instance", UUID.randomUUID().toString());
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
