package io.contactcenter.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** JSON equality for assertions (object key order does not matter, everything else does). */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    public static void assertJson(String expected, String actual) {
        assertEquals(parse(expected), parse(actual), () -> "expected " + parse(expected) + "\n but was " + actual);
    }

    public static void assertJson(String expected, JsonNode actual) {
        assertEquals(parse(expected), actual, () -> "expected " + parse(expected) + "\n but was " + actual);
    }

    /** The gateway's deterministic event id for these facts (contract: v3 UUID of "webhook-gateway|f1|f2..."). */
    public static String eventId(Object... facts) {
        StringBuilder name = new StringBuilder("webhook-gateway");
        for (Object fact : facts) {
            name.append('|').append(fact == null ? "" : fact);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
