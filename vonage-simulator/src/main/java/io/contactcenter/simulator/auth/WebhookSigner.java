package io.contactcenter.simulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Signs webhooks as Vonage does: HS256 JWT with iat, jti, iss "Vonage", payload_hash, api_key, application_id. */
public final class WebhookSigner {

    private final byte[] secret;
    private final String apiKey;
    private final String applicationId;
    private final ObjectMapper json = new ObjectMapper();

    public WebhookSigner(String secret, String apiKey, String applicationId) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.apiKey = apiKey;
        this.applicationId = applicationId;
    }

    public static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bearer token for a request whose exact body bytes are {@code body} (empty for GET). */
    public String sign(byte[] body) {
        try {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iat", System.currentTimeMillis() / 1000);
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("iss", "Vonage");
            claims.put("payload_hash", sha256Hex(body));
            claims.put("api_key", apiKey);
            claims.put("application_id", applicationId);
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String head = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = url.encodeToString(json.writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] signature = mac.doFinal((head + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return head + "." + payload + "." + url.encodeToString(signature);
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign webhook", e);
        }
    }
}
