package io.contactcenter.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment a container gets in the cluster: literal values, the rendered ConfigMaps, the Secrets (and
 * the auth-public-key ConfigMap) the operator creates from secret.example.yaml, and the Secrets Strimzi makes
 * ({@link OperatorSecrets}). A reference that resolves nowhere
 * fails: that is a missing key in the example or a misspelt name.
 */
final class ContainerEnvironment {

    private ContainerEnvironment() {
    }

    static Map<String, String> resolve(Container container, Manifest rendered, Manifest example) {
        Map<String, String> environment = new LinkedHashMap<>();
        String where = "container " + container.getName();
        if (container.getEnvFrom() != null) {
            for (EnvFromSource source : container.getEnvFrom()) {
                if (source.getConfigMapRef() != null) {
                    String name = source.getConfigMapRef().getName();
                    environment.putAll(configMap(name, rendered, example)
                            .orElseThrow(() -> new AssertionError(where + ": envFrom ConfigMap " + name + " exists neither "
                                    + "in the overlay nor in secret.example.yaml")));
                }
                if (source.getSecretRef() != null) {
                    String name = source.getSecretRef().getName();
                    Map<String, String> secret = OperatorSecrets.all(rendered, example).get(name);
                    if (secret == null) {
                        throw new AssertionError(where + ": envFrom Secret " + name + " is neither in secret.example.yaml "
                                + "nor made by an operator");
                    }
                    environment.putAll(secret);
                }
            }
        }
        if (container.getEnv() != null) {
            for (EnvVar variable : container.getEnv()) {
                environment.put(variable.getName(), value(variable, rendered, example, where));
            }
        }
        return environment;
    }

    private static String value(EnvVar variable, Manifest rendered, Manifest example, String where) {
        EnvVarSource from = variable.getValueFrom();
        if (from == null) {
            return variable.getValue() == null ? "" : variable.getValue();
        }
        if (from.getSecretKeyRef() != null) {
            String name = from.getSecretKeyRef().getName();
            String key = from.getSecretKeyRef().getKey();
            String value = OperatorSecrets.all(rendered, example).getOrDefault(name, Map.of()).get(key);
            if (value == null) {
                throw new AssertionError(where + ": " + variable.getName() + " reads key " + key + " of Secret " + name
                        + ", which neither secret.example.yaml nor an operator (OperatorSecrets) has");
            }
            return value;
        }
        if (from.getConfigMapKeyRef() != null) {
            String name = from.getConfigMapKeyRef().getName();
            String key = from.getConfigMapKeyRef().getKey();
            String value = configMap(name, rendered, example).orElse(Map.of()).get(key);
            if (value == null) {
                throw new AssertionError(where + ": " + variable.getName() + " reads key " + key + " of ConfigMap " + name
                        + ", which does not exist");
            }
            return value;
        }
        throw new AssertionError(where + ": " + variable.getName() + " uses a kind of valueFrom deploy-checks does not know");
    }

    static Optional<Map<String, String>> configMap(String name, Manifest rendered, Manifest example) {
        return rendered.configMapData(name).or(() -> example.configMapData(name));
    }
}
