package io.contactcenter.simulator.account;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The account's Vonage applications (created through the simulated Applications API), in creation order. Their
 * public keys let the Voice and Users APIs accept JWTs signed with the applications' private keys.
 */
@ApplicationScoped
public class ApplicationRegistry {

    private record Stored(ObjectNode application, PublicKey key, long createdAt) {
    }

    private final Map<String, Stored> applications = new ConcurrentHashMap<>();

    public void put(String id, ObjectNode application, PublicKey key) {
        applications.compute(id, (k, old) -> new Stored(application, key, old == null ? System.nanoTime() : old.createdAt()));
    }

    public ObjectNode get(String id) {
        Stored stored = applications.get(id);
        return stored == null ? null : stored.application();
    }

    public boolean remove(String id) {
        return applications.remove(id) != null;
    }

    public boolean exists(String id) {
        return applications.containsKey(id);
    }

    /** The public key of a known application, or null. */
    public PublicKey publicKey(String id) {
        Stored stored = id == null ? null : applications.get(id);
        return stored == null ? null : stored.key();
    }

    public List<ObjectNode> list() {
        List<Stored> all = new ArrayList<>(applications.values());
        all.sort(Comparator.comparingLong(Stored::createdAt));
        return all.stream().map(Stored::application).toList();
    }

    public void clear() {
        applications.clear();
    }

    /** An X.509 (SubjectPublicKeyInfo) RSA public key PEM, or null when it is not one. */
    public static PublicKey parsePublicKey(String pem) {
        if (pem == null || !pem.contains("-----BEGIN PUBLIC KEY-----")) {
            return null;
        }
        try {
            String base64 = pem.replace("\\n", "\n").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            return null;
        }
    }
}
