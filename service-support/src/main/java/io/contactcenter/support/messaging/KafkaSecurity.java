package io.contactcenter.support.messaging;

import java.util.Map;
import java.util.TreeMap;

/** The security part of a service's {@code kafka.*} settings, for the Kafka clients a service creates itself. */
public final class KafkaSecurity {

    private KafkaSecurity() {
    }

    /** {@code security.*}, {@code sasl.*} and {@code ssl.*} entries with a value (an empty one means "not set"). */
    public static Map<String, Object> settings(Map<String, Object> kafkaConfig) {
        Map<String, Object> security = new TreeMap<>();
        kafkaConfig.forEach((key, value) -> {
            if ((key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl."))
                    && value != null && !value.toString().isBlank()) {
                security.put(key, value);
            }
        });
        return security;
    }
}
