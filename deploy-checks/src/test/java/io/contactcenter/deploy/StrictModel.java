package io.contactcenter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Strict validation of Kubernetes objects against the fabric8 Kubernetes model: an object must deserialize into
 * its typed class (wrong types fail), and no field may end up in a model class's "additional properties" (the
 * fabric8 classes keep unknown fields there instead of failing, so a misspelt field would otherwise pass).
 * Custom resources are checked with {@link CrdShapes}.
 */
final class StrictModel {

    /** apiVersion/kind → model class: the kinds this project deploys. */
    static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class));

    private StrictModel() {
    }

    /** Every problem of one object; empty when it is valid. */
    static List<String> problems(ObjectNode object) {
        List<String> problems = new ArrayList<>();
        String id = object.path("apiVersion").asText() + " " + Manifest.id(object);
        if (Manifest.name(object).isBlank()) {
            problems.add(id + ": metadata.name missing");
        }
        String type = object.path("apiVersion").asText() + "/" + Manifest.kind(object);
        Class<? extends HasMetadata> model = TYPES.get(type);
        if (model != null) {
            try {
                Object typed = Manifest.YAML.treeToValue(object, model);
                unknownFields(typed, id, problems);
            } catch (Exception e) {
                problems.add(id + ": does not match the " + model.getSimpleName() + " model: " + e.getMessage());
            }
        } else if (CrdShapes.knows(type)) {
            CrdShapes.check(type, object, id, problems);
        } else {
            problems.add(id + ": no schema known for " + type + " (add it to StrictModel or CrdShapes)");
        }
        return problems;
    }

    /** Appends "path: unknown field(s) [...]" for every model object below {@code value} that kept unknown fields. */
    static void unknownFields(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                unknownFields(element, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> unknownFields(element, path + "." + key, problems));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            String name = method.getName();
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || method.getDeclaringClass() == Object.class || !name.startsWith("get")) {
                continue;
            }
            Object property = invoke(method, value);
            if (name.equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            unknownFields(property, path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4), problems);
        }
    }

    /** A sub-tree checked against a model class (e.g. container resources inside a custom resource). */
    static void checkTyped(JsonNode node, Class<?> model, String path, List<String> problems) {
        try {
            unknownFields(Manifest.YAML.treeToValue(node, model), path, problems);
        } catch (Exception e) {
            problems.add(path + ": does not match " + model.getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
