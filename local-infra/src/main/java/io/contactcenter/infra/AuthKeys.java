package io.contactcenter.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The RSA key pair that signs the bearer tokens of the contact center's own APIs (directory, survey) and a
 * minter for such tokens: RS256, issuer {@value #ISSUER}, roles in {@code groups} (MicroProfile JWT). Used by
 * the tests and by the local run; production tokens come from the operator's identity provider.
 *
 * <p>Each calling service (gateway, routing, survey) has a key pair of its own ({@link #service(String)}, in
 * {@code services/<name>/} of the folder): the service signs its own short-lived directory tokens with the private
 * half ({@code DIRECTORY_SERVICE_KEY}), the directory trusts the public half for that service's role only.
 *
 * <pre>
 * java -cp local-infra/target/local-infra.jar:local-infra/target/lib/* io.contactcenter.infra.AuthKeys \
 *     &lt;key folder&gt; &lt;subject&gt; &lt;role[,role]&gt; [ttl seconds]
 * java ... io.contactcenter.infra.AuthKeys --service-keys &lt;key folder&gt; gateway routing survey
 * </pre>
 * The first creates {@code private.pem}/{@code public.pem} in the folder when missing and prints a token; the
 * second creates the services' key pairs ({@code <key folder>/services/<name>/}) when missing.
 */
public final class AuthKeys {

    public static final String ISSUER = "contact-center";
    /** The services that call the agent directory, each with its own key and role of the same name. */
    public static final List<String> SERVICES = List.of("gateway", "routing", "survey");
    /** The audience of the services' directory tokens. */
    public static final String DIRECTORY_AUDIENCE = "agent-directory";

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private AuthKeys(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** The key pair kept in {@code folder}, generated there (owner-only private key) when missing. */
    public static AuthKeys in(Path folder) {
        try {
            Path privateFile = folder.resolve("private.pem");
            Path publicFile = folder.resolve("public.pem");
            if (!Files.exists(privateFile)) {
                Files.createDirectories(folder);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
                Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            return new AuthKeys(readPrivateKey(Files.readString(privateFile)), publicFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot prepare token keys in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The public key file a service verifies tokens with ({@code mp.jwt.verify.publickey.location}). */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** The PKCS#8 PEM private key file (also usable as a Vonage application key in tests). */
    public Path privateKeyFile() {
        return publicKeyFile.resolveSibling("private.pem");
    }

    /** The key pair of service {@code name} (one of {@link #SERVICES}), made on first use. */
    public AuthKeys service(String name) {
        return in(publicKeyFile.resolveSibling("services").resolve(name));
    }

    /** A signed token for {@code subject} with the given roles, valid for {@code ttl}. */
    public String mint(String subject, Collection<String> roles, Duration ttl) {
        Instant now = Instant.now();
        return sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claims(ISSUER, subject, roles, null, now, now.plus(ttl)));
    }

    /**
     * A token as service {@code service} mints it with this (its own) key for the directory: key id, issuer and
     * subject = the service, audience {@value #DIRECTORY_AUDIENCE}; {@code roles} and the times as given, so tests
     * can also mint the tokens the directory must refuse.
     */
    public String mintAsService(String service, Collection<String> roles, Instant issuedAt, Instant expiresAt) {
        return mintAsService(service, roles, issuedAt, expiresAt, DIRECTORY_AUDIENCE);
    }

    /** As {@link #mintAsService(String, Collection, Instant, Instant)}, for another audience. */
    public String mintAsService(String service, Collection<String> roles, Instant issuedAt, Instant expiresAt,
            String audience) {
        return sign("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + service + "\"}",
                claims(service, service, roles, audience, issuedAt, expiresAt));
    }

    private static String claims(String issuer, String subject, Collection<String> roles, String audience,
            Instant issuedAt, Instant expiresAt) {
        String groups = roles.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        return "{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\","
                + (audience == null ? "" : "\"aud\":\"" + audience + "\",")
                + "\"groups\":[" + groups + "],\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":"
                + expiresAt.getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
    }

    private String sign(String header, String claims) {
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }

    /** A token valid for an hour. */
    public String mint(String subject, String... roles) {
        return mint(subject, List.of(roles), Duration.ofHours(1));
    }

    public static void main(String[] args) {
        if (args.length >= 2 && args[0].equals("--service-keys")) {
            AuthKeys keys = in(Path.of(args[1]));
            for (int i = 2; i < args.length; i++) {
                keys.service(args[i]);
            }
            return;
        }
        if (args.length < 3) {
            System.err.println("usage: AuthKeys <key folder> <subject> <role[,role]> [ttl seconds]\n"
                    + "       AuthKeys --service-keys <key folder> <service>...");
            System.exit(2);
        }
        Duration ttl = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 86_400);
        System.out.println(in(Path.of(args[0])).mint(args[1], List.of(args[2].split(",")), ttl));
    }

    static PrivateKey readPrivateKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /** DER bytes as PEM text of {@code type} (e.g. {@code PRIVATE KEY}), the way key files hold them. */
    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
