package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every overlay renders with the real Kustomize, and every object in it is valid, strictly. */
class RenderedObjectsTest {

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-native", "prod-gateway-api"})
    void everyRenderedObjectIsValidStrictly(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        assertFalse(manifest.objects().isEmpty(), "overlay " + overlay + " rendered nothing");
        List<String> problems = manifest.objects().stream().flatMap(o -> StrictModel.problems(o).stream()).toList();
        assertEquals(List.of(), problems, "overlay " + overlay);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-native"})
    void rendersTheWholeSystem(String overlay) {
        Map<String, Long> kinds = Project.rendered(overlay).objects().stream()
                .collect(Collectors.groupingBy(Manifest::kind, TreeMap::new, Collectors.counting()));
        assertEquals(1, kinds.get("Namespace"));
        assertEquals(5, kinds.get("Deployment"), "gateway, directory, routing, survey, wallboard");
        assertEquals(5, kinds.get("Service"));
        assertEquals(5, kinds.get("PodDisruptionBudget"));
        assertEquals(6, kinds.get("NetworkPolicy"), "one per service and PostgreSQL's");
        assertEquals(3, kinds.get("HorizontalPodAutoscaler"), "gateway, routing, survey");
        assertEquals(1, kinds.get("Ingress"));
        assertEquals(1, kinds.get("Kafka"));
        assertEquals(1, kinds.get("KafkaNodePool"));
        assertEquals(10, kinds.get("KafkaTopic"), "five topics and their dead-letter topics");
        assertEquals(6, kinds.get("KafkaUser"), "gateway, routing, survey, directory, wallboard, dashboards");
        assertEquals(1, kinds.get("Cluster"));
        assertEquals(1, kinds.get("ServiceMonitor"));
        assertTrue(kinds.get("ConfigMap") >= 5, "a ConfigMap per service and the dashboard");
        assertFalse(kinds.containsKey("Secret"), "Secrets are never rendered from the repository: " + kinds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everythingLandsInTheOverlaysNamespace(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        String namespace = Manifest.name(manifest.ofKind("Namespace").get(0));
        assertEquals(overlay.equals("prod") ? "contact-center" : "contact-center-dev", namespace);
        for (ObjectNode object : manifest.objects()) {
            if (!CLUSTER_SCOPED.contains(Manifest.kind(object))) {
                assertEquals(namespace, object.path("metadata").path("namespace").asText(), Manifest.id(object));
            }
        }
    }

    @Test
    void theBaseRendersAndIsValidToo() {
        Manifest base = Manifest.parse(Kustomize.render(Project.kubernetes().resolve("base")));
        assertEquals(List.of(), base.objects().stream().flatMap(o -> StrictModel.problems(o).stream()).toList());
    }

    @Test
    void theSecretExampleIsValidAndHoldsOnlyPlaceholders() {
        Manifest example = Manifest.read(Project.secretExample());
        assertEquals(List.of(), example.objects().stream().flatMap(o -> StrictModel.problems(o).stream()).toList());
        example.secrets().forEach((name, keys) -> keys.forEach((key, value) -> {
            boolean userName = key.equals("username");
            assertTrue(userName || value.contains("REPLACE"), name + "/" + key + " must be a placeholder, not a value");
        }));
    }
}
