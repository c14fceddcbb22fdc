package io.contactcenter.simulator.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Boots the simulator against a {@link ContactCenterStub} and a freshly generated application key pair. One instance
 * per JVM; tests reach both through the static accessors.
 */
public class SimulatorTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String APPLICATION_ID = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab";
    public static final String SIGNATURE_SECRET = "test-signature-secret-0123456789abcdef";
    public static final String NUMBER = "447700900000";
    public static final double TIME_FACTOR = 20;

    private static ContactCenterStub contactCenter;
    private static String privateKeyPem;
    private static String otherPrivateKeyPem;

    public static synchronized ContactCenterStub contactCenter() {
        return contactCenter;
    }

    public static String privateKeyPem() {
        return privateKeyPem;
    }

    /** A key the simulator does not know. */
    public static String otherPrivateKeyPem() {
        return otherPrivateKeyPem;
    }

    @Override
    public synchronized Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            privateKeyPem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
            otherPrivateKeyPem = pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
            String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
            if (contactCenter == null) {
                contactCenter = new ContactCenterStub();
            }
            return Map.ofEntries(
                    Map.entry("simulator.answer-url", contactCenter.url("/webhooks/answer")),
                    Map.entry("simulator.event-url", contactCenter.url("/webhooks/event")),
                    Map.entry("simulator.fallback-answer-url", contactCenter.url("/webhooks/fallback")),
                    Map.entry("simulator.signature-secret", SIGNATURE_SECRET),
                    Map.entry("simulator.application-id", APPLICATION_ID),
                    Map.entry("simulator.application-public-key", publicPem),
                    Map.entry("simulator.number", NUMBER),
                    Map.entry("simulator.region-url", "https://api-eu-3.vonage.com"),
                    Map.entry("simulator.time-factor", String.valueOf(TIME_FACTOR)),
                    Map.entry("simulator.webhook.retry-delay-millis", "100"),
                    // every loopback address reaches the simulator: 127.0.0.2 stands for a second region's host
                    Map.entry("quarkus.http.host", "0.0.0.0"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Override
    public void stop() {
        // the stub lives as long as the JVM: Quarkus may restart between classes
    }
}
