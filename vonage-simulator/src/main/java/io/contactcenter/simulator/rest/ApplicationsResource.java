package io.contactcenter.simulator.rest;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import io.contactcenter.simulator.account.AccountCredentials;
import io.contactcenter.simulator.account.ApplicationRegistry;

/**
 * The Application API v2 ({@code /v2/applications}) as the SDK's ApplicationClient calls it: HTTP Basic with the
 * account's api key and secret, JSON bodies validated like Vonage (400 {@code invalid_parameters}), 401, 404.
 * Only the Voice capability is validated in depth; other capabilities are stored as given.
 */
@Path("/v2/applications")
@Tag(name = "Application API (simulated)")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ApplicationsResource {

    private static final Set<String> REGIONS = Set.of("na-east", "na-west", "eu-west", "eu-east", "apac-sng",
            "apac-australia");
    private static final Set<String> CAPABILITIES = Set.of("voice", "rtc", "messages", "vbc", "verify", "network_apis");

    private final AccountCredentials credentials;
    private final ApplicationRegistry registry;
    private final ObjectMapper json;

    public ApplicationsResource(AccountCredentials credentials, ApplicationRegistry registry, ObjectMapper json) {
        this.credentials = credentials;
        this.registry = registry;
        this.json = json;
    }

    @GET
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @QueryParam("page_size") String pageSizeParam, @QueryParam("page") String pageParam) {
        if (!credentials.basic(authorization)) {
            return unauthorized();
        }
        List<Map<String, String>> invalid = new ArrayList<>();
        int pageSize = integer(pageSizeParam, 10, 1, 1000, "page_size", invalid);
        int page = integer(pageParam, 1, 1, Integer.MAX_VALUE, "page", invalid);
        if (!invalid.isEmpty()) {
            return validationProblem("list-validation", invalid);
        }
        List<ObjectNode> all = registry.list();
        int totalPages = Math.max(1, (all.size() + pageSize - 1) / pageSize);
        List<ObjectNode> slice = all.subList(Math.min(all.size(), (page - 1) * pageSize),
                Math.min(all.size(), page * pageSize));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page_size", pageSize);
        body.put("page", page);
        body.put("total_items", all.size());
        body.put("total_pages", totalPages);
        body.put("_embedded", Map.of("applications", slice));
        body.put("_links", Map.of("self", Map.of("href", "/v2/applications?page_size=" + pageSize + "&page=" + page)));
        return Response.ok(body).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        if (!credentials.basic(authorization)) {
            return unauthorized();
        }
        Body valid = validBody(contentType, body);
        if (valid.refusal() != null) {
            return valid.refusal();
        }
        JsonNode request = valid.json();
        String id = UUID.randomUUID().toString();
        ObjectNode application = build(id, request);
        String privateKey = null;
        String publicPem = request.path("keys").path("public_key").asText(null);
        if (publicPem == null) {
            KeyPair pair = generate();
            publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
            privateKey = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        }
        application.set("keys", json.createObjectNode().put("public_key", publicPem));
        registry.put(id, application, ApplicationRegistry.parsePublicKey(publicPem));
        ObjectNode response = application.deepCopy();
        if (privateKey != null) {
            ((ObjectNode) response.get("keys")).put("private_key", privateKey);
        }
        return Response.status(201).entity(response).build();
    }

    @GET
    @Path("/{id}")
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        if (!credentials.basic(authorization)) {
            return unauthorized();
        }
        ObjectNode application = registry.get(id);
        return application == null ? notFound(id) : Response.ok(application).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response update(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @PathParam("id") String id,
                           String body) {
        if (!credentials.basic(authorization)) {
            return unauthorized();
        }
        ObjectNode existing = registry.get(id);
        if (existing == null) {
            return notFound(id);
        }
        Body valid = validBody(contentType, body);
        if (valid.refusal() != null) {
            return valid.refusal();
        }
        JsonNode request = valid.json();
        ObjectNode application = build(id, request);
        String publicPem = request.path("keys").path("public_key").asText(null);
        if (publicPem == null) {
            application.set("keys", existing.get("keys").deepCopy());
            publicPem = existing.path("keys").path("public_key").asText();
        } else {
            application.set("keys", json.createObjectNode().put("public_key", publicPem));
        }
        registry.put(id, application, ApplicationRegistry.parsePublicKey(publicPem));
        return Response.ok(application).build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        if (!credentials.basic(authorization)) {
            return unauthorized();
        }
        return registry.remove(id) ? Response.noContent().build() : notFound(id);
    }

    /** A JSON body that passed validation, or the refusal (415, 400). */
    private record Body(JsonNode json, Response refusal) {
    }

    private Body validBody(String contentType, String body) {
        if (!isJson(contentType)) {
            return new Body(null, unsupportedMediaType());
        }
        JsonNode request = parse(body);
        List<Map<String, String>> invalid = validate(request);
        if (!invalid.isEmpty()) {
            return new Body(null, validationProblem("payload-validation", invalid));
        }
        return new Body(request, null);
    }

    /** The stored application: id, name, capabilities (voice defaults filled in), privacy, links. */
    private ObjectNode build(String id, JsonNode request) {
        ObjectNode application = json.createObjectNode();
        application.put("id", id);
        application.put("name", request.get("name").asText());
        ObjectNode capabilities = request.has("capabilities") && request.get("capabilities").isObject()
                ? ((ObjectNode) request.get("capabilities")).deepCopy() : json.createObjectNode();
        if (capabilities.has("voice")) {
            ObjectNode voice = (ObjectNode) capabilities.get("voice");
            if (!voice.has("signed_callbacks")) {
                voice.put("signed_callbacks", true);
            }
            if (!voice.has("conversations_ttl")) {
                voice.put("conversations_ttl", 9000);
            }
            if (!voice.has("leg_persistence_time")) {
                voice.put("leg_persistence_time", 7);
            }
        }
        application.set("capabilities", capabilities);
        ObjectNode privacy = json.createObjectNode();
        privacy.put("improve_ai", request.path("privacy").path("improve_ai").asBoolean(true));
        application.set("privacy", privacy);
        application.set("_links", json.valueToTree(Map.of("self", Map.of("href", "/v2/applications/" + id))));
        return application;
    }

    private List<Map<String, String>> validate(JsonNode request) {
        List<Map<String, String>> invalid = new ArrayList<>();
        if (request == null || !request.isObject()) {
            invalid.add(reason("body", "must be a JSON object"));
            return invalid;
        }
        JsonNode name = request.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            invalid.add(reason("name", "is required"));
        } else if (name.asText().length() > 100) {
            invalid.add(reason("name", "must be at most 100 characters"));
        }
        JsonNode keys = request.get("keys");
        if (keys != null && !keys.isNull()) {
            JsonNode publicKey = keys.get("public_key");
            if (publicKey != null && !publicKey.isNull()
                    && (!publicKey.isTextual() || ApplicationRegistry.parsePublicKey(publicKey.asText()) == null)) {
                invalid.add(reason("keys.public_key", "must be an RSA public key in PEM format"));
            }
        }
        JsonNode capabilities = request.get("capabilities");
        if (capabilities != null && !capabilities.isNull()) {
            if (!capabilities.isObject()) {
                invalid.add(reason("capabilities", "must be an object"));
                return invalid;
            }
            for (Iterator<String> it = capabilities.fieldNames(); it.hasNext(); ) {
                String capability = it.next();
                if (!CAPABILITIES.contains(capability)) {
                    invalid.add(reason("capabilities." + capability, "is not a known capability"));
                }
            }
            JsonNode voice = capabilities.get("voice");
            if (voice != null) {
                validateVoice(voice, invalid);
            }
        }
        return invalid;
    }

    private static void validateVoice(JsonNode voice, List<Map<String, String>> invalid) {
        String at = "capabilities.voice";
        if (!voice.isObject()) {
            invalid.add(reason(at, "must be an object"));
            return;
        }
        JsonNode webhooks = voice.get("webhooks");
        if (webhooks == null || !webhooks.isObject()) {
            invalid.add(reason(at + ".webhooks", "is required"));
        } else {
            webhook(webhooks, "answer_url", true, 5000, invalid);
            webhook(webhooks, "fallback_answer_url", false, 5000, invalid);
            webhook(webhooks, "event_url", true, 10000, invalid);
        }
        JsonNode region = voice.get("region");
        if (region != null && !region.isNull() && !REGIONS.contains(region.asText())) {
            invalid.add(reason(at + ".region", "must be one of: " + String.join(", ", REGIONS.stream().sorted().toList())));
        }
        JsonNode signed = voice.get("signed_callbacks");
        if (signed != null && !signed.isNull() && !signed.isBoolean()) {
            invalid.add(reason(at + ".signed_callbacks", "must be a boolean"));
        }
        range(voice.get("conversations_ttl"), 0, 744, at + ".conversations_ttl", invalid);
        range(voice.get("leg_persistence_time"), 1, 31, at + ".leg_persistence_time", invalid);
    }

    private static void webhook(JsonNode webhooks, String name, boolean required, int maxSocket,
                                List<Map<String, String>> invalid) {
        String at = "capabilities.voice.webhooks." + name;
        JsonNode hook = webhooks.get(name);
        if (hook == null || hook.isNull()) {
            if (required) {
                invalid.add(reason(at, "is required"));
            }
            return;
        }
        if (!hook.isObject()) {
            invalid.add(reason(at, "must be an object"));
            return;
        }
        String address = hook.path("address").asText("");
        if (!address.matches("https?://[^\\s/?#]+[^\\s]*")) {
            invalid.add(reason(at + ".address", "must be an absolute http or https URL"));
        }
        String method = hook.path("http_method").asText("");
        if (!method.equals("GET") && !method.equals("POST")) {
            invalid.add(reason(at + ".http_method", "must be one of: GET, POST"));
        }
        range(hook.get("connection_timeout"), 300, 1000, at + ".connection_timeout", invalid);
        range(hook.get("socket_timeout"), 1000, maxSocket, at + ".socket_timeout", invalid);
    }

    private static void range(JsonNode value, int min, int max, String name, List<Map<String, String>> invalid) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isInt() || value.asInt() < min || value.asInt() > max) {
            invalid.add(reason(name, "must be between " + min + " and " + max));
        }
    }

    private static int integer(String value, int fallback, int min, int max, String name,
                               List<Map<String, String>> invalid) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        invalid.add(reason(name, "must be between " + min + " and " + max));
        return fallback;
    }

    private static Map<String, String> reason(String name, String reason) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("reason", reason);
        return entry;
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase().startsWith("application/json");
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static Response unauthorized() {
        return ApiGuard.problem(401, "unauthorized", "Invalid credentials supplied",
                "You did not provide correct credentials.", null);
    }

    private static Response notFound(String id) {
        return ApiGuard.problem(404, "not-found", "Not Found", "Application " + id + " was not found", null);
    }

    private static Response validationProblem(String anchor, List<Map<String, String>> invalid) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://developer.nexmo.com/api-errors/application#" + anchor);
        body.put("title", "Bad Request");
        body.put("detail", "The request failed due to validation errors");
        body.put("invalid_parameters", invalid);
        body.put("instance", UUID.randomUUID().toString());
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    private static Response unsupportedMediaType() {
        return ApiGuard.problem(415, "unsupported-media-type", "Unsupported Media Type",
                "The request body must be application/json", null);
    }
}
