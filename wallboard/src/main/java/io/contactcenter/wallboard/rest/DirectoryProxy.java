package io.contactcenter.wallboard.rest;

import io.contactcenter.support.problem.ProblemException;
import io.contactcenter.wallboard.config.WallboardConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What the page needs from the agent directory, passed through unchanged (same origin for the page, so no CORS):
 * the sign-in, and the departments' and agents' names (with the supervisor's own token; the figures and routing's
 * live calls carry ids).
 */
@Path("/wallboard")
public class DirectoryProxy {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String directoryUrl;

    public DirectoryProxy(WallboardConfig config) {
        this.directoryUrl = config.directoryUrl().replaceAll("/+$", "");
    }

    /** The directory's {@code POST /auth/sign-in}: {@code {name, password}} → its answer (token or problem). */
    @POST
    @Path("/auth/sign-in")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(byte[] body) {
        return forward(HttpRequest.newBuilder(URI.create(directoryUrl + "/auth/sign-in"))
                .header("Content-Type", MediaType.APPLICATION_JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body == null ? new byte[0] : body)));
    }

    /** The directory's {@code GET /departments} (ids and names for the page), as the signed-in supervisor. */
    @GET
    @Path("/directory/departments")
    @RolesAllowed("supervisor")
    public Response departments(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return asSupervisor("/departments", authorization);
    }

    /** The directory's {@code GET /agents} (ids and names: the supervisor page names each call's agent). */
    @GET
    @Path("/directory/agents")
    @RolesAllowed("supervisor")
    public Response agents(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return asSupervisor("/agents", authorization);
    }

    private Response asSupervisor(String directoryPath, String authorization) {
        return forward(HttpRequest.newBuilder(URI.create(directoryUrl + directoryPath))
                .header(HttpHeaders.AUTHORIZATION, authorization).GET());
    }

    private Response forward(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> answer = http.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return Response.status(answer.statusCode()).entity(answer.body())
                    .type(answer.headers().firstValue("Content-Type").orElse(MediaType.APPLICATION_JSON)).build();
        } catch (IOException e) {
            throw unreachable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable();
        }
    }

    private static ProblemException unreachable() {
        return new ProblemException(503, "Service Unavailable", "the agent directory cannot be reached");
    }
}
