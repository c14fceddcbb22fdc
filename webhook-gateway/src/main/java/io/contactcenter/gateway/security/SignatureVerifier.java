package io.contactcenter.gateway.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;
import io.contactcenter.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Verifies Vonage's signed webhooks: an HS256 JWT in {@code Authorization: Bearer} signed with the account
 * signature secret, whose {@code payload_hash} is the SHA-256 (hex) of the raw request body and whose
 * {@code iat} is neither older than {@code gateway.signature.max-age} nor further in the future than
 * {@code gateway.signature.future-skew}.
 *
 * <p>For a GET webhook (the answer webhook's default) Vonage does not document what is hashed; a token without
 * {@code payload_hash} is accepted there, and a present one must match the SHA-256 of the raw query string, of
 * the compact JSON of the query parameters in URL order, or of the empty body.
 */
@ApplicationScoped
public class SignatureVerifier {

    private static final Logger LOG = Logger.getLogger(SignatureVerifier.class);

    private final boolean enabled;
    private final JWTVerifier verifier;
    private final Duration maxAge;
    private final Duration futureSkew;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    public SignatureVerifier(GatewayConfig config, MeterRegistry meters) {
        GatewayConfig.Signature signature = config.signature();
        this.enabled = signature.enabled();
        this.maxAge = signature.maxAge();
        this.futureSkew = signature.futureSkew();
        this.meters = meters;
        if (enabled) {
            String secret = signature.secret().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "VONAGE_SIGNATURE_SECRET (gateway.signature.secret) is required while signed-webhook verification"
                            + " is on; set it, or set GATEWAY_SIGNATURE_CHECK=false for a local demo only"));
            // iat is checked below with our own bounds, so the library may accept any iat
            this.verifier = JWT.require(Algorithm.HMAC256(secret)).ignoreIssuedAt().build();
        } else {
            this.verifier = null;
        }
    }

    void onStart(@Observes StartupEvent start) {
        if (!enabled) {
            LOG.warn("SIGNED-WEBHOOK VERIFICATION IS OFF (GATEWAY_SIGNATURE_CHECK=false): anybody who can reach this"
                    + " gateway can forge Vonage webhooks. Use this for a local demo only.");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** Checks a POST webhook; throws {@link InvalidSignatureException} when it is not from Vonage. */
    public void verifyBody(String authorization, byte[] body) {
        if (!enabled) {
            return;
        }
        DecodedJWT token = verifyToken(authorization);
        String claimed = token.getClaim("payload_hash").asString();
        if (claimed == null) {
            throw fail("missing_hash", "the token has no payload_hash");
        }
        if (!constantTimeEquals(claimed, sha256Hex(body))) {
            throw fail("hash_mismatch", "payload_hash does not match the request body");
        }
    }

    /** Checks a GET webhook (see the class comment for what its payload_hash may cover). */
    public void verifyQuery(String authorization, String rawQuery, List<Map.Entry<String, String>> params) {
        if (!enabled) {
            return;
        }
        DecodedJWT token = verifyToken(authorization);
        String claimed = token.getClaim("payload_hash").asString();
        if (claimed == null) {
            return;
        }
        String query = rawQuery == null ? "" : rawQuery;
        Map<String, String> ordered = new LinkedHashMap<>();
        params.forEach(p -> ordered.putIfAbsent(p.getKey(), p.getValue()));
        for (byte[] candidate : List.of(query.getBytes(StandardCharsets.UTF_8), compactJson(ordered), new byte[0])) {
            if (constantTimeEquals(claimed, sha256Hex(candidate))) {
                return;
            }
        }
        throw fail("hash_mismatch", "payload_hash does not match the request");
    }

    private DecodedJWT verifyToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw fail("unsigned", "the request is not signed (no Authorization: Bearer token)");
        }
        DecodedJWT token;
        try {
            token = verifier.verify(authorization.substring(7).trim());
        } catch (JWTVerificationException e) {
            throw fail("bad_signature", "the signature token is not valid");
        }
        Instant issuedAt = token.getIssuedAtAsInstant();
        Instant now = clock.instant();
        if (issuedAt == null) {
            throw fail("no_iat", "the signature token has no iat");
        }
        if (issuedAt.isAfter(now.plus(futureSkew))) {
            throw fail("future_iat", "the signature token is issued in the future");
        }
        if (issuedAt.isBefore(now.minus(maxAge))) {
            throw fail("stale_iat", "the signature token is too old");
        }
        return token;
    }

    private InvalidSignatureException fail(String reason, String message) {
        meters.counter("gateway.signature.failures", "reason", reason).increment();
        return new InvalidSignatureException(message);
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.toLowerCase().getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] compactJson(Map<String, String> params) {
        StringBuilder json = new StringBuilder("{");
        params.forEach((k, v) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(k)).append(':').append(quote(v));
        });
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
