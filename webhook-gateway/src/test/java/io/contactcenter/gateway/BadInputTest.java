package io.contactcenter.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Odd requests of every kind end in a 4xx problem+json, never a 500 or a stack trace. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(DirectoryStub.class)
class BadInputTest {

    private static void assertClientError(Response response, String what) {
        int status = response.statusCode();
        assertTrue(status >= 400 && status < 500, what + " gave " + status + ": " + response.asString());
        String body = response.asString();
        assertTrue(!body.contains("Exception") && !body.contains("\tat "), what + " leaks internals: " + body);
    }

    private static Response signedPost(String path, byte[] body, String contentType) {
        String hash = body.length == 0 ? "" : null;
        return given().urlEncodingEnabled(false)
                .header("Authorization", hash != null ? VonageSigner.bearer("") : bearerFor(body))
                .contentType(contentType).body(body).post(path);
    }

    private static String bearerFor(byte[] body) {
        return VonageSigner.bearer(new String(body, StandardCharsets.ISO_8859_1).equals(new String(body, StandardCharsets.UTF_8))
                ? new String(body, StandardCharsets.UTF_8) : "");
    }

    @Test
    void oddRequestsAreClientErrors() {
        int status = rawStatus("GET /webhooks/answer?uuid=%zz&from=1 HTTP/1.1");
        assertTrue(status >= 400 && status < 500, "bad percent-encoding gave " + status);
        assertClientError(given().get("/webhooks/nothing"), "unknown path");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertClientError(signedPost("/webhooks/event", deep.getBytes(StandardCharsets.UTF_8), "application/json"), "deep nesting");
        byte[] notUtf8 = {'{', '"', 'u', 'u', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertClientError(given().header("Authorization", VonageSigner.bearer("x")).contentType("application/json")
                .body(notUtf8).post("/webhooks/event"), "invalid UTF-8 (and hash mismatch)");
        assertClientError(signedPost("/webhooks/input", new byte[0], "application/json"), "empty body");
        assertClientError(given().header("Authorization", VonageSigner.bearer("")).put("/webhooks/event"), "PUT");
        assertClientError(signedPost(Webhooks.url("/webhooks/input", "attempt", "99999999999"), "{\"uuid\":\"u\"}".getBytes(StandardCharsets.UTF_8),
                "application/json"), "huge attempt");
        assertClientError(signedPost("/webhooks/event", ("{\"uuid\":\"" + "u".repeat(300) + "\"}").getBytes(StandardCharsets.UTF_8),
                "application/json"), "overlong uuid");
        given().header("Authorization", "Bearer " + "a".repeat(6000)).contentType("application/json").body("{}")
                .post("/webhooks/event").then().statusCode(lessThan(500));
    }

    /** Sends a request line no HTTP client library would, and returns the status code. */
    private static int rawStatus(String requestLine) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = requestLine + "\r\nHost: 127.0.0.1\r\nAuthorization: " + VonageSigner.bearer("")
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void plainTextContentTypeIsStillReadAsVonageJson() {
        String body = "{\"uuid\":\"" + java.util.UUID.randomUUID() + "\",\"status\":\"ringing\",\"timestamp\":\"2020-01-01T12:00:00.000Z\"}";
        given().header("Authorization", VonageSigner.bearer(body)).contentType("text/plain")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/webhooks/event").then().statusCode(204);
    }
}
