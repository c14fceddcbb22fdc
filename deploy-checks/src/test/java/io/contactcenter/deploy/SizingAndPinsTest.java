package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sizing and pins (issue 28, item 4): PostgreSQL's connections cover every pool at the HPA maxima, the PostgreSQL
 * major and Kafka versions are pinned, the dashboard does not add up per-replica gauges, a single PostgreSQL
 * instance does not block node drains, and the image kind (JVM or native) carries its own memory.
 */
class SizingAndPinsTest {

    /** Connections kept free of the services' pools: superuser_reserved_connections (3), the operator, a psql. */
    static final int RESERVED_CONNECTIONS = 10;

    /** Agroal's default {@code quarkus.datasource.jdbc.max-size}. */
    static final int QUARKUS_DEFAULT_POOL = 20;

    private static Manifest example() {
        return Manifest.read(Project.secretExample());
    }

    /** The most pods a Deployment can have at once: HPA maximum (or replicas) plus the rolling update's surge. */
    static int maximumPods(Manifest manifest, Deployment deployment) {
        String name = deployment.getMetadata().getName();
        int replicas = manifest.all("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                        && h.getSpec().getScaleTargetRef().getName().equals(name))
                .map(h -> h.getSpec().getMaxReplicas()).findFirst()
                .orElse(Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1));
        var strategy = deployment.getSpec().getStrategy();
        IntOrString surge = new IntOrString("25%"); // Kubernetes' default
        if (strategy != null && "Recreate".equals(strategy.getType())) {
            surge = new IntOrString(0);
        } else if (strategy != null && strategy.getRollingUpdate() != null
                && strategy.getRollingUpdate().getMaxSurge() != null) {
            surge = strategy.getRollingUpdate().getMaxSurge();
        }
        int extra = surge.getIntVal() != null ? surge.getIntVal()
                : (int) Math.ceil(replicas * Integer.parseInt(surge.getStrVal().replace("%", "")) / 100.0);
        return replicas + extra;
    }

    /** The JDBC pool size a container runs with: its environment's override, else application.properties. */
    static int poolSize(Map<String, String> environment, ServiceModule module) {
        String override = environment.get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE");
        if (override != null) {
            return Integer.parseInt(override.strip());
        }
        String configured = module.prodProperties().getProperty("quarkus.datasource.jdbc.max-size");
        return configured == null ? QUARKUS_DEFAULT_POOL : Integer.parseInt(configured.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-native"})
    void postgresConnectionsCoverEveryPoolAtTheHpaMaxima(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        Map<String, String> demand = new LinkedHashMap<>();
        int total = RESERVED_CONNECTIONS;
        for (Deployment deployment : manifest.deployments()) {
            Map<String, String> environment = ContainerEnvironment.resolve(
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0), manifest, example());
            if (!environment.containsKey("DB_URL")) {
                continue;
            }
            String name = deployment.getMetadata().getName();
            Optional<ServiceModule> module = ServiceModule.of(name);
            Assumptions.assumeTrue(module.isPresent(), "module " + name + " is not in this checkout yet");
            int pods = maximumPods(manifest, deployment);
            int pool = poolSize(environment, module.get());
            demand.put(name, pods + " pods x " + pool);
            total += pods * pool;
        }
        assertTrue(demand.size() >= 3, "directory, routing and survey own databases: " + demand);
        ObjectNode cluster = manifest.get("Cluster", "contact-center-db");
        String maxConnections = cluster.path("spec").path("postgresql").path("parameters").path("max_connections").asText();
        assertFalse(maxConnections.isBlank(), "the Cluster sets postgresql.parameters.max_connections");
        int max = Integer.parseInt(maxConnections);
        assertTrue(total <= max, overlay + ": the pools at the HPA maxima plus a rollout's surge " + demand + " plus "
                + RESERVED_CONNECTIONS + " reserved need " + total + " connections, max_connections is " + max);
    }

    private static final Pattern POSTGRES_IMAGE = Pattern.compile(".+/postgresql:(\\d+)\\.(\\d+)(-[a-z0-9.-]+)?");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void postgresMajorVersionIsPinned(String overlay) {
        JsonNode spec = Project.rendered(overlay).get("Cluster", "contact-center-db").path("spec");
        String image = spec.path("imageName").asText();
        assertTrue(POSTGRES_IMAGE.matcher(image).matches(), overlay + ": the Cluster's imageName pins PostgreSQL to a "
                + "major.minor tag (not the operator's default image, which changes major with the operator): '"
                + image + "'");
    }

    static String projectKafkaVersion() throws Exception {
        Matcher version = Pattern.compile("<kafka\\.version>\\s*([^<\\s]+)\\s*</kafka\\.version>")
                .matcher(Files.readString(Project.root().resolve("pom.xml")));
        assertTrue(version.find(), "the root pom has the kafka.version property");
        return version.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kafkaVersionIsPinnedToTheClientsVersion(String overlay) throws Exception {
        JsonNode kafka = Project.rendered(overlay).get("Kafka", "contact-center").path("spec").path("kafka");
        String expected = projectKafkaVersion();
        assertEquals(expected, kafka.path("version").asText(), overlay + ": spec.kafka.version is the Kafka the "
                + "services' clients are built against (root pom kafka.version)");
        String minor = expected.replaceFirst("^(\\d+\\.\\d+).*", "$1");
        String metadata = kafka.path("metadataVersion").asText();
        assertTrue(metadata.matches(Pattern.quote(minor) + "-IV\\d+"), overlay + ": metadataVersion belongs to Kafka "
                + minor + ": '" + metadata + "'");
    }

    /** Gauges of the directory: every replica reports the same whole-database figures. */
    static final Set<String> PER_REPLICA_DIRECTORY_GAUGES = Set.of("directory_agents");

    /** Aggregations that do not multiply a figure every replica reports by the number of replicas. */
    static final Set<String> REPLICA_SAFE = Set.of("max", "min", "avg");

    @Test
    void dashboardNeverAddsUpADirectoryGaugeAcrossReplicas() throws Exception {
        JsonNode dashboard = Manifest.YAML.readTree(Files.readString(
                Project.kubernetes().resolve("base/monitoring/contact-center-dashboard.json")));
        List<String> problems = new ArrayList<>();
        int seen = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                // "sum by (a) (x)" and "sum(x) by (a)": drop the grouping clauses, keep the operator next to its "("
                String expr = target.path("expr").asText().replaceAll("\\b(by|without)\\s*\\([^)]*\\)", "");
                for (String gauge : PER_REPLICA_DIRECTORY_GAUGES) {
                    Matcher use = Pattern.compile("\\b" + gauge + "\\b").matcher(expr);
                    while (use.find()) {
                        seen++;
                        Matcher enclosing = Pattern.compile("([a-z_]+)\\s*\\(\\s*$").matcher(expr.substring(0, use.start()));
                        String aggregation = enclosing.find() ? enclosing.group(1) : "";
                        if (!REPLICA_SAFE.contains(aggregation)) {
                            problems.add(panel.path("title").asText() + ": " + target.path("expr").asText()
                                    + " (" + (aggregation.isEmpty() ? "no aggregation" : aggregation) + " over " + gauge
                                    + "; every directory replica reports it: take max by the gauge's labels first)");
                        }
                    }
                }
            }
        }
        assertTrue(seen > 0, "the dashboard shows the directory's agents");
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void aSinglePostgresInstanceDoesNotBlockNodeDrains(String overlay) {
        JsonNode spec = Project.rendered(overlay).get("Cluster", "contact-center-db").path("spec");
        int instances = spec.path("instances").asInt();
        boolean pdb = !spec.has("enablePDB") || spec.path("enablePDB").asBoolean();
        if (instances < 2) {
            assertFalse(pdb, overlay + ": one PostgreSQL instance with CloudNativePG's PodDisruptionBudget "
                    + "(minAvailable 1) blocks every node drain: set enablePDB: false (or run 2 instances)");
        } else {
            assertTrue(pdb, overlay + ": " + instances + " instances keep CloudNativePG's PodDisruptionBudget");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "prod-native", "dev"})
    void eachImageKindHasItsOwnMemory(String overlay) {
        for (Deployment deployment : Project.rendered(overlay).deployments()) {
            var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            String name = deployment.getMetadata().getName();
            boolean nativeImages = Project.deploysNative(overlay, name);
            assertEquals(nativeImages, !container.getImage().endsWith("-jvm"), overlay + " " + name + ": "
                    + (nativeImages ? "native" : "JVM") + " image expected, got " + container.getImage());
            long limit = Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")).longValue();
            long request = Quantity.getAmountInBytes(container.getResources().getRequests().get("memory")).longValue();
            long mib = 1024 * 1024;
            if (nativeImages) {
                assertEquals(256 * mib, limit, overlay + " " + name + ": native memory limit (components/native)");
            } else {
                // the boot test measured up to 218 MiB RSS with -Xmx256m and fails above 512 MiB
                assertEquals(512 * mib, limit, overlay + " " + name + ": JVM memory limit");
            }
            assertTrue(request <= limit, name + ": request within the limit");
        }
    }
}
