package io.contactcenter.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class VonageApplicationKeysTest {

    private final VonageApplicationKeys keys = new VonageApplicationKeys();

    @Test
    void acceptsOnlyAnRs256JwtOfTheApplicationSignedWithItsKey() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"application_id\":\"" + VonageApplicationKeys.APPLICATION_ID + "\",\"jti\":\"j1\",\"iat\":" + now
                + ",\"exp\":" + (now + 60) + "}";
        assertNull(keys.jwtProblem("Bearer " + jwt(keys.privateKeyPem(), "RS256", claims)));

        assertNull(keys.jwtProblem("Bearer " + jwt(keys.privateKeyPem(), "RS256", claims.replaceAll(",\"exp\":\\d+", ""))),
                "exp is optional");
        assertNotNull(keys.jwtProblem("Bearer " + jwt(keys.privateKeyPem(), "RS256",
                claims.replaceAll("\"exp\":\\d+", "\"exp\":" + (now - 10)))), "expired");
        assertEquals("no bearer token", keys.jwtProblem(null));
        assertNotNull(keys.jwtProblem("Bearer " + jwt(new VonageApplicationKeys().privateKeyPem(), "RS256", claims)),
                "another key");
        assertNotNull(keys.jwtProblem("Bearer " + jwt(keys.privateKeyPem(), "RS256", claims.replace("aaaaaaaa", "bbbbbbbb"))),
                "another application");
        assertNotNull(keys.jwtProblem("Bearer " + jwt(keys.privateKeyPem(), "HS256", claims)), "another algorithm");
        assertNotNull(keys.jwtProblem("Bearer " + jwt(keys.privateKeyPem(), "RS256", claims.replace("\"jti\":\"j1\",", ""))),
                "no jti");
    }

    private static String jwt(String pem, String alg, String claims) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String unsigned = b64.encodeToString(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + b64.encodeToString(signature.sign());
    }
}
