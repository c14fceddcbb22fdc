package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public paths of DESIGN §9 and the round before (and nothing else) are routed from the public host to the
 * right Service and port, by the Ingress ({@code base/network/ingress.yaml}) and, equivalently, by the HTTPRoute of
 * {@code components/gateway-api}; each routed Service's {@code http} port leads to the container port {@code http}
 * of the Deployment owning those paths; exactly the services with public paths admit the entrance's proxies in their
 * NetworkPolicy (the Ingress controller's namespace, or the Gateway's), on {@code http}.
 */
class PublicRoutesTest {

    /** A public path: Ingress path type (the HTTPRoute's is {@code PathPrefix} for {@code Prefix}) and its Deployment. */
    record Route(String pathType, String service) {
    }

    /** Every public path → its route. */
    static final Map<String, Route> PUBLIC = Map.ofEntries(
            // Vonage's webhooks and the gateway's built-in hold music (the default musicOnHoldUrl): that one file
            Map.entry("/webhooks/", new Route("Prefix", "webhook-gateway")),
            Map.entry("/audio/hold.wav", new Route("Exact", "webhook-gateway")),
            // the agent desk: page, sign-in, the agent endpoints the page calls, the Client SDK token (no /q/*, no
            // /assignments, no /outbound-calls; admin and service tokens are refused when they come through here)
            Map.entry("/desk/", new Route("Prefix", "agent-directory")),
            Map.entry("/auth/", new Route("Prefix", "agent-directory")),
            Map.entry("/agents/", new Route("Prefix", "agent-directory")),
            Map.entry("/departments/", new Route("Prefix", "agent-directory")),
            Map.entry("/api/jwt", new Route("Exact", "agent-directory")),
            // the supervisors' wallboard: page, read API, server push
            Map.entry("/wallboard/", new Route("Prefix", "wallboard")),
            // routing's call controls (controls contract): calls, supervisors' monitoring audit, recordings
            Map.entry("/calls/", new Route("Prefix", "routing-service")),
            Map.entry("/monitoring/", new Route("Prefix", "routing-service")),
            Map.entry("/recordings", new Route("Exact", "routing-service")));

    private static final Map<String, String> GATEWAY_API_TYPES = Map.of("Prefix", "PathPrefix", "Exact", "Exact");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theIngressRoutesExactlyThePublicPaths(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        List<Ingress> ingresses = manifest.all("Ingress", Ingress.class);
        assertEquals(1, ingresses.size());
        Ingress ingress = ingresses.get(0);
        assertNotNull(ingress.getMetadata().getAnnotations().get("cert-manager.io/cluster-issuer"), "TLS by cert-manager");
        assertEquals(1, ingress.getSpec().getRules().size(), "one host");
        String host = ingress.getSpec().getRules().get(0).getHost();
        assertEquals(List.of(host), ingress.getSpec().getTls().get(0).getHosts());
        assertNotNull(ingress.getSpec().getTls().get(0).getSecretName());
        assertEquals(publicHost(manifest), host, "the host of GATEWAY_PUBLIC_URL");
        Map<String, Route> routed = new TreeMap<>();
        for (HTTPIngressPath path : ingress.getSpec().getRules().get(0).getHttp().getPaths()) {
            String service = path.getBackend().getService().getName();
            assertEquals("http", path.getBackend().getService().getPort().getName(), path.getPath());
            assertEquals(service, deploymentBehind(manifest, service, "http"), path.getPath());
            routed.put(path.getPath(), new Route(path.getPathType(), service));
        }
        assertEquals(new TreeMap<>(PUBLIC), routed, overlay + ": the Ingress's paths");
        theEntranceReachesExactlyThePublicServices(manifest, "ingress-nginx");
    }

    @Test
    void theGatewayApiComponentRoutesTheSamePaths() {
        Manifest manifest = Project.rendered("prod-gateway-api");
        assertTrue(manifest.ofKind("Ingress").isEmpty(), "the HTTPRoute replaces the Ingress");
        JsonNode gateway = manifest.get("Gateway", "contact-center");
        String host = publicHost(manifest);
        for (JsonNode listener : gateway.path("spec").path("listeners")) {
            assertEquals(host, listener.path("hostname").asText(), "listener " + listener.path("name").asText());
        }
        JsonNode https = listener(gateway, "HTTPS");
        assertEquals(443, https.path("port").asInt());
        assertEquals("webhook-gateway-tls", https.path("tls").path("certificateRefs").path(0).path("name").asText());
        assertTrue(gateway.path("metadata").path("annotations").has("cert-manager.io/cluster-issuer"), "TLS by cert-manager");

        Map<String, Route> routed = new TreeMap<>();
        for (JsonNode route : manifest.ofKind("HTTPRoute")) {
            assertEquals(List.of(host), Manifest.YAML.convertValue(route.path("spec").path("hostnames"), List.class));
            JsonNode parent = route.path("spec").path("parentRefs").path(0);
            assertEquals("contact-center", parent.path("name").asText());
            String section = parent.path("sectionName").asText();
            if (section.equals(listener(gateway, "HTTP").path("name").asText())) {
                // plain HTTP: a redirect to HTTPS, never a backend
                for (JsonNode rule : route.path("spec").path("rules")) {
                    assertTrue(rule.path("backendRefs").isMissingNode(), Manifest.name(route));
                    assertEquals("https", rule.path("filters").path(0).path("requestRedirect").path("scheme").asText());
                }
                continue;
            }
            assertEquals(https.path("name").asText(), section, Manifest.name(route) + ": HTTPS only");
            for (JsonNode rule : route.path("spec").path("rules")) {
                assertEquals(1, rule.path("matches").size());
                assertEquals(1, rule.path("backendRefs").size());
                JsonNode path = rule.path("matches").path(0).path("path");
                JsonNode backend = rule.path("backendRefs").path(0);
                String service = backend.path("name").asText();
                int port = backend.path("port").asInt();
                assertEquals(port, servicePort(manifest, service, "http").getPort(), path + ": the Service's http port");
                assertEquals(service, deploymentBehind(manifest, service, "http"), path.toString());
                String type = GATEWAY_API_TYPES.entrySet().stream()
                        .filter(t -> t.getValue().equals(path.path("type").asText())).map(Map.Entry::getKey)
                        .findFirst().orElse(path.path("type").asText());
                routed.put(path.path("value").asText(), new Route(type, service));
            }
        }
        assertEquals(new TreeMap<>(PUBLIC), routed, "the HTTPRoute's paths = the Ingress's");
        theEntranceReachesExactlyThePublicServices(manifest, "envoy-gateway-system");
    }

    /** The gateway serves its hold music at the routed path (AudioResource.HOLD_PATH). */
    @Test
    void theHoldMusicIsServedWhereItIsRouted() throws IOException {
        String resource = Files.readString(Project.root().resolve(
                "webhook-gateway/src/main/java/io/contactcenter/gateway/rest/AudioResource.java"));
        assertTrue(resource.contains("HOLD_PATH = \"/audio/hold.wav\""), "AudioResource serves /audio/hold.wav");
        assertEquals("Exact", PUBLIC.get("/audio/hold.wav").pathType(), "the track only, not a prefix");
    }

    /** Exactly the Deployments with public paths admit the entrance's namespace, on their http port. */
    private static void theEntranceReachesExactlyThePublicServices(Manifest manifest, String entranceNamespace) {
        Set<String> publicServices = PUBLIC.values().stream().map(Route::service).collect(Collectors.toCollection(TreeSet::new));
        Set<String> admitting = new TreeSet<>();
        for (NetworkPolicy policy : manifest.all("NetworkPolicy", NetworkPolicy.class)) {
            for (var rule : policy.getSpec().getIngress()) {
                boolean fromEntrance = rule.getFrom().stream().anyMatch(peer -> peer.getNamespaceSelector() != null
                        && entranceNamespace.equals(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")));
                if (fromEntrance) {
                    assertTrue(rule.getPorts().stream().allMatch(port -> "http".equals(port.getPort().getStrVal())),
                            policy.getMetadata().getName() + ": the entrance reaches the http port only");
                    admitting.add(policy.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name"));
                }
            }
        }
        assertEquals(publicServices, admitting, "services admitting " + entranceNamespace);
    }

    private static JsonNode listener(JsonNode gateway, String protocol) {
        List<JsonNode> found = new java.util.ArrayList<>();
        gateway.path("spec").path("listeners").forEach(l -> {
            if (l.path("protocol").asText().equals(protocol)) {
                found.add(l);
            }
        });
        assertEquals(1, found.size(), "one " + protocol + " listener");
        return found.get(0);
    }

    private static String publicHost(Manifest manifest) {
        String url = manifest.configMapByBaseName("webhook-gateway-config").orElseThrow().getData().get("GATEWAY_PUBLIC_URL");
        return URI.create(url).getHost();
    }

    private static ServicePort servicePort(Manifest manifest, String service, String portName) {
        Service found = manifest.typed(manifest.get("Service", service), Service.class);
        return found.getSpec().getPorts().stream().filter(p -> portName.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("Service " + service + " has no port " + portName));
    }

    /** The Deployment the Service's port leads to: its selector matches the pods, its targetPort names their port. */
    private static String deploymentBehind(Manifest manifest, String serviceName, String portName) {
        Service service = manifest.typed(manifest.get("Service", serviceName), Service.class);
        ServicePort port = servicePort(manifest, serviceName, portName);
        List<Deployment> selected = manifest.deployments().stream().filter(d -> d.getSpec().getTemplate().getMetadata()
                .getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet())).toList();
        assertEquals(1, selected.size(), "Service " + serviceName + " selects one Deployment's pods");
        Container container = selected.get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
        String target = port.getTargetPort() == null ? null
                : port.getTargetPort().getStrVal() != null ? port.getTargetPort().getStrVal() : null;
        ContainerPort http = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow();
        assertTrue("http".equals(target) || (target == null && port.getTargetPort() != null
                        && http.getContainerPort().equals(port.getTargetPort().getIntVal()))
                        || (port.getTargetPort() == null && http.getContainerPort().equals(port.getPort())),
                "Service " + serviceName + " port " + portName + " leads to the container port http");
        return selected.get(0).getMetadata().getName();
    }
}
