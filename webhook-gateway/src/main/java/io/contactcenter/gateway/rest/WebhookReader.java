package io.contactcenter.gateway.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactcenter.gateway.config.GatewayConfig;
import io.contactcenter.gateway.security.OwnParameters;
import io.contactcenter.gateway.security.SignatureVerifier;
import io.contactcenter.gateway.security.SignedRequest;
import io.contactcenter.gateway.security.VerifiedWebhook;
import io.contactcenter.gateway.service.Payload;
import io.contactcenter.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a webhook request into a {@link Payload}: size limit (413), Vonage's signature bound to this request (401),
 * our own URL parameters' signature (401), then JSON (400). Nothing is acted on before all checks passed.
 */
@ApplicationScoped
public class WebhookReader {

    private final SignatureVerifier signatures;
    private final OwnParameters ownParameters;
    private final ObjectMapper mapper;
    private final int maxBodyBytes;

    public WebhookReader(SignatureVerifier signatures, OwnParameters ownParameters, ObjectMapper mapper,
            GatewayConfig config) {
        this.signatures = signatures;
        this.ownParameters = ownParameters;
        this.mapper = mapper;
        this.maxBodyBytes = config.webhook().maxBodyBytes();
    }

    /** A POST webhook with a JSON object body to a URL configured in the Vonage application (no parameters of ours). */
    public Payload body(String authorization, UriInfo uri, byte[] body) {
        return parse(verifiedBody(authorization, uri, body));
    }

    /**
     * A POST webhook with a JSON object body to a URL we built for {@code path} (see {@link OwnParameters}).
     *
     * @param alwaysSigned whether every URL we build for this path carries parameters
     */
    public VerifiedWebhook toOwnUrl(String path, boolean alwaysSigned, String authorization, UriInfo uri, byte[] body) {
        byte[] bytes = verifiedBody(authorization, uri, body);
        var params = ownParameters.verified(path, uri.getRequestUri().getRawQuery(), alwaysSigned);
        return new VerifiedWebhook(parse(bytes), params);
    }

    private byte[] verifiedBody(String authorization, UriInfo uri, byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > maxBodyBytes) {
            throw new ProblemException(413, "Content Too Large",
                    "the request body is larger than " + maxBodyBytes + " bytes");
        }
        signatures.verifyBody(authorization, request("POST", uri, bytes));
        return bytes;
    }

    private static SignedRequest request(String method, UriInfo uri, byte[] body) {
        return new SignedRequest(method, uri.getRequestUri().getRawPath(), uri.getRequestUri().getRawQuery(), body);
    }

    private Payload parse(byte[] bytes) {
        JsonNode json;
        try {
            json = mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw ProblemException.badRequest("the request body is not valid JSON");
        } catch (IOException e) {
            throw ProblemException.badRequest("the request body could not be read");
        }
        if (json == null || !json.isObject()) {
            throw ProblemException.badRequest("the request body must be a JSON object");
        }
        return new Payload((ObjectNode) json);
    }

    /** A GET webhook: the query parameters are the payload (all strings). */
    public Payload query(String authorization, UriInfo uri) {
        List<Map.Entry<String, String>> params = parseQuery(uri.getRequestUri().getRawQuery());
        signatures.verifyQuery(authorization, request("GET", uri, null), params);
        ObjectNode json = mapper.createObjectNode();
        for (Map.Entry<String, String> param : params) {
            if (!json.has(param.getKey())) {
                json.put(param.getKey(), param.getValue());
            }
        }
        return new Payload(json);
    }

    static List<Map.Entry<String, String>> parseQuery(String rawQuery) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        try {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            }
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("the query string is not valid URL encoding");
        }
        return params;
    }

    /** The attempt counter the gateway put into its own eventUrl; absent means the first. */
    public static int attempt(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int attempt = Integer.parseInt(value.trim());
            if (attempt < 1 || attempt > 100) {
                throw ProblemException.badRequest("query parameter 'attempt' must be between 1 and 100");
            }
            return attempt;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("query parameter 'attempt' must be a number");
        }
    }
}
