package io.contactcenter.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.vonage.client.Jsonable;
import com.vonage.client.voice.ncco.Action;
import com.vonage.client.voice.ncco.Ncco;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks an NCCO the way Vonage would see it: every action but {@code connect} must read back into the SDK's own
 * model and serialize to the same JSON (the SDK cannot read {@code connect}, notes §10), and talk, connect and
 * conversation must pass Vonage's published NCCO JSON schema ({@code vonage/ncco-schema.json}, a copy of
 * Nexmo/api-specification json-schemas/ncco-schema.json of 2021). That schema predates two things the live API and
 * SDK 9.3.1 do, so they are checked separately: {@code input} has nested {@code dtmf} settings, and
 * {@code musicOnHoldUrl} is an array of one URL.
 */
public final class NccoValidity {

    private static final ObjectNode SCHEMA = loadSchema();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

    private NccoValidity() {
    }

    public static void assertValid(String ncco) {
        JsonNode actions = Json.parse(ncco);
        assertTrue(actions.isArray() && !actions.isEmpty(), "an NCCO is a non-empty array: " + ncco);
        List<JsonNode> readable = new ArrayList<>();
        for (JsonNode action : actions) {
            String name = action.path("action").asText();
            switch (name) {
                case "talk", "connect", "record" -> assertSchema(name, action);
                case "conversation" -> {
                    ObjectNode copy = action.deepCopy();
                    JsonNode moh = copy.remove("musicOnHoldUrl");
                    if (moh != null) {
                        assertTrue(moh.isArray() && moh.size() == 1 && moh.get(0).asText().startsWith("https://"),
                                "musicOnHoldUrl is an array of one URL: " + moh);
                    }
                    assertSchema(name, copy);
                }
                case "input" -> {
                    assertEquals("[\"dtmf\"]", action.get("type").toString());
                    int maxDigits = action.get("dtmf").get("maxDigits").asInt();
                    int timeOut = action.get("dtmf").get("timeOut").asInt();
                    assertTrue(maxDigits == 1 && timeOut >= 1 && timeOut <= 10, action.toString());
                    assertTrue(action.get("eventUrl").isArray() && action.get("eventUrl").size() == 1, action.toString());
                }
                default -> throw new AssertionError("unexpected action " + name + " in " + ncco);
            }
            if (!"connect".equals(name)) {
                readable.add(action);
            }
        }
        if (!readable.isEmpty()) {
            try {
                String json = Json.MAPPER.writeValueAsString(readable);
                List<Action> model = Jsonable.createDefaultObjectMapper().readValue(json, new TypeReference<List<Action>>() {
                });
                assertEquals(Json.parse(json), Json.parse(new Ncco(model).toJson()), "SDK round trip of " + json);
            } catch (Exception e) {
                throw new AssertionError("the SDK cannot read " + ncco, e);
            }
        }
    }

    private static void assertSchema(String action, JsonNode node) {
        ObjectNode schema = SCHEMA.deepCopy();
        schema.remove(List.of("type", "items", "minItems"));
        schema.put("$ref", "#/definitions/ncco-" + action);
        JsonSchema validator = FACTORY.getSchema(schema);
        Set<ValidationMessage> errors = validator.validate(node);
        assertTrue(errors.isEmpty(), action + " action " + node + " breaks the NCCO schema: " + errors);
    }

    private static ObjectNode loadSchema() {
        try (InputStream in = NccoValidity.class.getResourceAsStream("/vonage/ncco-schema.json")) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
