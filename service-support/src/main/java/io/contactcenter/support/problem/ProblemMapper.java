package io.contactcenter.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one error mapper of every service: whatever goes wrong, the caller gets {@code application/problem+json}
 * with a status and a message it can act on, never a stack trace. Unexpected failures are logged here with an
 * id the response repeats, so an operator can find them.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Context
    UriInfo uriInfo;

    @ServerExceptionMapper(priority = 1)
    public Response refused(ProblemException e) {
        return respond(e.status(), e.title(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalid(ConstraintViolationException e) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return respond(400, "Bad Request", detail, violations);
    }

    /** More specific than Jackson's own mapper in quarkus-rest-jackson, which answers plain JSON. */
    @ServerExceptionMapper(priority = 1)
    public Response mistyped(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e) {
        String detail = "the request body is not valid JSON";
        if (e instanceof InvalidFormatException format && !format.getPath().isEmpty()) {
            detail = "field '" + pathOf(format) + "' has an invalid value: " + format.getValue();
        } else if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            detail = "field '" + pathOf(mismatch) + "' has the wrong type";
        }
        return respond(400, "Bad Request", detail, List.of());
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthenticated(UnauthorizedException e) {
        return respond(401, "Unauthorized", "a valid bearer token is required", List.of());
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthenticated(AuthenticationFailedException e) {
        return respond(401, "Unauthorized", "a valid bearer token is required", List.of());
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        return respond(403, "Forbidden", "this token's role may not do that", List.of());
    }

    @ServerExceptionMapper(priority = 1)
    public Response http(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return unexpected(e);
        }
        return respond(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper(priority = 10)
    public Response unexpected(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s on %s", errorId, uriInfo == null ? "?" : uriInfo.getPath());
        return respond(500, "Internal Server Error", "unexpected failure, error id " + errorId, List.of());
    }

    private Response respond(int status, String title, String detail, List<Problem.Violation> violations) {
        String path = uriInfo == null ? null : uriInfo.getPath();
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, path, violations))
                .build();
    }

    private static String pathOf(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("");
    }

    /** {@code create.request.name} → {@code name}: the caller knows its fields, not our method names. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length <= 2 ? parts[parts.length - 1] : String.join(".", List.of(parts).subList(2, parts.length));
    }
}
