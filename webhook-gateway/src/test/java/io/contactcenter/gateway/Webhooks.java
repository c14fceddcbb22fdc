package io.contactcenter.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;

/** Sends webhooks to the gateway the way Vonage does: POST JSON, signed. */
public final class Webhooks {

    private Webhooks() {
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
