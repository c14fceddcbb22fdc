package io.contactcenter.support.vonage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code VONAGE_PRIVATE_KEY} (and {@code DIRECTORY_SERVICE_KEY}) hold either the PEM itself or the path of a PEM file
 * (DESIGN §6).
 */
public final class PrivateKeys {

    private PrivateKeys() {
    }

    /** The PEM contents named by {@code pemOrPath}. */
    public static String pemContents(String pemOrPath) {
        return pemContents(pemOrPath, "VONAGE_PRIVATE_KEY");
    }

    /** The PEM contents named by {@code pemOrPath}, the value of {@code variable} (named when it is unusable). */
    public static String pemContents(String pemOrPath, String variable) {
        String value = pemOrPath.strip();
        if (value.startsWith("-----BEGIN")) {
            return value.replace("\\n", "\n");
        }
        try {
            return Files.readString(Path.of(value), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(variable + " is neither a PEM nor a readable file: " + value, e);
        }
    }
}
