package io.contactcenter.directory.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * smallrye-jwt's parser for the bearer tokens of requests, verifying a token once and not again until it expires.
 *
 * <p>The services call the directory with one long-lived service token, and the RS256 verification of it on every
 * request (run by the client compiler, without the server compiler's BigInteger intrinsics) was about a fifth of
 * the directory's CPU at 10 calls/s. A token is only remembered after the full verification (signature, issuer,
 * expiry) passed; the key and issuer are fixed for the life of the process.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RememberingJwtParser extends DefaultJWTParser {

    private static final int CAPACITY = 10_000;

    private final VerifiedTokens verified;

    public RememberingJwtParser(Clock clock) {
        this.verified = new VerifiedTokens(clock, CAPACITY);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Optional<JsonWebToken> known = verified.find(token);
        if (known.isPresent()) {
            return known.get();
        }
        JsonWebToken parsed = super.parse(token);
        verified.remember(token, parsed);
        return parsed;
    }
}
