package io.contactcenter.simulator.auth;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Application JWTs are checked on every request, also when their signature was verified before. */
class ApplicationJwtVerifierTest {

    private static final String APPLICATION = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab";
    private static final String OTHER_APPLICATION = "bbbbbbbb-bbbb-cccc-dddd-0123456789ab";

    private static KeyPair keys;
    private static KeyPair otherKeys;

    private final Map<String, PublicKey> otherApplications = new ConcurrentHashMap<>();
    private ApplicationJwtVerifier verifier;

    @BeforeAll
    static void generateKeys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        keys = rsa.generateKeyPair();
        otherKeys = rsa.generateKeyPair();
    }

    @BeforeEach
    void newVerifier() {
        verifier = new ApplicationJwtVerifier(pem(keys.getPublic()), APPLICATION, otherApplications::get);
    }

    @Test
    void aValidTokenIsAcceptedOnEveryRequest() {
        String token = token(keys, APPLICATION, "");
        assertNull(verifier.check("Bearer " + token));
        assertNull(verifier.check("Bearer " + token));
    }

    @Test
    void aTamperedTokenIsRefusedAfterTheGenuineOneWasAccepted() {
        String token = token(keys, APPLICATION, "");
        assertNull(verifier.check("Bearer " + token));
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertEquals("bad signature", verifier.check("Bearer " + tampered));
        String forged = token(otherKeys, APPLICATION, "");
        assertEquals("bad signature", verifier.check("Bearer " + forged));
    }

    @Test
    void aTokenOfADeletedApplicationIsRefusedAlthoughItWasAcceptedBefore() {
        otherApplications.put(OTHER_APPLICATION, otherKeys.getPublic());
        String token = token(otherKeys, OTHER_APPLICATION, "");
        assertNull(verifier.check("Bearer " + token));
        otherApplications.remove(OTHER_APPLICATION);
        assertEquals("unknown application_id", verifier.check("Bearer " + token));
    }

    @Test
    void timeClaimsAreHonoured() {
        long now = System.currentTimeMillis() / 1000;
        String expired = token(keys, APPLICATION, ",\"exp\":" + (now - 3600));
        assertEquals("expired", verifier.check("Bearer " + expired));
        assertEquals("expired", verifier.check("Bearer " + expired));
        assertEquals("not yet valid", verifier.check("Bearer " + token(keys, APPLICATION, ",\"nbf\":" + (now + 3600))));
        assertEquals("missing bearer token", verifier.check(null));
        assertEquals("malformed token", verifier.check("Bearer abc"));
    }

    private static String token(KeyPair keys, String application, String moreClaims) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = url.encodeToString(("{\"application_id\":\"" + application + "\",\"iat\":"
                + System.currentTimeMillis() / 1000 + ",\"jti\":\"" + UUID.randomUUID() + "\"" + moreClaims + "}")
                .getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + url.encodeToString(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
