package io.contactcenter.directory.rest;

import io.contactcenter.directory.service.SignInService;
import io.contactcenter.support.problem.Problem;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A throttled sign-in or password change: 429 problem+json with {@code Retry-After} (seconds), which the service's
 * problem mapper has no header for.
 */
public class ThrottledMapper {

    @Context
    UriInfo uriInfo;

    @ServerExceptionMapper(priority = 1)
    public Response throttled(SignInService.Throttled e) {
        long seconds = Math.max(1, e.retryAfter().toSeconds() + 1);
        return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", seconds)
                .entity(new Problem("about:blank", "Too Many Requests", 429, e.getMessage(),
                        uriInfo == null ? null : uriInfo.getPath(), List.of()))
                .build();
    }
}
