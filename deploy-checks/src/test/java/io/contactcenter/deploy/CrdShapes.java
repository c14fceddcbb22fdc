package io.contactcenter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structural checks of the custom resources we deploy (Strimzi {@code kafka.strimzi.io/v1}, CloudNativePG
 * {@code postgresql.cnpg.io/v1}, Gateway API {@code gateway.networking.k8s.io/v1}): required fields, value types, allowed values, and no unknown field in the parts
 * we write. No Java model of these CRDs resolves here, so this is a hand-written subset of their schemas, taken
 * from the operators' API references; a field we start to use must be added here first.
 */
final class CrdShapes {

    /** A rule for one JSON node. */
    interface Shape {
        void check(JsonNode node, String path, List<String> problems);
    }

    static final Shape STRING = (n, p, out) -> {
        if (!n.isTextual() || n.asText().isBlank()) {
            out.add(p + ": expected a non-empty string, got " + n);
        }
    };
    static final Shape BOOLEAN = (n, p, out) -> {
        if (!n.isBoolean()) {
            out.add(p + ": expected true or false, got " + n);
        }
    };
    static final Shape SCALAR = (n, p, out) -> {
        if (!n.isValueNode() || n.isNull()) {
            out.add(p + ": expected a string, number or boolean, got " + n);
        }
    };
    /** An object whose content this project does not check (e.g. operator defaults we leave empty). */
    static final Shape ANY_OBJECT = (n, p, out) -> {
        if (!n.isObject()) {
            out.add(p + ": expected an object, got " + n);
        }
    };
    static final Shape RESOURCES = (n, p, out) -> StrictModel.checkTyped(n, ResourceRequirements.class, p, out);
    /** A Kubernetes NetworkPolicyPeer (podSelector / namespaceSelector / ipBlock), strictly. */
    static final Shape NETWORK_POLICY_PEER = (n, p, out) -> StrictModel.checkTyped(n, NetworkPolicyPeer.class, p, out);

    static Shape integer(long min, long max) {
        return (n, p, out) -> {
            if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
                out.add(p + ": expected an integer in [" + min + ", " + max + "], got " + n);
            }
        };
    }

    static Shape oneOf(String... values) {
        Set<String> allowed = Set.of(values);
        return (n, p, out) -> {
            if (!n.isTextual() || !allowed.contains(n.asText())) {
                out.add(p + ": expected one of " + allowed + ", got " + n);
            }
        };
    }

    static Shape listOf(Shape element) {
        return (n, p, out) -> {
            if (!n.isArray() || n.isEmpty()) {
                out.add(p + ": expected a non-empty list, got " + n);
                return;
            }
            for (int i = 0; i < n.size(); i++) {
                element.check(n.get(i), p + "[" + i + "]", out);
            }
        };
    }

    static Shape mapOf(Shape value) {
        return (n, p, out) -> {
            if (!n.isObject()) {
                out.add(p + ": expected a map, got " + n);
                return;
            }
            n.fields().forEachRemaining(e -> value.check(e.getValue(), p + "." + e.getKey(), out));
        };
    }

    /** An object with known fields; names starting with '!' are required. Any other field is reported. */
    static Shape object(Object... nameShapePairs) {
        Map<String, Shape> fields = new LinkedHashMap<>();
        Set<String> required = new java.util.HashSet<>();
        for (int i = 0; i < nameShapePairs.length; i += 2) {
            String name = (String) nameShapePairs[i];
            if (name.startsWith("!")) {
                name = name.substring(1);
                required.add(name);
            }
            fields.put(name, (Shape) nameShapePairs[i + 1]);
        }
        return (n, p, out) -> {
            if (!n.isObject()) {
                out.add(p + ": expected an object, got " + n);
                return;
            }
            for (String name : required) {
                if (!n.has(name) || n.get(name).isNull()) {
                    out.add(p + "." + name + ": required");
                }
            }
            for (Iterator<String> names = n.fieldNames(); names.hasNext();) {
                String name = names.next();
                Shape shape = fields.get(name);
                if (shape == null) {
                    out.add(p + "." + name + ": unknown field (known: " + fields.keySet() + ")");
                } else {
                    shape.check(n.get(name), p + "." + name, out);
                }
            }
        };
    }

    private static final Shape METADATA = object("!name", STRING, "namespace", STRING,
            "labels", mapOf(STRING), "annotations", mapOf(STRING));
    private static final Shape STRIMZI_METADATA = (n, p, out) -> {
        METADATA.check(n, p, out);
        if (!n.path("labels").has("strimzi.io/cluster")) {
            out.add(p + ".labels: strimzi.io/cluster (the Kafka it belongs to) required");
        }
    };

    private static final Shape LISTENER = object(
            "!name", (Shape) (n, p, out) -> {
                if (!n.isTextual() || !n.asText().matches("[a-z0-9]{1,11}")) {
                    out.add(p + ": listener names are 1 to 11 lower-case letters or digits, got " + n);
                }
            },
            "!port", integer(9092, 65535),
            "!type", oneOf("internal", "cluster-ip", "route", "loadbalancer", "nodeport", "ingress"),
            "!tls", BOOLEAN,
            "authentication", object("!type", oneOf("tls", "scram-sha-512", "oauth", "custom"),
                    "listenerConfig", ANY_OBJECT, "sasl", BOOLEAN, "secrets", listOf(ANY_OBJECT)),
            "configuration", ANY_OBJECT, "networkPolicyPeers", listOf(NETWORK_POLICY_PEER));

    private static final Shape KAFKA_SPEC = object(
            "!kafka", object("!listeners", listOf(LISTENER), "config", mapOf(SCALAR), "version", STRING,
                    "metadataVersion", STRING,
                    "authorization", object("!type", oneOf("simple", "opa", "keycloak", "custom"),
                            "superUsers", listOf(STRING)),
                    "rack", ANY_OBJECT,
                    "template", ANY_OBJECT, "logging", ANY_OBJECT, "metricsConfig", ANY_OBJECT),
            "entityOperator", object("topicOperator", ANY_OBJECT, "userOperator", ANY_OBJECT, "template", ANY_OBJECT),
            "cruiseControl", ANY_OBJECT, "kafkaExporter", ANY_OBJECT);

    private static final Shape VOLUME = object("id", integer(0, 10_000),
            "!type", oneOf("ephemeral", "persistent-claim"), "size", STRING, "class", STRING,
            "deleteClaim", BOOLEAN, "kraftMetadata", oneOf("shared"));

    private static final Shape NODE_POOL_SPEC = object(
            "!replicas", integer(0, 1000),
            "!roles", listOf(oneOf("controller", "broker")),
            "!storage", object("!type", oneOf("jbod", "ephemeral", "persistent-claim"), "volumes", listOf(VOLUME),
                    "size", STRING, "class", STRING, "deleteClaim", BOOLEAN),
            "resources", RESOURCES, "jvmOptions", ANY_OBJECT, "template", ANY_OBJECT);

    private static final Shape TOPIC_SPEC = object("topicName", STRING, "!partitions", integer(1, 100_000),
            "!replicas", integer(1, 32_767), "config", mapOf(SCALAR));

    private static final Shape SECRET_REF = object("!name", STRING);

    /** KafkaUser (v1): in v1 an ACL rule names its operations as a list ("operation" is gone). */
    private static final Shape ACL_RESOURCE = (n, p, out) -> {
        String type = n.path("type").asText();
        if (type.equals("cluster")) {
            object("!type", oneOf("cluster")).check(n, p, out);
        } else {
            object("!type", oneOf("topic", "group", "transactionalId"), "!name", STRING,
                    "patternType", oneOf("literal", "prefix")).check(n, p, out);
        }
    };
    private static final Shape ACL_RULE = object("type", oneOf("allow", "deny"), "!resource", ACL_RESOURCE,
            "host", STRING, "!operations", listOf(oneOf("Read", "Write", "Create", "Delete", "Alter", "Describe",
                    "ClusterAction", "AlterConfigs", "DescribeConfigs", "IdempotentWrite", "All")));
    private static final Shape USER_SPEC = object("userName", STRING,
            "authentication", object("!type", oneOf("tls", "tls-external", "scram-sha-512"),
                    "password", object("!valueFrom", object("secretKeyRef", ANY_OBJECT))),
            "authorization", object("!type", oneOf("simple"), "!acls", listOf(ACL_RULE)),
            "quotas", ANY_OBJECT, "template", ANY_OBJECT);

    private static final Shape CLUSTER_SPEC = object(
            "!instances", integer(1, 100),
            "!storage", object("!size", STRING, "storageClass", STRING, "resizeInUseVolumes", BOOLEAN,
                    "pvcTemplate", ANY_OBJECT),
            "imageName", STRING, "enablePDB", BOOLEAN,
            "postgresql", object("parameters", mapOf(STRING), "pg_hba", listOf(STRING)),
            "bootstrap", object("initdb", object("!database", STRING, "!owner", STRING, "secret", SECRET_REF)),
            "managed", object("roles", listOf(object("!name", STRING, "ensure", oneOf("present", "absent"),
                    "login", BOOLEAN, "superuser", BOOLEAN, "createdb", BOOLEAN, "inherit", BOOLEAN,
                    "connectionLimit", integer(-1, 100_000), "comment", STRING, "inRoles", listOf(STRING),
                    "passwordSecret", SECRET_REF))),
            "resources", RESOURCES, "affinity", ANY_OBJECT, "monitoring", ANY_OBJECT, "backup", ANY_OBJECT);

    private static final Shape DATABASE_SPEC = object("!name", STRING, "!owner", STRING,
            "!cluster", object("!name", STRING), "ensure", oneOf("present", "absent"));

    /** Gateway API v1 (standard channel): the fields of Gateway and HTTPRoute that components/gateway-api uses. */
    private static final Shape GATEWAY_SPEC = object("!gatewayClassName", STRING,
            "!listeners", listOf(object("!name", STRING, "!protocol", oneOf("HTTP", "HTTPS", "TLS", "TCP", "UDP"),
                    "!port", integer(1, 65535), "hostname", STRING,
                    "tls", object("mode", oneOf("Terminate", "Passthrough"),
                            "certificateRefs", listOf(object("!name", STRING, "kind", STRING, "group", SCALAR,
                                    "namespace", STRING))),
                    "allowedRoutes", object("namespaces", object("from", oneOf("All", "Same", "Selector"),
                            "selector", ANY_OBJECT)))));

    private static final Shape HTTP_ROUTE_RULE = object(
            "matches", listOf(object("path", object("!type", oneOf("Exact", "PathPrefix", "RegularExpression"),
                    "!value", STRING))),
            "filters", listOf(object("!type", oneOf("RequestRedirect", "RequestHeaderModifier", "ResponseHeaderModifier",
                    "URLRewrite"), "requestRedirect", object("scheme", oneOf("http", "https"),
                    "statusCode", (Shape) (n, p, out) -> {
                        if (!n.isInt() || (n.asInt() != 301 && n.asInt() != 302)) {
                            out.add(p + ": expected 301 or 302, got " + n);
                        }
                    }, "hostname", STRING, "port", integer(1, 65535)))),
            "backendRefs", listOf(object("!name", STRING, "!port", integer(1, 65535), "weight", integer(0, 1_000_000))));

    private static final Shape HTTP_ROUTE_SPEC = object(
            "!parentRefs", listOf(object("!name", STRING, "sectionName", STRING, "namespace", STRING, "port",
                    integer(1, 65535))),
            "hostnames", listOf(STRING), "!rules", listOf(HTTP_ROUTE_RULE));

    private static Shape resource(Shape metadata, Shape spec) {
        return object("!apiVersion", STRING, "!kind", STRING, "!metadata", metadata, "!spec", spec);
    }

    private static final Map<String, Shape> SHAPES = Map.of(
            "kafka.strimzi.io/v1/Kafka", resource(METADATA, KAFKA_SPEC),
            "kafka.strimzi.io/v1/KafkaNodePool", resource(STRIMZI_METADATA, NODE_POOL_SPEC),
            "kafka.strimzi.io/v1/KafkaTopic", resource(STRIMZI_METADATA, TOPIC_SPEC),
            "kafka.strimzi.io/v1/KafkaUser", resource(STRIMZI_METADATA, USER_SPEC),
            "postgresql.cnpg.io/v1/Cluster", resource(METADATA, CLUSTER_SPEC),
            "postgresql.cnpg.io/v1/Database", resource(METADATA, DATABASE_SPEC),
            "gateway.networking.k8s.io/v1/Gateway", resource(METADATA, GATEWAY_SPEC),
            "gateway.networking.k8s.io/v1/HTTPRoute", resource(METADATA, HTTP_ROUTE_SPEC));

    private CrdShapes() {
    }

    static boolean knows(String apiVersionAndKind) {
        return SHAPES.containsKey(apiVersionAndKind);
    }

    static void check(String apiVersionAndKind, JsonNode object, String path, List<String> problems) {
        SHAPES.get(apiVersionAndKind).check(object, path, problems);
    }
}
