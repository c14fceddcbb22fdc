package io.contactcenter.simulator.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.contactcenter.simulator.account.AccountCredentials;
import io.contactcenter.simulator.account.ApplicationRegistry;
import io.contactcenter.simulator.account.NumberInventory;
import io.contactcenter.simulator.account.NumberInventory.Owned;
import io.contactcenter.simulator.config.SimulatorConfig;

/**
 * The Numbers API as the SDK's NumbersClient calls it (on the "rest" host): {@code GET /number/search},
 * {@code POST /number/buy}, {@code POST /number/cancel}, {@code POST /number/update} (form-encoded) and
 * {@code GET /account/numbers}. Auth: HTTP Basic with the api key and secret, or {@code api_key}/{@code api_secret}
 * parameters. Vonage's classic bodies: {@code {"error-code":"200","error-code-label":"success"}}, 401
 * "authentication failed", 420 "method failed" (number not for sale, not owned, unknown application).
 */
@Path("/number")
@Tag(name = "Numbers API (simulated)")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class NumbersResource {

    private static final Set<String> TYPES = Set.of("landline", "mobile-lvn", "landline-toll-free");
    private static final Set<String> FEATURES = Set.of("SMS", "VOICE", "MMS");
    private static final Set<String> CALLBACK_TYPES = Set.of("sip", "tel", "app");

    private final AccountCredentials credentials;
    private final NumberInventory numbers;
    private final ApplicationRegistry applications;
    private final String configuredApplication;

    public NumbersResource(AccountCredentials credentials, NumberInventory numbers, ApplicationRegistry applications,
                           SimulatorConfig config) {
        this.credentials = credentials;
        this.numbers = numbers;
        this.applications = applications;
        this.configuredApplication = config.applicationId();
    }

    @GET
    @Path("/search")
    public Response search(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        Map<String, String> params = params(uri, null);
        if (!authorized(authorization, params)) {
            return unauthorized();
        }
        String country = country(params.get("country"));
        if (country == null) {
            return error(400, "400", "country is required (ISO 3166-1 alpha-2)");
        }
        String type = params.get("type");
        if (type != null && !TYPES.contains(type)) {
            return error(400, "400", "type must be one of landline, mobile-lvn, landline-toll-free");
        }
        String features = params.get("features");
        if (features != null && !Arrays.stream(features.split(",")).allMatch(f -> FEATURES.contains(f.trim()))) {
            return error(400, "400", "features must be a comma-separated list of SMS, VOICE, MMS");
        }
        Integer size = bounded(params.get("size"), 10, 1, 100);
        Integer index = bounded(params.get("index"), 1, 1, Integer.MAX_VALUE);
        Integer searchPattern = bounded(params.get("search_pattern"), 0, 0, 2);
        if (size == null || index == null || searchPattern == null) {
            return error(400, "400", "size must be 1-100, index at least 1, search_pattern 0, 1 or 2");
        }
        String numberType = NumberInventory.typeFor(country);
        List<String> found = type != null && !type.equals(numberType) ? List.of()
                : numbers.forSale(country).stream().filter(pattern(params.get("pattern"), searchPattern)).toList();
        List<Map<String, Object>> page = new ArrayList<>();
        for (String msisdn : found.subList(Math.min(found.size(), (index - 1) * size), Math.min(found.size(), index * size))) {
            Map<String, Object> number = new LinkedHashMap<>();
            number.put("country", country);
            number.put("msisdn", msisdn);
            number.put("type", numberType);
            number.put("cost", "1.25");
            number.put("features", List.of("VOICE", "SMS"));
            page.add(number);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", found.size());
        if (!page.isEmpty()) {
            body.put("numbers", page);
        }
        return Response.ok(body).build();
    }

    @POST
    @Path("/buy")
    @Consumes(MediaType.WILDCARD)
    public Response buy(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri, String body) {
        NumberRequest request = numberRequest(authorization, uri, body);
        if (request.refusal() != null) {
            return request.refusal();
        }
        String country = request.country();
        String msisdn = request.msisdn();
        if (numbers.buy(country, msisdn) == null) {
            return error(420, "420", "method failed");
        }
        return success();
    }

    @POST
    @Path("/cancel")
    @Consumes(MediaType.WILDCARD)
    public Response cancel(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri, String body) {
        NumberRequest request = numberRequest(authorization, uri, body);
        if (request.refusal() != null) {
            return request.refusal();
        }
        String country = request.country();
        String msisdn = request.msisdn();
        return numbers.cancel(country, msisdn) ? success() : error(420, "420", "method failed");
    }

    @POST
    @Path("/update")
    @Consumes(MediaType.WILDCARD)
    public Response update(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri, String body) {
        NumberRequest request = numberRequest(authorization, uri, body);
        if (request.refusal() != null) {
            return request.refusal();
        }
        Map<String, String> params = request.params();
        String country = request.country();
        String msisdn = request.msisdn();
        Owned number = numbers.owned(msisdn);
        if (number == null || !number.country.equals(country)) {
            return error(420, "420", "method failed");
        }
        String appId = params.get("app_id");
        if (appId != null && !appId.isBlank() && !applications.exists(appId) && !appId.equals(configuredApplication)) {
            return error(420, "420", "method failed");
        }
        String callbackType = params.get("voiceCallbackType");
        if (callbackType != null && !CALLBACK_TYPES.contains(callbackType)) {
            return error(400, "400", "voiceCallbackType must be one of sip, tel, app");
        }
        if (callbackType != null && params.get("voiceCallbackValue") == null) {
            return error(400, "400", "voiceCallbackValue is required with voiceCallbackType");
        }
        synchronized (number) {
            if (appId != null) {
                number.appId = appId.isBlank() ? null : appId;
            }
            if (callbackType != null) {
                number.voiceCallbackType = callbackType;
                number.voiceCallbackValue = params.get("voiceCallbackValue");
            }
            if (params.containsKey("voiceStatusCallback")) {
                number.voiceStatusCallback = params.get("voiceStatusCallback");
            }
            if (params.containsKey("moHttpUrl")) {
                number.moHttpUrl = params.get("moHttpUrl");
            }
        }
        return success();
    }

    /** An authorized buy/cancel/update: its parameters, country and msisdn (digits), or why it is refused. */
    private record NumberRequest(Map<String, String> params, String country, String msisdn, Response refusal) {
    }

    private NumberRequest numberRequest(String authorization, UriInfo uri, String body) {
        Map<String, String> params = params(uri, body);
        if (!authorized(authorization, params)) {
            return new NumberRequest(params, null, null, unauthorized());
        }
        String country = country(params.get("country"));
        String msisdn = params.get("msisdn");
        if (country == null || msisdn == null || msisdn.isBlank()) {
            return new NumberRequest(params, null, null,
                    error(400, "400", "missing parameter: country and msisdn are required"));
        }
        return new NumberRequest(params, country, msisdn.replace("+", ""), null);
    }

    boolean authorized(String authorization, Map<String, String> params) {
        return credentials.basic(authorization) || credentials.matches(params.get("api_key"), params.get("api_secret"));
    }

    /** Query parameters, overlaid with a form-encoded body when there is one. */
    static Map<String, String> params(UriInfo uri, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
        if (body != null && !body.isBlank()) {
            for (String pair : body.trim().split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(key, value);
            }
        }
        return params;
    }

    static String country(String value) {
        if (value == null || !value.trim().matches("[A-Za-z]{2}")) {
            return null;
        }
        return value.trim().toUpperCase(Locale.ROOT);
    }

    static Integer bounded(String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed < min || parsed > max ? null : parsed;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Predicate<String> pattern(String pattern, int searchPattern) {
        if (pattern == null || pattern.isBlank()) {
            return n -> true;
        }
        String p = pattern.replace("+", "");
        return switch (searchPattern) {
            case 1 -> n -> n.contains(p);
            case 2 -> n -> n.endsWith(p);
            default -> n -> n.startsWith(p);
        };
    }

    private static Response success() {
        return Response.ok(Map.of("error-code", "200", "error-code-label", "success")).build();
    }

    static Response unauthorized() {
        return error(401, "401", "authentication failed");
    }

    static Response error(int status, String code, String label) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error-code", code);
        body.put("error-code-label", label);
        body.put("request_id", UUID.randomUUID().toString());
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
