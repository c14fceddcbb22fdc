package io.contactcenter.directory.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.directory.rest.Roles;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.IOException;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * smallrye-jwt's parser for the bearer tokens of requests: a token whose key id names a calling service is verified
 * with that service's own key and may only hold that service's role ({@link ServiceKeys}); any other token is
 * verified with the issuer's key ({@code AUTH_PUBLIC_KEY_LOCATION}) and may not hold a service role. A verified token
 * is not verified again until it expires.
 *
 * <p>Remembering: the RS256 verification on every request (run by the client compiler, without the server compiler's
 * BigInteger intrinsics) was about a fifth of the directory's CPU at 10 calls/s. A token is only remembered after the
 * full verification (signature, issuer, audience, expiry, roles) passed; the keys are fixed for the life of the
 * process.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RememberingJwtParser extends DefaultJWTParser {

    private static final int CAPACITY = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VerifiedTokens verified;
    private final ServiceKeys serviceKeys;
    private final RevokedTokens revoked;

    public RememberingJwtParser(Clock clock, ServiceKeys serviceKeys, RevokedTokens revoked) {
        this.verified = new VerifiedTokens(clock, CAPACITY);
        this.serviceKeys = serviceKeys;
        this.revoked = revoked;
    }

    /** The verified token; a signed-out one ({@link RevokedTokens}) is refused even when remembered. */
    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken parsed = verify(token);
        if (revoked.isRevoked(parsed.getTokenID())) {
            throw new ParseException("the token was signed out");
        }
        return parsed;
    }

    private JsonWebToken verify(String token) throws ParseException {
        Optional<JsonWebToken> known = verified.find(token);
        if (known.isPresent()) {
            return known.get();
        }
        String keyId = keyId(token);
        Optional<JWTAuthContextInfo> service = serviceKeys.verificationFor(keyId);
        JsonWebToken parsed;
        if (service.isPresent()) {
            parsed = super.parse(token, service.get());
            if (!Set.of(keyId).equals(parsed.getGroups()) || !keyId.equals(parsed.getSubject())) {
                throw new ParseException("a service's key only grants that service's own role");
            }
        } else {
            parsed = super.parse(token);
            if (!Collections.disjoint(parsed.getGroups(), Roles.SERVICES)) {
                throw new ParseException("service roles are only granted by the services' own keys");
            }
        }
        verified.remember(token, parsed);
        return parsed;
    }

    /** The {@code kid} of the token's header, null when there is none or the header is unreadable. */
    private static String keyId(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            JsonNode kid = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, dot))).get("kid");
            return kid != null && kid.isTextual() ? kid.asText() : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
