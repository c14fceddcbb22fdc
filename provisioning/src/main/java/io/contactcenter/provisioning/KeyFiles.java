package io.contactcenter.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * The application's RSA key pair in one PKCS#8 PEM file, readable by its owner only. A file that exists is kept
 * (its public half is what the application gets); a missing one is generated and written atomically, so a crash
 * never leaves half a key behind.
 */
final class KeyFiles {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** The private key PEM and the matching public key PEM; {@code created} when this run generated it. */
    record Keys(Path file, String privatePem, String publicPem, boolean created, boolean permissionsRepaired) {
    }

    private KeyFiles() {
    }

    static Keys loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            boolean repaired = false;
            if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                repaired = true;
            }
            return new Keys(file, pem, publicPemOf(pem, file), false, repaired);
        }
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            if (posix(parent.getRoot())) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(parent);
            }
        }
        Path temporary = ownerOnlyTemporary(file, privatePem);
        try {
            Files.move(temporary, file); // a rename in the same folder; refuses to replace a key another run just wrote
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(temporary);
            return loadOrCreate(file);
        }
        return new Keys(file, privatePem, pem("PUBLIC KEY", pair.getPublic().getEncoded()), true, false);
    }

    /** The public half of a PKCS#8 RSA private key PEM. */
    static String publicPemOf(String privatePem, Path file) {
        if (privatePem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException(file + " is a PKCS#1 key; Vonage's JWTs need PKCS#8: "
                    + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out " + file + ".pk8 and use that file");
        }
        try {
            String base64 = privatePem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return pem("PUBLIC KEY", rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(),
                    key.getPublicExponent())).getEncoded());
        } catch (Exception e) {
            throw new IllegalArgumentException(file + " is not an RSA private key in PKCS#8 PEM form (" + e.getMessage()
                    + "); move it away to let a new key be generated");
        }
    }

    /** The base64 body of a PEM, for comparing keys whatever their line breaks. */
    static String body(String pem) {
        return pem == null ? "" : pem.replace("\\n", "\n").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    static boolean posix(Path path) {
        return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Writes a file readable by its owner only, atomically (a temporary file beside it, then a rename). */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.move(ownerOnlyTemporary(file, content), file, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** A new owner-only file with the content beside {@code file} (created so from the start: never readable by others). */
    private static Path ownerOnlyTemporary(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path temporary = parent.resolve("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.deleteIfExists(temporary);
        if (posix(parent)) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        return temporary;
    }
}
