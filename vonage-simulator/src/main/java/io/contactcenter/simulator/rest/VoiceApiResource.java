package io.contactcenter.simulator.rest;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactcenter.simulator.engine.CallEngine;
import io.contactcenter.simulator.engine.WebhookPayloads;
import io.contactcenter.simulator.client.Region;
import io.contactcenter.simulator.engine.Leg;
import io.contactcenter.simulator.engine.Regions;
import io.contactcenter.simulator.transcript.Transcript;

/** The Voice REST API as the Vonage SDK calls it ({@code VONAGE_API_BASE_URL} = this simulator). */
@Path("/v1/calls")
@Tag(name = "Voice API (simulated)")
@Produces(MediaType.APPLICATION_JSON)
public class VoiceApiResource {

    private final CallEngine engine;
    private final ApiGuard guard;
    private final Transcript transcript;
    private final ObjectMapper json;
    private final Regions regions;

    public VoiceApiResource(CallEngine engine, ApiGuard guard, Transcript transcript, ObjectMapper json, Regions regions) {
        this.engine = engine;
        this.regions = regions;
        this.guard = guard;
        this.transcript = transcript;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create an outbound call")
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(HttpHeaders.HOST) String host, String body) {
        Region region = regions.ofHost(host);
        Response refused = guard.check(authorization, true);
        if (refused != null) {
            transcript.add(Transcript.REST_REQUEST, null, null, null, "POST /v1/calls refused " + refused.getStatus(),
                    requestData("POST", "/v1/calls", refused.getStatus(), host, region, null));
            return refused;
        }
        JsonNode request = parse(body);
        VoiceValidation validation = new VoiceValidation();
        validation.createCall(request);
        if (!validation.ok()) {
            Map<String, Object> data = requestData("POST", "/v1/calls", 400, host, region, null);
            data.put("body", String.valueOf(body));
            data.put("invalid_parameters", validation.problems());
            transcript.add(Transcript.REST_REQUEST, null, null, null, "POST /v1/calls rejected 400", data);
            return ApiGuard.problem(400, "bad-request", "Bad Request", "The request failed due to validation errors",
                    validation.problems());
        }
        JsonNode to = request.get("to").get(0);
        JsonNode from = request.get("from");
        Leg.Endpoint toEndpoint = endpoint(to);
        Leg.Endpoint fromEndpoint = from == null || from.isNull() ? new Leg.Endpoint("phone", "447700900999") : endpoint(from);
        Leg leg = engine.createOutbound(toEndpoint, fromEndpoint, request.get("ncco"), first(request.get("answer_url")),
                text(request.get("answer_method")), first(request.get("event_url")), text(request.get("event_method")),
                request.path("ringing_timer").asInt(60), request.path("length_timer").asInt(7200), region);
        Map<String, Object> data = requestData("POST", "/v1/calls", 201, host, region, leg);
        data.put("body", request);
        transcript.add(Transcript.REST_REQUEST, leg.callId(), leg.uuid(), null, "POST /v1/calls -> 201"
                + (region == null ? "" : " (region " + region.name() + ")"), data);
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("uuid", leg.uuid());
        created.put("status", "started");
        created.put("direction", "outbound");
        created.put("conversation_uuid", leg.conversationUuid());
        return Response.status(201).entity(created).build();
    }

    @GET
    @Operation(summary = "List calls (legs), filtered like Vonage's list")
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.HOST) String host,
                         @QueryParam("status") String status, @QueryParam("conversation_uuid") String conversationUuid,
                         @QueryParam("page_size") @DefaultValue("10") String pageSize,
                         @QueryParam("record_index") @DefaultValue("0") String recordIndex,
                         @QueryParam("order") @DefaultValue("asc") String order) {
        Response refused = guard.check(authorization, false);
        if (refused != null) {
            return refused;
        }
        VoiceValidation validation = new VoiceValidation();
        int size = number(pageSize, 1, 100, "page_size", validation);
        int index = number(recordIndex, 0, Integer.MAX_VALUE, "record_index", validation);
        if (!"asc".equals(order) && !"desc".equals(order)) {
            validation.fail("order", "must be asc or desc");
        }
        if (!validation.ok()) {
            return ApiGuard.problem(400, "bad-request", "Bad Request", "The request failed due to validation errors",
                    validation.problems());
        }
        Comparator<Leg> byCreation = Comparator.comparing(Leg::createdAt);
        Region region = regions.ofHost(host);
        List<Leg> matching = engine.legs().stream()
                .filter(l -> region == null || l.region() == null || region.name().equals(l.regionName()))
                .filter(l -> status == null || status.equals(l.status()))
                .filter(l -> conversationUuid == null || conversationUuid.equals(l.conversationUuid()))
                .sorted("desc".equals(order) ? byCreation.reversed() : byCreation)
                .toList();
        List<Map<String, Object>> page = matching.stream().skip(index).limit(size).map(this::record).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", matching.size());
        body.put("page_size", size);
        body.put("record_index", index);
        body.put("_links", Map.of("self", Map.of("href", "/v1/calls?page_size=" + size + "&record_index=" + index
                + "&order=" + order)));
        body.put("_embedded", Map.of("calls", page));
        return Response.ok(body).build();
    }

    private static int number(String value, int min, int max, String name, VoiceValidation validation) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        validation.fail(name, "must be a number between " + min + " and " + max);
        return min;
    }

    @DELETE
    @Path("/{uuid}")
    public Response delete(@PathParam("uuid") String uuid) {
        return ApiGuard.error(405, "METHOD_NOT_ALLOWED", "Method Not Allowed");
    }

    @GET
    @Path("/{uuid}")
    @Operation(summary = "Get a call (leg)")
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                        @HeaderParam(HttpHeaders.HOST) String host, @PathParam("uuid") String uuid) {
        Response refused = guard.check(authorization, false);
        if (refused != null) {
            return refused;
        }
        Leg leg = engine.leg(uuid);
        if (leg == null) {
            return notFound(uuid);
        }
        Region region = regions.ofHost(host);
        if (wrongRegion(leg, region)) {
            transcript.add(Transcript.REST_REQUEST, leg.callId(), leg.uuid(), null, "GET /v1/calls/" + uuid
                    + " -> 404 (call lives in region " + leg.regionName() + ", request went to " + region.name() + ")",
                    requestData("GET", "/v1/calls/" + uuid, 404, host, region, leg));
            return notFound(uuid);
        }
        return Response.ok(record(leg)).build();
    }

    @PUT
    @Path("/{uuid}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Modify a call: hangup, mute, unmute, earmuff, unearmuff, transfer")
    public Response modify(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(HttpHeaders.HOST) String host, @PathParam("uuid") String uuid, String body) {
        Region region = regions.ofHost(host);
        Response refused = guard.check(authorization, false);
        if (refused != null) {
            transcript.add(Transcript.REST_REQUEST, null, uuid, null, "PUT /v1/calls/" + uuid + " refused " + refused.getStatus(),
                    requestData("PUT", "/v1/calls/" + uuid, refused.getStatus(), host, region, null));
            return refused;
        }
        Leg leg = engine.leg(uuid);
        if (leg == null) {
            return notFound(uuid);
        }
        if (wrongRegion(leg, region)) {
            // Vonage: a call is only known to the region it lives in
            Map<String, Object> data = requestData("PUT", "/v1/calls/" + uuid, 404, host, region, leg);
            data.put("body", String.valueOf(body));
            transcript.add(Transcript.REST_REQUEST, leg.callId(), leg.uuid(), null, "PUT /v1/calls/" + uuid
                    + " -> 404 (call lives in region " + leg.regionName() + ", request went to " + region.name() + ")", data);
            return notFound(uuid);
        }
        JsonNode request = parse(body);
        VoiceValidation validation = new VoiceValidation();
        validation.modify(request);
        int status = !validation.ok() ? 400 : leg.ended() ? 400 : 204;
        Map<String, Object> data = requestData("PUT", "/v1/calls/" + uuid, status, host, region, leg);
        data.put("body", String.valueOf(body));
        transcript.add(Transcript.REST_REQUEST, leg.callId(), leg.uuid(), null, "PUT /v1/calls/" + uuid + " -> " + status
                + (region == null ? "" : " (region " + region.name() + ")"), data);
        if (!validation.ok()) {
            return ApiGuard.problem(400, "bad-request", "Bad Request", "The request failed due to validation errors",
                    validation.problems());
        }
        if (leg.ended()) {
            return ApiGuard.problem(400, "bad-request", "Bad Request", "Call " + uuid + " has status " + leg.status()
                    + " and cannot be modified", null);
        }
        engine.modify(leg, request.get("action").asText(), request.get("destination"));
        return Response.noContent().build();
    }

    @PUT
    @Path("/{uuid}/talk")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Play text-to-speech into a call: the person on the leg hears it")
    public Response talk(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.HOST) String host, @PathParam("uuid") String uuid, String body) {
        Response refused = guard.check(authorization, false);
        if (refused != null) {
            return refused;
        }
        Leg leg = engine.leg(uuid);
        Region region = regions.ofHost(host);
        if (leg == null || wrongRegion(leg, region)) {
            return notFound(uuid);
        }
        String text = parse(body).path("text").asText("");
        int status = text.isBlank() || leg.ended() ? 400 : 200;
        Map<String, Object> data = requestData("PUT", "/v1/calls/" + uuid + "/talk", status, host, region, leg);
        data.put("body", String.valueOf(body));
        transcript.add(Transcript.REST_REQUEST, leg.callId(), leg.uuid(), null,
                "PUT /v1/calls/" + uuid + "/talk -> " + status, data);
        if (text.isBlank()) {
            return ApiGuard.problem(400, "bad-request", "Bad Request", "The request failed due to validation errors",
                    List.of(Map.of("name", "text", "reason", "text is required")));
        }
        if (leg.ended()) {
            return ApiGuard.problem(400, "bad-request", "Bad Request", "Call " + uuid + " has status " + leg.status()
                    + " and cannot be talked into", null);
        }
        engine.talkInto(leg, text);
        return Response.ok(Map.of("message", "Talk started", "uuid", uuid)).build();
    }

    private static boolean wrongRegion(Leg leg, Region region) {
        return region != null && leg.region() != null && !region.name().equals(leg.regionName());
    }

    /** A rest-request entry's data: what was asked, through which host and region, about a leg of which region. */
    private static Map<String, Object> requestData(String method, String path, int status, String host, Region region,
                                                   Leg leg) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("method", method);
        data.put("path", path);
        data.put("status", status);
        if (host != null) {
            data.put("host", host);
        }
        if (region != null) {
            data.put("region", region.name());
        }
        if (leg != null && leg.region() != null) {
            data.put("legRegion", leg.regionName());
        }
        return data;
    }

    private Map<String, Object> record(Leg leg) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("uuid", leg.uuid());
        r.put("status", leg.status());
        r.put("direction", leg.direction());
        if (leg.ended()) {
            r.put("rate", "0.00000000");
            r.put("price", "0.00000000");
            r.put("duration", String.valueOf(leg.durationSeconds()));
            r.put("network", "GB-FIXED");
        }
        r.put("conversation_uuid", leg.conversationUuid());
        if (leg.answeredAt() != null) {
            r.put("start_time", WebhookPayloads.iso(leg.answeredAt()));
        }
        if (leg.endedAt() != null) {
            r.put("end_time", WebhookPayloads.iso(leg.endedAt()));
        }
        r.put("to", endpointJson(leg.to()));
        if (leg.from() != null) {
            r.put("from", endpointJson(leg.from()));
        }
        r.put("_links", Map.of("self", Map.of("href", "/v1/calls/" + leg.uuid())));
        return r;
    }

    private static Map<String, Object> endpointJson(Leg.Endpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", e.type());
        m.put(e.field(), e.value());
        return m;
    }

    private Response notFound(String uuid) {
        return ApiGuard.problem(404, "not-found", "Not Found", "Call " + uuid + " was not found or it has been removed", null);
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static Leg.Endpoint endpoint(JsonNode e) {
        String type = e.path("type").asText();
        Leg.Endpoint probe = new Leg.Endpoint(type, "");
        return new Leg.Endpoint(type, e.path(probe.field()).asText());
    }

    private static String first(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isArray() ? node.get(0).asText() : node.asText();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

}
