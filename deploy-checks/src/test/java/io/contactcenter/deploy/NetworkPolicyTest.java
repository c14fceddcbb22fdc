package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Egress of every service and ingress of PostgreSQL are exactly what the services need, derived from what each
 * service is configured to reach (its environment in the manifest), not from the policies themselves:
 * DNS always; Kafka's brokers on the services' listener port when it has {@code KAFKA_BOOTSTRAP_SERVERS}; the
 * CloudNativePG instances on 5432 when it has {@code DB_URL}; the directory's pods on its port when it has
 * {@code DIRECTORY_URL}; public addresses on 443 when it calls the Vonage API ({@code VONAGE_API_BASE_URL}); its own
 * replicas on its port when it is a Kafka Streams application (interactive queries).
 * Any other destination, port, a wider selector or a missing exception fails; so does a missing policy type.
 * PostgreSQL admits exactly the services with a {@code DB_URL}, its own instances and the operator.
 */
class NetworkPolicyTest {

    /** Private, shared, link-local and loopback ranges: never reachable through the Vonage rule. */
    static final List<String> NOT_PUBLIC = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
            "169.254.0.0/16", "127.0.0.0/8");
    static final String CNPG_NAMESPACE = "cnpg-system";

    static String peer(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            return "ip " + peer.getIpBlock().getCidr() + " except " + new TreeSet<>(Optional.ofNullable(
                    peer.getIpBlock().getExcept()).orElse(List.of()));
        }
        return "ns " + selector(peer.getNamespaceSelector()) + " pods " + selector(peer.getPodSelector());
    }

    private static String selector(LabelSelector selector) {
        if (selector == null) {
            return "(this namespace)";
        }
        assertTrue(selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty(),
                "match expressions are not used here: " + selector);
        return new TreeMap<>(Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of())).toString();
    }

    private static String port(NetworkPolicyPort port) {
        IntOrString value = port.getPort();
        assertTrue(value != null, "a rule without a port allows every port");
        assertTrue(port.getEndPort() == null, "no port ranges");
        return (value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal()) + "/"
                + Optional.ofNullable(port.getProtocol()).orElse("TCP");
    }

    /** A rule flattened to "peer → port" pairs; a rule without peers or ports is reported as "anything". */
    static Set<String> flatten(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports, String what) {
        assertFalse(peers == null || peers.isEmpty(), what + ": a rule without peers allows everyone");
        assertFalse(ports == null || ports.isEmpty(), what + ": a rule without ports allows every port");
        Set<String> pairs = new TreeSet<>();
        for (NetworkPolicyPeer p : peers) {
            for (NetworkPolicyPort port : ports) {
                pairs.add(peer(p) + " -> " + port(port));
            }
        }
        return pairs;
    }

    static Set<String> egress(NetworkPolicy policy) {
        Set<String> pairs = new TreeSet<>();
        for (NetworkPolicyEgressRule rule : Optional.ofNullable(policy.getSpec().getEgress()).orElse(List.of())) {
            pairs.addAll(flatten(rule.getTo(), rule.getPorts(), policy.getMetadata().getName()));
        }
        return pairs;
    }

    static Set<String> ingress(NetworkPolicy policy) {
        Set<String> pairs = new TreeSet<>();
        for (NetworkPolicyIngressRule rule : Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of())) {
            pairs.addAll(flatten(rule.getFrom(), rule.getPorts(), policy.getMetadata().getName()));
        }
        return pairs;
    }

    private static String pods(Map<String, String> labels) {
        return "ns (this namespace) pods " + new TreeMap<>(labels);
    }

    /** What a Deployment's service needs to reach, from its environment. */
    static Set<String> expectedEgress(Manifest manifest, Deployment deployment) {
        Map<String, String> environment = ContainerEnvironment.resolve(
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0), manifest,
                Manifest.read(Project.secretExample()));
        Set<String> expected = new TreeSet<>();
        String dns = "ns {kubernetes.io/metadata.name=kube-system} pods {k8s-app=kube-dns}";
        expected.add(dns + " -> 53/UDP");
        expected.add(dns + " -> 53/TCP");
        if (environment.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
            String kafka = Manifest.name(manifest.ofKind("Kafka").get(0));
            String port = environment.get("KAFKA_BOOTSTRAP_SERVERS").replaceFirst(".*:", "");
            expected.add(pods(Map.of("strimzi.io/cluster", kafka, "strimzi.io/name", kafka + "-kafka")) + " -> " + port + "/TCP");
        }
        if (environment.containsKey("DB_URL")) {
            String cluster = Manifest.name(manifest.ofKind("Cluster").get(0));
            expected.add(pods(Map.of("cnpg.io/cluster", cluster)) + " -> 5432/TCP");
        }
        if (environment.containsKey("DIRECTORY_URL")) {
            Deployment directory = manifest.typed(manifest.get("Deployment", "agent-directory"), Deployment.class);
            int port = directory.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                    .filter(p -> "http".equals(p.getName())).findFirst().orElseThrow().getContainerPort();
            expected.add(pods(directory.getSpec().getSelector().getMatchLabels()) + " -> " + port + "/TCP");
        }
        if (environment.containsKey("SURVEY_URL")) {
            Deployment survey = manifest.typed(manifest.get("Deployment", "survey-service"), Deployment.class);
            String port = environment.get("SURVEY_URL").replaceFirst(".*:", "");
            expected.add(pods(survey.getSpec().getSelector().getMatchLabels()) + " -> " + port + "/TCP");
        }
        String name = deployment.getMetadata().getName();
        if (ServiceModule.of(name).map(m -> m.hasDependency("kafka-streams")).orElse(false)) {
            // a Kafka Streams service's interactive queries reach the other replicas' stores on its own port
            expected.add(pods(deployment.getSpec().getSelector().getMatchLabels()) + " -> "
                    + ServiceModule.of(name).orElseThrow().httpPort() + "/TCP");
        }
        if (environment.containsKey("VONAGE_API_BASE_URL")) {
            assertTrue(environment.get("VONAGE_API_BASE_URL").startsWith("https://"), "the Vonage API over HTTPS");
            expected.add("ip 0.0.0.0/0 except " + new TreeSet<>(NOT_PUBLIC) + " -> 443/TCP");
        }
        return expected;
    }

    private static NetworkPolicy policyOf(Manifest manifest, Map<String, String> podLabels, String what) {
        List<NetworkPolicy> selecting = manifest.all("NetworkPolicy", NetworkPolicy.class).stream()
                .filter(p -> podLabels.entrySet().containsAll(
                        Optional.ofNullable(p.getSpec().getPodSelector().getMatchLabels()).orElse(Map.of()).entrySet()))
                .toList();
        assertEquals(1, selecting.size(), what + " is selected by exactly one NetworkPolicy");
        return selecting.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceReachesExactlyWhatItIsConfiguredToReach(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        for (Deployment deployment : manifest.deployments()) {
            String name = deployment.getMetadata().getName();
            NetworkPolicy policy = policyOf(manifest, deployment.getSpec().getTemplate().getMetadata().getLabels(), name);
            assertTrue(policy.getSpec().getPolicyTypes().contains("Egress"), name + ": egress denied unless allowed");
            assertEquals(expectedEgress(manifest, deployment), egress(policy), overlay + ": egress of " + name);
        }
    }

    @Test
    void theExpectedEgressIsWhatEachServiceCalls() {
        // the derivation itself, spelled out once: the gateway only DNS, Kafka, directory; routing and survey also
        // PostgreSQL and Vonage; the directory DNS, PostgreSQL, Kafka, survey and Vonage; the wallboard DNS, Kafka, the directory and
        // its own replicas
        Manifest manifest = Project.rendered("prod");
        Map<String, Integer> counts = new TreeMap<>();
        manifest.deployments().forEach(d -> counts.put(d.getMetadata().getName(), expectedEgress(manifest, d).size()));
        assertEquals(Map.of("agent-directory", 6, "webhook-gateway", 4, "routing-service", 6, "survey-service", 6,
                "wallboard", 5), counts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void postgresAdmitsOnlyTheDatabaseOwnersItsInstancesAndTheOperator(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        JsonNode cluster = manifest.ofKind("Cluster").get(0);
        String name = Manifest.name(cluster);
        Map<String, String> instanceLabels = Map.of("cnpg.io/cluster", name, "cnpg.io/instanceRole", "primary",
                "cnpg.io/podRole", "instance");
        NetworkPolicy policy = policyOf(manifest, instanceLabels, "PostgreSQL");
        assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
        Set<String> expected = new TreeSet<>();
        Manifest example = Manifest.read(Project.secretExample());
        for (Deployment deployment : manifest.deployments()) {
            if (ContainerEnvironment.resolve(deployment.getSpec().getTemplate().getSpec().getContainers().get(0), manifest,
                    example).containsKey("DB_URL")) {
                expected.add(pods(deployment.getSpec().getSelector().getMatchLabels()) + " -> 5432/TCP");
            }
        }
        assertEquals(3, expected.size(), "directory, routing and survey own databases");
        expected.add(pods(Map.of("cnpg.io/cluster", name)) + " -> 5432/TCP");
        expected.add(pods(Map.of("cnpg.io/cluster", name)) + " -> 8000/TCP");
        expected.add("ns {kubernetes.io/metadata.name=" + CNPG_NAMESPACE + "} pods (this namespace) -> 8000/TCP");
        assertEquals(expected, ingress(policy), overlay + ": who may connect to PostgreSQL");
    }

    @Test
    void aWidenedPolicyIsNoticed() {
        Manifest manifest = Project.rendered("prod");
        Deployment gateway = manifest.typed(manifest.get("Deployment", "webhook-gateway"), Deployment.class);
        NetworkPolicy policy = manifest.typed(manifest.get("NetworkPolicy", "webhook-gateway"), NetworkPolicy.class);
        assertEquals(expectedEgress(manifest, gateway), egress(policy));
        policy.getSpec().getEgress().get(1).getPorts().add(new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder()
                .withPort(new IntOrString(9092)).withProtocol("TCP").build());
        assertFalse(expectedEgress(manifest, gateway).equals(egress(policy)), "another port is noticed");
        policy.getSpec().getEgress().get(1).getPorts().remove(1);
        policy.getSpec().getEgress().get(1).getTo().get(0).getPodSelector().getMatchLabels().remove("strimzi.io/name");
        assertFalse(expectedEgress(manifest, gateway).equals(egress(policy)), "a wider selector is noticed");
    }
}
