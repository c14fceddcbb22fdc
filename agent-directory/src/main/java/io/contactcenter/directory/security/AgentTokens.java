package io.contactcenter.directory.security;

import io.contactcenter.directory.config.DirectoryConfig;
import io.contactcenter.directory.rest.Roles;
import io.contactcenter.support.problem.ProblemException;
import io.contactcenter.support.vonage.PrivateKeys;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Signs agents' sign-in tokens as our issuer: RS256 with the issuer's private key ({@code AUTH_SIGNING_KEY_LOCATION}),
 * {@code iss} = {@code AUTH_ISSUER}, {@code sub} = the agent's id, {@code groups} = {@code agent} (and
 * {@code supervisor} for supervisors), a fresh {@code jti} (sign-out revokes it), {@code DIRECTORY_AGENT_TOKEN_MINUTES}
 * long. The directory verifies them as it verifies the identity provider's tokens, with the public half.
 */
@ApplicationScoped
public class AgentTokens {

    private static final Logger LOG = Logger.getLogger(AgentTokens.class);

    /** A signed token with its expiry, id and roles. */
    public record Signed(String token, String jti, Instant expiresAt, List<String> roles) {
    }

    private final Optional<PrivateKey> signingKey;
    private final String issuer;
    private final Duration lifetime;
    private final Clock clock;

    public AgentTokens(DirectoryConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            Clock clock) {
        this.signingKey = config.auth().signingKey().filter(key -> !key.isBlank()).map(AgentTokens::privateKey);
        this.issuer = issuer;
        this.lifetime = Duration.ofMinutes(config.signIn().agentTokenMinutes());
        this.clock = clock;
        if (signingKey.isEmpty()) {
            LOG.warn("AUTH_SIGNING_KEY_LOCATION is not set: agents cannot sign in with a password");
        }
    }

    public Signed sign(UUID agentId, boolean supervisor) {
        PrivateKey key = signingKey.orElseThrow(() -> new ProblemException(503, "Service Unavailable",
                "sign-in is not configured (AUTH_SIGNING_KEY_LOCATION)"));
        Set<String> roles = new LinkedHashSet<>(List.of(Roles.AGENT));
        if (supervisor) {
            roles.add(Roles.SUPERVISOR);
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        String jti = UUID.randomUUID().toString();
        String token = Jwt.issuer(issuer).subject(agentId.toString()).upn(agentId.toString()).groups(roles)
                .issuedAt(now).expiresAt(expiresAt).claim("jti", jti).jws().sign(key);
        return new Signed(token, jti, expiresAt, List.copyOf(roles));
    }

    private static PrivateKey privateKey(String pemOrPath) {
        String base64 = PrivateKeys.pemContents(pemOrPath, "AUTH_SIGNING_KEY_LOCATION")
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("AUTH_SIGNING_KEY_LOCATION is not an RSA private key (PKCS#8 PEM)", e);
        }
    }
}
