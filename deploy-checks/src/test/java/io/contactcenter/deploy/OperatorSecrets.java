package io.contactcenter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Secrets the operators create from the rendered manifest, with the keys they are documented to hold (values are
 * stand-ins): Strimzi's User Operator makes one per SCRAM-SHA-512 {@code KafkaUser}, named like the user, with
 * {@code password} and {@code sasl.jaas.config}; the Cluster Operator makes {@code <kafka>-cluster-ca-cert} with
 * {@code ca.crt}, {@code ca.p12} and {@code ca.password}. Deployments may refer to these besides the Secrets of
 * secret.example.yaml.
 */
final class OperatorSecrets {

    static final String JAAS_KEY = "sasl.jaas.config";

    private OperatorSecrets() {
    }

    static Map<String, Map<String, String>> of(Manifest rendered) {
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        for (JsonNode user : rendered.ofKind("KafkaUser")) {
            if (user.path("spec").path("authentication").path("type").asText().equals("scram-sha-512")) {
                String name = Manifest.name(user);
                secrets.put(name, Map.of("password", "generated-by-strimzi", JAAS_KEY,
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
                                + "\" password=\"generated-by-strimzi\";"));
            }
        }
        for (JsonNode kafka : rendered.ofKind("Kafka")) {
            secrets.put(clusterCaCert(Manifest.name(kafka)), Map.of("ca.crt", "generated-by-strimzi",
                    "ca.p12", "generated-by-strimzi", "ca.password", "generated-by-strimzi"));
        }
        return secrets;
    }

    static String clusterCaCert(String kafka) {
        return kafka + "-cluster-ca-cert";
    }

    /** The example's Secrets and the operators' (a name in both is an error). */
    static Map<String, Map<String, String>> all(Manifest rendered, Manifest example) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>(example.secrets());
        of(rendered).forEach((name, keys) -> {
            if (all.put(name, keys) != null) {
                throw new AssertionError("Secret " + name + " is both in secret.example.yaml and made by an operator");
            }
        });
        return all;
    }
}
