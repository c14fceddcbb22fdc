package io.contactcenter.directory.security;

import io.contactcenter.directory.config.DirectoryConfig;
import io.contactcenter.directory.rest.Roles;
import io.contactcenter.support.vonage.PrivateKeys;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The calling services' public keys ({@code AUTH_<SERVICE>_PUBLIC_KEY}), each trusted for exactly one identity: a
 * token whose key id names a service is verified with that service's key only, must be issued by and about that
 * service, for audience {@value #AUDIENCE}, live at most {@link #MAX_LIFETIME_SECONDS}, and may claim nothing but
 * that service's role.
 */
@ApplicationScoped
public class ServiceKeys {

    public static final String AUDIENCE = "agent-directory";
    /** Services mint 5-minute tokens; anything much longer lived is a mistake or a stolen key at work. */
    static final long MAX_LIFETIME_SECONDS = 900;

    private static final Logger LOG = Logger.getLogger(ServiceKeys.class);

    private final Map<String, JWTAuthContextInfo> verification = new HashMap<>();

    public ServiceKeys(DirectoryConfig config) {
        DirectoryConfig.Auth auth = config.auth();
        trust(Roles.GATEWAY, auth.gatewayPublicKey(), "AUTH_GATEWAY_PUBLIC_KEY");
        trust(Roles.ROUTING, auth.routingPublicKey(), "AUTH_ROUTING_PUBLIC_KEY");
        trust(Roles.SURVEY, auth.surveyPublicKey(), "AUTH_SURVEY_PUBLIC_KEY");
    }

    /** How to verify a token signed under key id {@code keyId}, when that names a service we trust. */
    Optional<JWTAuthContextInfo> verificationFor(String keyId) {
        return Optional.ofNullable(keyId).map(verification::get);
    }

    private void trust(String service, Optional<String> key, String variable) {
        if (key.isEmpty()) {
            LOG.warnf("%s is not set: the %s service cannot call the directory", variable, service);
            return;
        }
        JWTAuthContextInfo info = new JWTAuthContextInfo(publicKey(key.get(), variable), service);
        info.setTokenKeyId(service);
        info.setExpectedAudience(Set.of(AUDIENCE));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setMaxTimeToLiveSecs(MAX_LIFETIME_SECONDS);
        verification.put(service, info);
    }

    private static PublicKey publicKey(String pemOrPath, String variable) {
        String base64 = PrivateKeys.pemContents(pemOrPath, variable).replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is not an RSA public key (PEM, BEGIN PUBLIC KEY)", e);
        }
    }
}
