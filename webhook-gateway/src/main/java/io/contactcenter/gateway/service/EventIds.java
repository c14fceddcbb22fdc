package io.contactcenter.gateway.service;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Deterministic event ids: a name-based (v3) UUID of the facts that identify one Vonage webhook, so the same
 * webhook delivered twice yields the same id and consumers can drop the copy.
 */
public final class EventIds {

    private EventIds() {
    }

    public static String of(Object... facts) {
        String name = Stream.of(facts).map(f -> Objects.toString(f, "")).collect(Collectors.joining("|", "webhook-gateway|", ""));
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
