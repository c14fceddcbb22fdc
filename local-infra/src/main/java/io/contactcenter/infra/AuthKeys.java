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
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The RSA key pair that signs the bearer tokens of the contact center's own APIs (directory, survey) and a
 * minter for such tokens: RS256, issuer {@value #ISSUER}, roles in {@code groups} (MicroProfile JWT). Used by
 * the tests and by the local run; production tokens come from the operator's identity provider.
 *
 * <pre>
 * java -cp local-infra/target/local-infra.jar:local-infra/target/lib/* io.contactcenter.infra.AuthKeys \
 *     &lt;key folder&gt; &lt;subject&gt; &lt;role[,role]&gt; [ttl seconds]
 * </pre>
 * creates {@code private.pem}/{@code public.pem} in the folder when missing and prints a token.
 */
public final class AuthKeys {

    public static final String ISSUER = "contact-center";

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

    /** A signed token for {@code subject} with the given roles, valid for {@code ttl}. */
    public String mint(String subject, Collection<String> roles, Duration ttl) {
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String groups = roles.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\","
                + "\"groups\":[" + groups + "],\"iat\":" + now.getEpochSecond() + ",\"exp\":"
                + now.plus(ttl).getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
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
        return mint(subject, java.util.List.of(roles), Duration.ofHours(1));
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: AuthKeys <key folder> <subject> <role[,role]> [ttl seconds]");
            System.exit(2);
        }
        Duration ttl = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 86_400);
        System.out.println(in(Path.of(args[0])).mint(args[1], java.util.List.of(args[2].split(",")), ttl));
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
