package io.contactcenter.simulator.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Users API (`/v1/users`) for Client SDK users, as the SDK's UsersClient calls it: ids `USR-<uuid>`, HAL pages. */
@Path("/v1/users")
@Tag(name = "Users API (simulated)")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class UsersResource {

    private final ApiGuard guard;
    private final ObjectMapper json;
    private final Map<String, ObjectNode> users = new ConcurrentHashMap<>();

    public UsersResource(ApiGuard guard, ObjectMapper json) {
        this.guard = guard;
        this.json = json;
    }

    public void clear() {
        users.clear();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        Response refused = guard.check(authorization, false);
        if (refused != null) {
            return refused;
        }
        JsonNode request = parse(body);
        if (request == null || !request.isObject()) {
            return invalid("body", "must be a JSON object");
        }
        String name = request.path("name").asText(null);
        if (name == null || name.isBlank()) {
            name = "NAM-" + UUID.randomUUID();
        }
        if (find(name) != null) {
            return error(409, "Conflict", "user:error:duplicate-name", "User already exists.");
        }
        ObjectNode user = json.createObjectNode();
        String id = "USR-" + UUID.randomUUID();
        user.put("id", id);
        user.put("name", name);
        copy(request, user);
        user.set("_links", json.valueToTree(Map.of("self", Map.of("href", "/v1/users/" + id))));
        users.put(id, user);
        return Response.status(201).entity(user).build();
    }

    @GET
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @QueryParam("page_size") @DefaultValue("10") int pageSize,
                         @QueryParam("order") @DefaultValue("asc") String order, @QueryParam("name") String name) {
        Response refused = guard.check(authorization, false);
        if (refused != null) {
            return refused;
        }
        if (pageSize < 1 || pageSize > 100) {
            return invalid("page_size", "must be between 1 and 100");
        }
        Comparator<ObjectNode> byName = Comparator.comparing(u -> u.get("name").asText());
        List<Map<String, Object>> page = new ArrayList<>();
        users.values().stream().filter(u -> name == null || name.equals(u.get("name").asText()))
                .sorted("desc".equalsIgnoreCase(order) ? byName.reversed() : byName).limit(pageSize)
                .forEach(u -> page.add(Map.of("id", u.get("id").asText(), "name", u.get("name").asText(),
                        "_links", Map.of("self", Map.of("href", "/v1/users/" + u.get("id").asText())))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page_size", pageSize);
        body.put("_embedded", Map.of("users", page));
        body.put("_links", Map.of("first", Map.of("href", "/v1/users?page_size=" + pageSize),
                "self", Map.of("href", "/v1/users?page_size=" + pageSize)));
        return Response.ok(body).build();
    }

    @GET
    @Path("/{id}")
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        Response refused = guard.check(authorization, false);
        if (refused != null) {
            return refused;
        }
        ObjectNode user = find(id);
        return user == null ? notFound() : Response.ok(user).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response update(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
                           String body) {
        Response refused = guard.check(authorization, false);
        if (refused != null) {
            return refused;
        }
        ObjectNode user = find(id);
        if (user == null) {
            return notFound();
        }
        JsonNode request = parse(body);
        if (request == null || !request.isObject()) {
            return invalid("body", "must be a JSON object");
        }
        if (request.hasNonNull("name")) {
            ObjectNode other = find(request.get("name").asText());
            if (other != null && other != user) {
                return error(409, "Conflict", "user:error:duplicate-name", "User already exists.");
            }
            user.put("name", request.get("name").asText());
        }
        copy(request, user);
        return Response.ok(user).build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        Response refused = guard.check(authorization, false);
        if (refused != null) {
            return refused;
        }
        ObjectNode user = find(id);
        if (user == null) {
            return notFound();
        }
        users.remove(user.get("id").asText());
        return Response.noContent().build();
    }

    /** By id, or by name (the spec's user_id_name). */
    private ObjectNode find(String idOrName) {
        ObjectNode byId = users.get(idOrName);
        if (byId != null) {
            return byId;
        }
        return users.values().stream().filter(u -> idOrName.equals(u.get("name").asText())).findFirst().orElse(null);
    }

    private static void copy(JsonNode from, ObjectNode to) {
        for (String field : List.of("display_name", "image_url", "properties", "channels")) {
            if (from.has(field)) {
                to.set(field, from.get(field));
            }
        }
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private Response notFound() {
        return error(404, "Not found.", "user:error:not-found", "User does not exist, or you do not have access.");
    }

    private Response invalid(String name, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Bad request.");
        body.put("type", "https://developer.vonage.com/api/conversation#http:error:validation-fail");
        body.put("code", "http:error:validation-fail");
        body.put("detail", "Input validation failure.");
        body.put("instance", UUID.randomUUID().toString());
        body.put("invalid_parameters", List.of(Map.of("name", name, "reason", reason)));
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    private static Response error(int status, String title, String code, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("type", "https://developer.vonage.com/api/conversation#" + code);
        body.put("code", code);
        body.put("detail", detail);
        body.put("instance", UUID.randomUUID().toString());
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
