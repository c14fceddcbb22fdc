package io.contactcenter.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What earlier runs did that Vonage cannot tell us again: the application's id (names are not unique) and a number
 * bought but perhaps not yet linked (so a re-run after a failed link links it instead of buying a second one).
 * Written after every change, atomically, owner-only.
 */
final class State {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final ObjectNode values;

    private State(Path file, ObjectNode values) {
        this.file = file;
        this.values = values;
    }

    static State load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new State(file, JSON.createObjectNode());
        }
        try {
            return new State(file, (ObjectNode) JSON.readTree(file.toFile()));
        } catch (IOException | ClassCastException e) {
            throw new IOException(file + " is not a state file written by this command (" + e.getMessage()
                    + "); move it away and re-run", e);
        }
    }

    String applicationId() {
        return text("applicationId");
    }

    void applicationId(String id) throws IOException {
        put("applicationId", id);
    }

    /** A number bought for the application, as {country, msisdn}; null when none. */
    String[] boughtNumber() {
        String country = text("boughtCountry");
        String msisdn = text("boughtNumber");
        return country == null || msisdn == null ? null : new String[] {country, msisdn};
    }

    void boughtNumber(String country, String msisdn) throws IOException {
        values.put("boughtCountry", country);
        put("boughtNumber", msisdn);
    }

    private String text(String name) {
        return values.hasNonNull(name) ? values.get(name).asText() : null;
    }

    private void put(String name, String value) throws IOException {
        values.put(name, value);
        KeyFiles.writeOwnerOnly(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(values) + "\n");
    }
}
