package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Vonage fetches the gateway's built-in hold music from the internet ({@code <GATEWAY_PUBLIC_URL>/audio/hold.wav},
 * the default {@code musicOnHoldUrl}): the Ingress routes exactly that file to the gateway, nothing else under
 * {@code /audio/}, and the gateway's NetworkPolicy lets the Ingress controller reach its http port.
 */
class HoldMusicExposureTest {

    static final String HOLD_PATH = "/audio/hold.wav";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theIngressRoutesExactlyTheHoldTrackToTheGateway(String overlay) throws IOException {
        Manifest manifest = Project.rendered(overlay);
        Ingress ingress = manifest.all("Ingress", Ingress.class).get(0);
        List<HTTPIngressPath> audio = ingress.getSpec().getRules().stream()
                .flatMap(rule -> rule.getHttp().getPaths().stream())
                .filter(path -> path.getPath().startsWith("/audio")).toList();
        assertEquals(1, audio.size(), "one path for the hold music: " + audio);
        HTTPIngressPath hold = audio.get(0);
        assertEquals(HOLD_PATH, hold.getPath());
        assertEquals("Exact", hold.getPathType(), "the track only, not a prefix");
        assertEquals("webhook-gateway", hold.getBackend().getService().getName());
        assertEquals("http", hold.getBackend().getService().getPort().getName());
        // the path the gateway serves it at (AudioResource.HOLD_PATH) is this one
        String resource = Files.readString(Project.root().resolve(
                "webhook-gateway/src/main/java/io/contactcenter/gateway/rest/AudioResource.java"));
        assertTrue(resource.contains("HOLD_PATH = \"" + HOLD_PATH + "\""), "AudioResource serves " + HOLD_PATH);

        NetworkPolicy gateway = manifest.all("NetworkPolicy", NetworkPolicy.class).stream()
                .filter(p -> "webhook-gateway".equals(p.getSpec().getPodSelector().getMatchLabels()
                        .get("app.kubernetes.io/name"))).findFirst().orElseThrow();
        assertTrue(gateway.getSpec().getIngress().stream().anyMatch(rule -> rule.getFrom().stream()
                        .anyMatch(peer -> peer.getNamespaceSelector() != null && "ingress-nginx".equals(
                                peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")))
                        && rule.getPorts().stream().anyMatch(port -> "http".equals(port.getPort().getStrVal()))),
                "the Ingress controller reaches the gateway's http port");
    }
}
