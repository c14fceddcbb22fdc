package io.contactcenter.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The objects of a rendered overlay (or of any multi-document YAML file), raw and typed. */
record Manifest(List<ObjectNode> objects) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static Manifest parse(String yaml) {
        try {
            List<ObjectNode> objects = new ArrayList<>();
            for (JsonNode node : YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll()) {
                if (node == null || node.isNull() || node.isMissingNode() || node.isEmpty()) {
                    continue;
                }
                if (!node.isObject()) {
                    throw new IllegalArgumentException("not a Kubernetes object: " + node);
                }
                objects.add((ObjectNode) node);
            }
            return new Manifest(List.copyOf(objects));
        } catch (IOException e) {
            throw new UncheckedIOException("unparseable YAML: " + e.getMessage(), e);
        }
    }

    static Manifest read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String id(JsonNode object) {
        return kind(object) + "/" + name(object);
    }

    List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(kind(o))).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst();
    }

    ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in the manifest"));
    }

    <T> T typed(JsonNode object, Class<T> type) {
        try {
            return YAML.treeToValue(object, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError(id(object) + " is not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    <T> List<T> all(String kind, Class<T> type) {
        return ofKind(kind).stream().map(o -> typed(o, type)).toList();
    }

    List<Deployment> deployments() {
        return all("Deployment", Deployment.class);
    }

    /** ConfigMap data by the name a Deployment refers to (generated names included). */
    Optional<Map<String, String>> configMapData(String name) {
        return find("ConfigMap", name).map(o -> typed(o, ConfigMap.class))
                .map(c -> c.getData() == null ? Map.of() : c.getData());
    }

    /** A generated ConfigMap by its name before Kustomize appended the content hash. */
    Optional<ConfigMap> configMapByBaseName(String baseName) {
        return ofKind("ConfigMap").stream()
                .filter(o -> name(o).equals(baseName) || name(o).matches(java.util.regex.Pattern.quote(baseName) + "-[a-z0-9]{10}"))
                .map(o -> typed(o, ConfigMap.class)).findFirst();
    }

    /** Secret name → key → value (stringData, or decoded data). */
    Map<String, Map<String, String>> secrets() {
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        for (Secret secret : all("Secret", Secret.class)) {
            Map<String, String> values = new LinkedHashMap<>();
            if (secret.getData() != null) {
                secret.getData().forEach((k, v) -> values.put(k, new String(java.util.Base64.getDecoder().decode(v),
                        java.nio.charset.StandardCharsets.UTF_8)));
            }
            if (secret.getStringData() != null) {
                values.putAll(secret.getStringData());
            }
            secrets.put(secret.getMetadata().getName(), values);
        }
        return secrets;
    }
}
