package io.contactcenter.simulator.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import io.contactcenter.simulator.config.SimulatorConfig;

/** The account's api key and secret, which the Applications and Numbers APIs take (HTTP Basic, or query/form parameters). */
@ApplicationScoped
public class AccountCredentials {

    private final String apiKey;
    private final String apiSecret;

    public AccountCredentials(SimulatorConfig config) {
        this.apiKey = config.apiKey();
        this.apiSecret = config.apiSecret();
    }

    public String apiKey() {
        return apiKey;
    }

    /** HTTP Basic {@code api_key:api_secret}. */
    public boolean basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && matches(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean matches(String key, String secret) {
        return key != null && secret != null
                && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), apiKey.getBytes(StandardCharsets.UTF_8))
                && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), apiSecret.getBytes(StandardCharsets.UTF_8));
    }
}
