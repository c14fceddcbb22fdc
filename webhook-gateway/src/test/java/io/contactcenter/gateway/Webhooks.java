package io.contactcenter.gateway;

import static io.restassured.RestAssured.given;

import io.contactcenter.support.webhook.WebhookUrls;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sends webhooks to the gateway the way Vonage does: POST JSON, signed. */
public final class Webhooks {

    /** {@code %test.gateway.webhook-signing-key}: what routing and survey share with the gateway. */
    public static final String SIGNING_KEY = "test-webhook-signing-key-0123456789abcdef";
    public static final String PUBLIC_URL = "https://gateway.test";
    private static final WebhookUrls OWN = new WebhookUrls("", SIGNING_KEY);

    private Webhooks() {
    }

    /** Path and query of our own URL to {@code path} with these parameters (name, value, ...), signed. */
    public static String url(String path, String... namesAndValues) {
        return OWN.url(path, params(namesAndValues));
    }

    /** The same URL as the gateway writes it into an NCCO. */
    public static String publicUrl(String path, String... namesAndValues) {
        return PUBLIC_URL + url(path, namesAndValues);
    }

    static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    public static Response post(String pathAndQuery, String json) {
        return given()
                .urlEncodingEnabled(false)
                .header("Authorization", VonageSigner.bearer(json))
                .contentType("application/json")
                .body(json.getBytes(StandardCharsets.UTF_8))
                .post(pathAndQuery);
    }

    public static Response postUnsigned(String pathAndQuery, String json) {
        return given()
                .urlEncodingEnabled(false)
                .contentType("application/json")
                .body(json.getBytes(StandardCharsets.UTF_8))
                .post(pathAndQuery);
    }
}
