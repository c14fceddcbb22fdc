package io.contactcenter.wallboard.streams;

import java.io.UncheckedIOException;
import java.util.function.ToIntFunction;

/**
 * A source record read from its JSON: the value, or (unreadable, or of a schema version this build does not know)
 * the raw bytes, which go to the topic's dead-letter topic.
 */
record Parsed<T>(T value, byte[] raw) {

    static <T> Parsed<T> of(byte[] raw, Class<T> type, ToIntFunction<T> version, int knownVersion) {
        try {
            T value = raw == null ? null : Json.read(raw, type);
            return value != null && version.applyAsInt(value) <= knownVersion ? new Parsed<>(value, raw)
                    : new Parsed<>(null, raw);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            return new Parsed<>(null, raw);
        }
    }

    boolean readable() {
        return value != null;
    }
}
