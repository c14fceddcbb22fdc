package io.contactcenter.support.vonage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code VONAGE_PRIVATE_KEY} holds either the PEM itself or the path of a PEM file (DESIGN §6). */
public final class PrivateKeys {

    private PrivateKeys() {
    }

    /** The PEM contents named by {@code pemOrPath}. */
    public static String pemContents(String pemOrPath) {
        String value = pemOrPath.strip();
        if (value.startsWith("-----BEGIN")) {
            return value.replace("\\n", "\n");
        }
        try {
            return Files.readString(Path.of(value), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("VONAGE_PRIVATE_KEY is neither a PEM nor a readable file: " + value, e);
        }
    }
}
