package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent desk is public: the Ingress routes exactly its paths to the agent directory (the page, agents' sign-in,
 * the agent endpoints the page calls, the Client SDK token), nothing else of the directory (no {@code /q/*}, no
 * {@code /assignments}, no {@code /outbound-calls}), and the directory's NetworkPolicy lets the Ingress controller in.
 * The other public paths stay the gateway's webhooks (ManifestConsistencyTest).
 */
class DeskExposureTest {

    /** Path → path type of every Ingress path leading to the agent directory. */
    static final Map<String, String> DESK_PATHS = Map.of("/desk/", "Prefix", "/auth/", "Prefix", "/agents/", "Prefix",
            "/departments/", "Prefix", "/api/jwt", "Exact");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theIngressRoutesExactlyTheDesksPathsToTheDirectory(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        Ingress ingress = manifest.all("Ingress", Ingress.class).get(0);
        Map<String, String> toDirectory = new TreeMap<>();
        for (var rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                if ("agent-directory".equals(path.getBackend().getService().getName())) {
                    assertEquals("http", path.getBackend().getService().getPort().getName());
                    toDirectory.put(path.getPath(), path.getPathType());
                }
            }
        }
        assertEquals(new TreeMap<>(DESK_PATHS), toDirectory, overlay + ": the directory's public paths");

        NetworkPolicy directory = manifest.all("NetworkPolicy", NetworkPolicy.class).stream()
                .filter(p -> "agent-directory".equals(p.getSpec().getPodSelector().getMatchLabels()
                        .get("app.kubernetes.io/name"))).findFirst().orElseThrow();
        assertTrue(directory.getSpec().getIngress().stream().anyMatch(rule -> rule.getFrom().stream()
                        .anyMatch(peer -> peer.getNamespaceSelector() != null && "ingress-nginx".equals(
                                peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")))
                        && rule.getPorts().stream().anyMatch(port -> "http".equals(port.getPort().getStrVal()))),
                "the Ingress controller reaches the directory's http port");
    }
}
