package io.contactcenter.gateway.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;
import io.contactcenter.gateway.config.GatewayConfig;
import io.contactcenter.support.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
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
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Verifies Vonage's signed webhooks: an HS256 JWT in {@code Authorization: Bearer} signed with the account
 * signature secret, whose {@code payload_hash} is the SHA-256 (hex) of the raw request body and whose
 * {@code iat} is neither older than {@code gateway.signature.max-age} nor further in the future than
 * {@code gateway.signature.future-skew}. Bound to this application: a token naming another application of the
 * account ({@code application_id}, which shares the account's secret) is refused. Bound to its request: a token may
 * be presented again only with the very same request (Vonage retries that way), see {@link TokenMemory}.
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
    private final Optional<String> applicationId;
    private final TokenMemory tokens;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    public SignatureVerifier(GatewayConfig config, TokenMemory tokens, MeterRegistry meters) {
        GatewayConfig.Signature signature = config.signature();
        this.enabled = signature.enabled();
        this.maxAge = signature.maxAge();
        this.futureSkew = signature.futureSkew();
        this.applicationId = signature.applicationId().map(String::strip).filter(id -> !id.isEmpty());
        this.tokens = tokens;
        this.meters = meters;
        if (!enabled && ConfigUtils.getProfiles().contains("prod")) {
            // the edge must never run open in production: a stray manifest value would let anybody forge webhooks
            throw new IllegalStateException("GATEWAY_SIGNATURE_CHECK=false (gateway.signature.enabled) is refused in"
                    + " the prod profile: signed-webhook verification can only be switched off outside prod, e.g. in"
                    + " dev mode for a local demo");
        }
        if (enabled) {
            String secret = signature.secret().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "VONAGE_SIGNATURE_SECRET (gateway.signature.secret) is required while signed-webhook verification"
                            + " is on; set it (GATEWAY_SIGNATURE_CHECK=false is for a local demo outside prod only)"));
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
        } else if (applicationId.isEmpty()) {
            LOG.warn("VONAGE_APPLICATION_ID is not set: webhooks signed for any application of the Vonage account are"
                    + " accepted");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Checks a POST webhook; throws {@link InvalidSignatureException} when it is not from Vonage for this request,
     * and a 503 {@link ProblemException} while the replay memory is full.
     */
    public void verifyBody(String authorization, SignedRequest request) {
        if (!enabled) {
            return;
        }
        DecodedJWT token = verifyToken(authorization);
        String claimed = token.getClaim("payload_hash").asString();
        if (claimed == null) {
            throw fail("missing_hash", "the token has no payload_hash");
        }
        if (!constantTimeEquals(claimed, sha256Hex(request.body()))) {
            throw fail("hash_mismatch", "payload_hash does not match the request body");
        }
        bind(token, request);
    }

    /**
     * Checks a GET webhook (see the class comment for what its payload_hash may cover). Whatever the hash covers, the
     * replay rule binds the token to the exact raw query of its first use.
     */
    public void verifyQuery(String authorization, SignedRequest request, List<Map.Entry<String, String>> params) {
        if (!enabled) {
            return;
        }
        DecodedJWT token = verifyToken(authorization);
        String claimed = token.getClaim("payload_hash").asString();
        if (claimed != null && !hashCoversQuery(claimed, request.rawQuery(), params)) {
            throw fail("hash_mismatch", "payload_hash does not match the request");
        }
        bind(token, request);
    }

    private static boolean hashCoversQuery(String claimed, String rawQuery, List<Map.Entry<String, String>> params) {
        String query = rawQuery == null ? "" : rawQuery;
        Map<String, String> ordered = new LinkedHashMap<>();
        params.forEach(p -> ordered.putIfAbsent(p.getKey(), p.getValue()));
        for (byte[] candidate : List.of(query.getBytes(StandardCharsets.UTF_8), compactJson(ordered), new byte[0])) {
            if (constantTimeEquals(claimed, sha256Hex(candidate))) {
                return true;
            }
        }
        return false;
    }

    /** The replay rule: a token is good for the request it was first seen with (and Vonage's retries of it) only. */
    private void bind(DecodedJWT token, SignedRequest request) {
        String key = token.getId() != null ? "jti:" + token.getId() : "sha256:" + sha256Hex(
                token.getToken().getBytes(StandardCharsets.UTF_8));
        switch (tokens.use(key, request.fingerprint())) {
            case FIRST, SAME_REQUEST -> {
            }
            case OTHER_REQUEST -> throw fail("replayed", "the signature token was already used for another request");
            case FULL -> {
                meters.counter("gateway.signature.failures", "reason", "replay_memory_full").increment();
                throw new ProblemException(503, "Service Unavailable",
                        "too many signed webhooks in the last minutes to remember; retry");
            }
        }
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
        if (applicationId.isPresent()) {
            Claim claimed = token.getClaim("application_id");
            if (!claimed.isMissing() && !applicationId.get().equals(claimed.asString())) {
                throw fail("wrong_application", "the signature token is for another Vonage application");
            }
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
