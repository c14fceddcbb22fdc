package io.contactcenter.wallboard.rest;

import io.contactcenter.support.problem.ProblemException;
import io.contactcenter.wallboard.config.WallboardConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The page's sign-in: passed as it is to the agent directory's {@code POST /auth/sign-in} (same origin for the
 * page, so no CORS); the directory decides, the answer (token or problem) comes back unchanged.
 */
@Path("/wallboard/auth/sign-in")
public class SignInProxy {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI signIn;

    public SignInProxy(WallboardConfig config) {
        this.signIn = URI.create(config.directoryUrl().replaceAll("/+$", "") + "/auth/sign-in");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(signIn).timeout(TIMEOUT)
                .header("Content-Type", MediaType.APPLICATION_JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body == null ? new byte[0] : body)).build();
        try {
            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return Response.status(answer.statusCode()).entity(answer.body())
                    .type(answer.headers().firstValue("Content-Type").orElse(MediaType.APPLICATION_JSON)).build();
        } catch (IOException e) {
            throw new ProblemException(503, "Service Unavailable", "the agent directory cannot be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service Unavailable", "the agent directory cannot be reached");
        }
    }
}
