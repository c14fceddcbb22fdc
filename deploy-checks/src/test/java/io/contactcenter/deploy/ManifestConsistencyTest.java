package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.events.Topics;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Manifests and code agree. Checks that read a service's own module (ports, environment, health, metrics) run for
 * every Deployment whose module is in this checkout and are reported as skipped for the others.
 */
class ManifestConsistencyTest {

    /** Environment variables the manifests may set although no application.properties mentions them. */
    private static final Pattern PLATFORM_VARIABLE = Pattern.compile("(QUARKUS|JAVA|JAVA_OPTS|JAVA_OPTS_APPEND)(_.*)?");

    private static Manifest example() {
        return Manifest.read(Project.secretExample());
    }

    private static Stream<String> overlays() {
        return Project.OVERLAYS.stream();
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), deployment.getMetadata().getName() + ": one container per pod");
        return containers.get(0);
    }

    private static Stream<DynamicTest> perDeployment(String what, DeploymentCheck check) {
        return overlays().flatMap(overlay -> {
            Manifest manifest = Project.rendered(overlay);
            return manifest.deployments().stream().map(d -> DynamicTest.dynamicTest(
                    overlay + ": " + d.getMetadata().getName() + " " + what, () -> check.run(overlay, manifest, d)));
        });
    }

    private interface DeploymentCheck {
        void run(String overlay, Manifest manifest, Deployment deployment) throws Exception;
    }

    private static ServiceModule moduleOrSkip(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        Optional<ServiceModule> module = ServiceModule.of(name);
        Assumptions.assumeTrue(module.isPresent(), "module " + name + " is not in this checkout yet");
        return module.get();
    }

    // ---------------------------------------------------------------- topics

    /** Every topic name constant of call-events (reflection, so a new constant cannot be forgotten). */
    static Set<String> topicConstants() throws IllegalAccessException {
        Set<String> topics = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !field.getName().equals("DEAD_LETTER_SUFFIX")) {
                topics.add((String) field.get(null));
            }
        }
        return topics;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kafkaTopicsAreExactlyTheCallEventsTopicsAndTheirDeadLetterTopics(String overlay) throws Exception {
        Set<String> expected = new TreeSet<>();
        for (String topic : topicConstants()) {
            expected.add(topic);
            expected.add(Topics.deadLetter(topic));
        }
        assertEquals(10, expected.size(), "call-events defines 5 topics");
        Set<String> declared = Project.rendered(overlay).ofKind("KafkaTopic").stream()
                .map(t -> t.path("spec").path("topicName").asText(Manifest.name(t)))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, declared);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void topicsFitTheKafkaCluster(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        JsonNode kafka = manifest.ofKind("Kafka").get(0);
        String cluster = Manifest.name(kafka);
        JsonNode pool = manifest.ofKind("KafkaNodePool").get(0);
        assertEquals(cluster, pool.path("metadata").path("labels").path("strimzi.io/cluster").asText());
        int brokers = pool.path("spec").path("replicas").asInt();
        int clusterMinIsr = kafka.path("spec").path("kafka").path("config").path("min.insync.replicas").asInt();
        for (JsonNode topic : manifest.ofKind("KafkaTopic")) {
            String id = Manifest.id(topic);
            assertEquals(cluster, topic.path("metadata").path("labels").path("strimzi.io/cluster").asText(), id);
            int replicas = topic.path("spec").path("replicas").asInt();
            int minIsr = topic.path("spec").path("config").path("min.insync.replicas").asInt();
            assertTrue(replicas <= brokers, id + ": more replicas than brokers");
            assertEquals(clusterMinIsr, minIsr, id + ": min.insync.replicas like the cluster's");
            if (overlay.equals("prod")) {
                assertEquals(3, replicas, id + ": replication 3 in production");
                assertEquals(2, minIsr, id + ": min.insync.replicas 2 in production (acks=all survives one broker down)");
            }
            assertTrue(topic.path("spec").path("config").has("retention.ms"), id + ": retention set");
        }
    }

    @TestFactory
    Stream<DynamicTest> consumersNeverScaleBeyondTheirTopicsPartitions() {
        return overlays().flatMap(overlay -> {
            Manifest manifest = Project.rendered(overlay);
            Map<String, Integer> partitions = new HashMap<>();
            manifest.ofKind("KafkaTopic").forEach(t -> partitions.put(
                    t.path("spec").path("topicName").asText(), t.path("spec").path("partitions").asInt()));
            return manifest.all("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class).stream()
                    .map(hpa -> DynamicTest.dynamicTest(overlay + ": " + hpa.getMetadata().getName(), () -> {
                        String target = hpa.getSpec().getScaleTargetRef().getName();
                        assertTrue(manifest.find("Deployment", target).isPresent(), "HPA targets a Deployment");
                        assertNull(manifest.typed(manifest.get("Deployment", target), Deployment.class).getSpec()
                                .getReplicas(), target + ": replicas belong to the HPA (an apply would reset them)");
                        Optional<ServiceModule> module = ServiceModule.of(target);
                        Set<String> consumed = module.map(ServiceModule::incomingTopics).orElse(Set.of());
                        for (String topic : consumed) {
                            assertNotNull(partitions.get(topic), target + " consumes " + topic + ", which has no KafkaTopic");
                            assertTrue(hpa.getSpec().getMaxReplicas() <= partitions.get(topic), target
                                    + ": maxReplicas above the partitions of " + topic);
                        }
                        if (!target.equals("webhook-gateway")) {
                            int fewest = partitions.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
                            assertTrue(hpa.getSpec().getMaxReplicas() <= fewest, target + ": bounded by partitions");
                        }
                    }));
        });
    }

    // ---------------------------------------------------------------- ports, probes, metrics

    @TestFactory
    Stream<DynamicTest> containerPortIsTheServicesQuarkusHttpPort() {
        return perDeployment("port", (overlay, manifest, deployment) -> {
            ServiceModule module = moduleOrSkip(deployment);
            ContainerPort http = httpPort(deployment);
            assertEquals(module.httpPort(), http.getContainerPort(), "quarkus.http.port of " + module.name());
        });
    }

    /**
     * Every mounted volume but {@code /tmp} is where a variable of the container points: a mount nothing points at
     * means the service writes or reads elsewhere, on a read-only root filesystem (e.g. a journal folder left at its
     * relative default).
     */
    @TestFactory
    Stream<DynamicTest> everyMountIsWhereTheEnvironmentPoints() {
        return perDeployment("mounts", (overlay, manifest, deployment) -> {
            Container container = container(deployment);
            Map<String, String> environment = ContainerEnvironment.resolve(container, manifest, example());
            for (var mount : container.getVolumeMounts()) {
                String path = mount.getMountPath();
                if (path.equals("/tmp")) {
                    continue;
                }
                assertTrue(environment.values().stream().anyMatch(v -> v.equals(path) || v.startsWith(path + "/")),
                        deployment.getMetadata().getName() + ": no variable points at the mount " + path);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> servicesReachTheirPods() {
        return perDeployment("service", (overlay, manifest, deployment) -> {
            String name = deployment.getMetadata().getName();
            Service service = manifest.typed(manifest.get("Service", name), Service.class);
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()), name + " selector");
            assertTrue(podLabels.entrySet().containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet()));
            ServicePort port = service.getSpec().getPorts().get(0);
            assertEquals("http", port.getTargetPort().getStrVal());
            assertEquals(httpPort(deployment).getContainerPort(), port.getPort(), name + ": Service port = container port");
            PodDisruptionBudget pdb = manifest.typed(manifest.get("PodDisruptionBudget", name), PodDisruptionBudget.class);
            assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
        });
    }

    private static ContainerPort httpPort(Deployment deployment) {
        return container(deployment).getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + ": no port named http"));
    }

    @TestFactory
    Stream<DynamicTest> probesUseQuarkusHealthEndpoints() {
        return perDeployment("probes", (overlay, manifest, deployment) -> {
            Container container = container(deployment);
            assertProbe(container.getStartupProbe(), "/q/health/started");
            assertProbe(container.getReadinessProbe(), "/q/health/ready");
            assertProbe(container.getLivenessProbe(), "/q/health/live");
            ServiceModule module = moduleOrSkip(deployment);
            assertTrue(module.hasDependency("quarkus-smallrye-health"), module.name() + " serves /q/health");
            assertEquals("/q", module.prodProperties().getProperty("quarkus.http.non-application-root-path", "/q"));
        });
    }

    /**
     * Kubernetes kills a pod {@code terminationGracePeriodSeconds} after SIGTERM: that must cover the service's own
     * graceful stop (readiness DOWN for {@code quarkus.shutdown.delay}, then up to {@code quarkus.shutdown.timeout}
     * for requests in flight) plus 15 s for closing Kafka clients and the JVM's exit, or rollouts cut off webhooks.
     */
    @TestFactory
    Stream<DynamicTest> gracePeriodCoversTheServicesGracefulStop() {
        return perDeployment("grace", (overlay, manifest, deployment) -> {
            ServiceModule module = moduleOrSkip(deployment);
            Properties prod = module.prodProperties();
            assertEquals("true", prod.getProperty("quarkus.shutdown.delay-enabled"), module.name());
            long needed = seconds(prod.getProperty("quarkus.shutdown.delay", "0s"))
                    + seconds(prod.getProperty("quarkus.shutdown.timeout", "0s")) + 15;
            Long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            long given = grace == null ? 30 : grace;
            assertTrue(given >= needed, module.name() + ": terminationGracePeriodSeconds " + given + " < " + needed);
        });
    }

    private static long seconds(String duration) {
        return java.time.Duration.parse("PT" + duration.toUpperCase(java.util.Locale.ROOT)).toSeconds();
    }

    private static void assertProbe(Probe probe, String path) {
        assertNotNull(probe, path + " probe");
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals("http", probe.getHttpGet().getPort().getStrVal());
    }

    @TestFactory
    Stream<DynamicTest> prometheusScrapesEveryService() {
        return perDeployment("metrics", (overlay, manifest, deployment) -> {
            ServiceMonitor monitor = manifest.all("ServiceMonitor", ServiceMonitor.class).get(0);
            Service service = manifest.typed(manifest.get("Service", deployment.getMetadata().getName()), Service.class);
            Map<String, String> labels = service.getMetadata().getLabels();
            assertTrue(labels.entrySet().containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet()));
            monitor.getSpec().getSelector().getMatchExpressions().forEach(e ->
                    assertTrue(e.getValues().contains(labels.get(e.getKey())), "ServiceMonitor selects " + labels));
            assertEquals("/q/metrics", monitor.getSpec().getEndpoints().get(0).getPath());
            assertEquals("http", monitor.getSpec().getEndpoints().get(0).getPort());
            ServiceModule module = moduleOrSkip(deployment);
            assertTrue(module.hasDependency("quarkus-micrometer-registry-prometheus"), module.name() + " serves metrics");
            assertEquals("/q/metrics", "/q/" + module.prodProperties()
                    .getProperty("quarkus.micrometer.export.prometheus.path", "metrics").replaceFirst("^/q/", ""));
        });
    }

    // ---------------------------------------------------------------- environment and secrets

    @TestFactory
    Stream<DynamicTest> environmentIsExactlyWhatTheServiceReads() {
        return perDeployment("environment", (overlay, manifest, deployment) -> {
            Map<String, String> environment = ContainerEnvironment.resolve(container(deployment), manifest, example());
            ServiceModule module = moduleOrSkip(deployment);
            Set<String> read = module.referencedEnvironment();
            Set<String> unread = environment.keySet().stream()
                    .filter(name -> !read.contains(name) && !PLATFORM_VARIABLE.matcher(name).matches())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of(), unread, module.name() + " does not read these variables the manifest sets");
            Set<String> missing = new TreeSet<>(module.requiredEnvironment());
            missing.removeAll(environment.keySet());
            assertEquals(Set.of(), missing, module.name() + " needs these variables (no default) but gets none");
            for (Map.Entry<String, String> variable : environment.entrySet()) {
                assertFalse(variable.getValue().isBlank(), variable.getKey() + " is empty");
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> everyReferencedSecretKeyIsInTheExample() {
        return perDeployment("secrets", (overlay, manifest, deployment) -> {
            Map<String, Map<String, String>> example = OperatorSecrets.all(manifest, example());
            Set<String> operatorMade = OperatorSecrets.of(manifest).keySet();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            for (EnvVar variable : Optional.ofNullable(container(deployment).getEnv()).orElse(List.of())) {
                if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                    String secret = variable.getValueFrom().getSecretKeyRef().getName();
                    String key = variable.getValueFrom().getSecretKeyRef().getKey();
                    assertTrue(example.containsKey(secret), "Secret " + secret + " missing from secret.example.yaml");
                    assertTrue(example.get(secret).containsKey(key), "key " + key + " of " + secret + " missing");
                    if (!key.equals("username") && !key.equals("password") && !operatorMade.contains(secret)) {
                        assertEquals(variable.getName(), key, "Secret keys carry the variable's name (DESIGN §6)");
                    }
                }
            }
            for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
                if (volume.getSecret() != null) {
                    assertTrue(example.containsKey(volume.getSecret().getSecretName()), volume.getName());
                }
                if (volume.getConfigMap() != null) {
                    assertTrue(ContainerEnvironment.configMap(volume.getConfigMap().getName(), manifest, example())
                            .isPresent(), "ConfigMap " + volume.getConfigMap().getName() + " exists");
                }
            }
            // a file path in the environment points into a mounted volume that holds that file
            Map<String, String> environment = ContainerEnvironment.resolve(container(deployment), manifest, example());
            for (Map.Entry<String, String> variable : environment.entrySet()) {
                if (variable.getValue().startsWith("/")) {
                    assertMountedFile(manifest, pod, container(deployment), variable.getKey(), variable.getValue());
                }
            }
        });
    }

    private static void assertMountedFile(Manifest manifest, PodSpec pod, Container container, String variable, String file) {
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume mounted = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow();
            boolean inside = file.equals(mount.getMountPath()) || file.startsWith(mount.getMountPath() + "/");
            if (inside && mounted.getEmptyDir() != null) {
                // a folder the service writes (a journal, a state store): an emptyDir, mounted writable
                assertTrue(mount.getReadOnly() == null || !mount.getReadOnly(), variable + ": " + mount.getName() + " writable");
                return;
            }
            if (file.startsWith(mount.getMountPath() + "/")) {
                Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                        .orElseThrow();
                String key = file.substring(mount.getMountPath().length() + 1);
                Map<String, String> source = volume.getConfigMap() != null
                        ? ContainerEnvironment.configMap(volume.getConfigMap().getName(), manifest, example()).orElseThrow()
                        : OperatorSecrets.all(manifest, example()).get(volume.getSecret().getSecretName());
                // with items, only the listed keys are files, under their paths
                Map<String, String> data = volume.getSecret() == null || volume.getSecret().getItems() == null ? source
                        : volume.getSecret().getItems().stream().filter(i -> source.containsKey(i.getKey()))
                                .collect(Collectors.toMap(i -> i.getPath(), i -> source.get(i.getKey())));
                assertTrue(data.containsKey(key), variable + "=" + file + ": the mounted volume has no " + key);
                return;
            }
        }
        fail(variable + "=" + file + " is not inside any mounted volume");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void sharedSettingsHaveOneValueAcrossServices(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (Deployment deployment : manifest.deployments()) {
            ContainerEnvironment.resolve(container(deployment), manifest, example()).forEach((name, value) -> {
                // per service by design: its database login and pool, its Kafka login, its own directory key (DirectoryKeysTest)
                if (!Set.of("DB_URL", "DB_USER", "DB_PASSWORD", "KAFKA_SASL_JAAS_CONFIG", "DIRECTORY_SERVICE_KEY",
                        "QUARKUS_DATASOURCE_JDBC_MAX_SIZE")
                        .contains(name)) {
                    values.computeIfAbsent(name, n -> new TreeSet<>()).add(value);
                }
            });
        }
        values.forEach((name, distinct) -> assertEquals(1, distinct.size(), name + " differs between services: " + distinct));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void addressesPointAtWhatTheManifestDeploys(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        JsonNode kafka = manifest.ofKind("Kafka").get(0);
        // the services' listener: TLS + SCRAM-SHA-512 (KafkaSecurityTest checks it is the only client listener)
        int clientPort = 0;
        for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
            if (listener.path("authentication").path("type").asText().equals("scram-sha-512")) {
                clientPort = listener.path("port").asInt();
            }
        }
        String bootstrap = Manifest.name(kafka) + "-kafka-bootstrap:" + clientPort;
        JsonNode cluster = manifest.ofKind("Cluster").get(0);
        Map<String, String> owners = new HashMap<>();
        JsonNode initdb = cluster.path("spec").path("bootstrap").path("initdb");
        owners.put(initdb.path("database").asText(), initdb.path("owner").asText());
        Map<String, String> roleSecrets = new HashMap<>();
        roleSecrets.put(initdb.path("owner").asText(), initdb.path("secret").path("name").asText());
        cluster.path("spec").path("managed").path("roles").forEach(r ->
                roleSecrets.put(r.path("name").asText(), r.path("passwordSecret").path("name").asText()));
        for (JsonNode database : manifest.ofKind("Database")) {
            assertEquals(Manifest.name(cluster), database.path("spec").path("cluster").path("name").asText());
            owners.put(database.path("spec").path("name").asText(), database.path("spec").path("owner").asText());
        }
        Service directory = manifest.typed(manifest.get("Service", "agent-directory"), Service.class);
        String directoryUrl = "http://agent-directory:" + directory.getSpec().getPorts().get(0).getPort();
        Ingress ingress = manifest.typed(manifest.get("Ingress", "webhook-gateway"), Ingress.class);
        String host = ingress.getSpec().getRules().get(0).getHost();

        for (Deployment deployment : manifest.deployments()) {
            String name = deployment.getMetadata().getName();
            Container container = container(deployment);
            Map<String, String> environment = ContainerEnvironment.resolve(container, manifest, example());
            if (environment.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
                assertEquals(bootstrap, environment.get("KAFKA_BOOTSTRAP_SERVERS"), name);
            }
            if (environment.containsKey("DIRECTORY_URL")) {
                assertEquals(directoryUrl, environment.get("DIRECTORY_URL"), name);
            }
            if (environment.containsKey("GATEWAY_PUBLIC_URL")) {
                URI url = URI.create(environment.get("GATEWAY_PUBLIC_URL"));
                assertEquals("https", url.getScheme(), name + ": Vonage calls the gateway over HTTPS");
                assertEquals(host, url.getHost(), name + ": GATEWAY_PUBLIC_URL is the Ingress host");
            }
            if (environment.containsKey("DB_URL")) {
                Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):5432/([a-z_]+)").matcher(environment.get("DB_URL"));
                assertTrue(url.matches(), name + ": " + environment.get("DB_URL"));
                assertEquals(Manifest.name(cluster) + "-rw", url.group(1), name + ": the primary's Service");
                String owner = owners.get(url.group(2));
                assertNotNull(owner, name + ": database " + url.group(2) + " is not created by CloudNativePG");
                String userSecret = container.getEnv().stream().filter(e -> e.getName().equals("DB_USER")).findFirst()
                        .orElseThrow().getValueFrom().getSecretKeyRef().getName();
                assertEquals(roleSecrets.get(owner), userSecret, name + ": logs in with the role that owns its database");
                assertEquals(owner, environment.get("DB_USER"), name);
            }
        }
        assertEquals(3, owners.size(), "one database per service: " + owners);
        assertEquals(3, Set.copyOf(owners.values()).size(), "one user per service: " + owners);
    }

    // ---------------------------------------------------------------- images

    @Test
    void imagesAreOneBuildPerOverlayAndTheSameRepositoriesEverywhere() {
        Map<String, Map<String, String>> imageByOverlay = new LinkedHashMap<>();
        for (String overlay : Project.RENDERINGS) {
            Map<String, String> images = new LinkedHashMap<>();
            for (Deployment deployment : Project.rendered(overlay).deployments()) {
                images.put(deployment.getMetadata().getName(), container(deployment).getImage());
            }
            imageByOverlay.put(overlay, images);
            Set<String> tags = new TreeSet<>();
            Set<String> registries = new TreeSet<>();
            images.forEach((service, image) -> {
                Matcher parts = Pattern.compile("(.+)/([a-z0-9-]+):([A-Za-z0-9._-]+)").matcher(image);
                assertTrue(parts.matches(), overlay + " " + service + ": " + image + " has registry, name and tag");
                assertEquals(service, parts.group(2), overlay + ": the image is named like its service");
                assertTrue(parts.group(1).contains("."), overlay + " " + service
                        + ": the overlay sets a registry (the base's placeholder image is not pullable): " + image);
                registries.add(parts.group(1));
                boolean nativeImage = Project.deploysNative(overlay, service);
                assertEquals(Project.version() + (nativeImage ? "" : "-jvm"), parts.group(3), overlay + " " + service
                        + ": the project version" + (nativeImage ? " (native)" : " + -jvm (JVM image)"));
                tags.add(parts.group(3).replaceFirst("-jvm$", ""));
            });
            assertEquals(1, registries.size(), overlay + ": one registry for all services " + registries);
            assertEquals(1, tags.size(), overlay + ": one version (one build) for all services " + tags);
        }
        Map<String, String> dev = imageByOverlay.get("dev");
        Map<String, String> prod = imageByOverlay.get("prod");
        assertEquals(prod.keySet(), dev.keySet());
        prod.forEach((service, image) -> assertEquals(image.substring(0, image.lastIndexOf(':')),
                dev.get(service).substring(0, dev.get(service).lastIndexOf(':')), service + ": same repository"));
    }

    // ---------------------------------------------------------------- security

    @TestFactory
    Stream<DynamicTest> everyContainerRunsLockedDown() {
        return perDeployment("security", (overlay, manifest, deployment) -> {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), "pod runAsNonRoot");
            assertTrue(pod.getSecurityContext().getRunAsUser() != null && pod.getSecurityContext().getRunAsUser() > 0);
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), "no API token in the pod");
            List<Container> all = new ArrayList<>(pod.getContainers());
            Optional.ofNullable(pod.getInitContainers()).ifPresent(all::addAll);
            for (Container container : all) {
                SecurityContext security = container.getSecurityContext();
                assertNotNull(security, container.getName());
                assertEquals(Boolean.TRUE, security.getRunAsNonRoot(), container.getName() + " runAsNonRoot");
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), container.getName());
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), container.getName());
                assertTrue(security.getPrivileged() == null || !security.getPrivileged(), container.getName());
                assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), container.getName());
                assertTrue(security.getCapabilities().getAdd() == null || security.getCapabilities().getAdd().isEmpty());
                // read-only root: Quarkus and the JVM write only below /tmp, which must be a writable emptyDir
                VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                        .findFirst().orElseThrow(() -> new AssertionError(container.getName() + ": /tmp not mounted"));
                assertNotNull(pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
                        .orElseThrow().getEmptyDir(), "/tmp is an emptyDir");
                assertNotNull(container.getResources().getLimits().get("memory"), container.getName() + " memory limit");
                assertNotNull(container.getResources().getRequests().get("memory"));
                assertNotNull(container.getResources().getRequests().get("cpu"));
            }
        });
    }

    // ---------------------------------------------------------------- exposure

    /** What is public goes through the Ingress (PublicRoutesTest); no Service is reachable from outside itself. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceIsClusterInternal(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        for (Service service : manifest.all("Service", Service.class)) {
            assertTrue(service.getSpec().getType() == null || service.getSpec().getType().equals("ClusterIP"),
                    service.getMetadata().getName() + " is cluster-internal");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkPoliciesLetOnlyThePublicServicesBeReachedFromOutside(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        List<NetworkPolicy> policies = manifest.all("NetworkPolicy", NetworkPolicy.class);
        for (Deployment deployment : manifest.deployments()) {
            String name = deployment.getMetadata().getName();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicy> selecting = policies.stream().filter(p -> podLabels.entrySet()
                    .containsAll(p.getSpec().getPodSelector().getMatchLabels().entrySet())).toList();
            assertEquals(1, selecting.size(), name + " is isolated by exactly one policy");
            NetworkPolicy policy = selecting.get(0);
            assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes(), name
                    + ": ingress and egress isolated (egress: NetworkPolicyTest)");
            Set<String> namespaces = new TreeSet<>();
            Set<String> pods = new TreeSet<>();
            for (var rule : policy.getSpec().getIngress()) {
                assertFalse(rule.getFrom() == null || rule.getFrom().isEmpty(), name + ": no rule open to everyone");
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertNull(peer.getIpBlock(), name + ": no IP blocks");
                    if (peer.getNamespaceSelector() != null) {
                        namespaces.add(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
                    }
                    if (peer.getPodSelector() != null) {
                        pods.add(peer.getPodSelector().getMatchLabels().toString());
                    }
                }
            }
            boolean publicPaths = PublicRoutesTest.PUBLIC.values().stream().anyMatch(r -> r.service().equals(name));
            if (publicPaths) {
                assertEquals(Set.of("ingress-nginx", "monitoring"), namespaces, name + ": the Ingress controller, Prometheus");
            } else {
                assertEquals(Set.of("monitoring"), namespaces, name + ": only Prometheus from other namespaces");
            }
            if (name.equals("agent-directory")) {
                assertEquals(Set.of("{app.kubernetes.io/name=webhook-gateway}", "{app.kubernetes.io/name=routing-service}",
                        "{app.kubernetes.io/name=survey-service}", "{app.kubernetes.io/name=wallboard}",
                        "{contact-center.io/directory-admin=true}"), pods);
            }
            if (name.equals("wallboard")) {
                assertEquals(Set.of("{app.kubernetes.io/name=wallboard}"), pods, "the other replicas' queries");
            }
        }
    }

    // ---------------------------------------------------------------- dashboard

    private static final Map<String, String> METRIC_OWNERS = Map.of("gateway", "webhook-gateway",
            "routing", "routing-service", "survey", "survey-service", "directory", "agent-directory");

    /** Metric names (Prometheus form) the dashboard queries. */
    static Set<String> dashboardMetrics() throws Exception {
        JsonNode dashboard = Manifest.YAML.readTree(Files.readString(
                Project.kubernetes().resolve("base/monitoring/contact-center-dashboard.json")));
        Set<String> metrics = new TreeSet<>();
        Pattern name = Pattern.compile("([a-z][a-z0-9_]*)\\{");
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher matcher = name.matcher(target.path("expr").asText());
                while (matcher.find()) {
                    metrics.add(matcher.group(1));
                }
            }
        }
        return metrics;
    }

    /** The Micrometer name behind a Prometheus series name, with '_' standing for '.' or '_'. */
    static Pattern micrometerName(String prometheusName) {
        String base = prometheusName.replaceFirst("(_seconds)?(_total|_bucket|_sum|_count|_max)$", "");
        return Pattern.compile("\"" + base.replace("_", "[._]") + "\"");
    }

    @TestFactory
    Stream<DynamicTest> dashboardQueriesMetricsTheServicesPublish() throws Exception {
        Set<String> metrics = dashboardMetrics();
        assertTrue(metrics.size() >= 6, "the dashboard queries metrics: " + metrics);
        return metrics.stream().map(metric -> DynamicTest.dynamicTest(metric, () -> {
            String owner = METRIC_OWNERS.get(metric.substring(0, metric.indexOf('_')));
            assertNotNull(owner, metric + ": which service publishes it?");
            Optional<ServiceModule> module = ServiceModule.of(owner);
            Assumptions.assumeTrue(module.isPresent(), owner + " is not in this checkout yet");
            assertTrue(micrometerName(metric).matcher(module.get().mainSources()).find(),
                    owner + " registers no meter named like " + metric);
        }));
    }

    @Test
    void micrometerNamesAreFoundForPrometheusNames() {
        assertTrue(micrometerName("routing_assignment_latency_seconds_sum").matcher("timer(\"routing.assignment.latency\")").find());
        assertTrue(micrometerName("directory_claims_total").matcher("counter(\"directory_claims\", ").find());
        assertFalse(micrometerName("routing_no_answers_total").matcher("counter(\"routing.no.answer\")").find());
    }

}
