package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.infra.AuthKeys;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.infra.ServiceProcess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every packaged service (JVM build) starts and becomes ready with exactly the environment its prod Deployment
 * gives it: the rendered ConfigMap, the example Secrets and the mounted files. Only what cannot be the same on
 * this machine is adapted, each named in {@link #adapt}: the addresses of Kafka, PostgreSQL and the directory
 * (local ones instead of the cluster's Services), Kafka's security protocol (PLAINTEXT: the local broker has no
 * TLS + SCRAM listener), the mount folders (temporary folders instead of /etc/contact-center/...), key material the
 * example only holds placeholders for (the token public key, the services' directory key pairs, the Vonage private key: real ones
 * made by the test) and the HTTP port (a free one). Databases,
 * their owner roles and passwords are created as CloudNativePG would, from the example Secrets; topics as Strimzi
 * would, from the KafkaTopic objects. The directory starts first (the others call it).
 */
class PackagedServicesBootTest {

    private static final String DIRECTORY = "agent-directory";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<ServiceProcess> RUNNING = new ArrayList<>();
    private static final Map<String, String> URLS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final StringBuilder FIGURES = new StringBuilder();

    @AfterAll
    static void stopAll() throws Exception {
        for (int i = RUNNING.size() - 1; i >= 0; i--) {
            RUNNING.get(i).stop();
        }
        Files.writeString(Path.of("target/measured.txt"), FIGURES.toString());
    }

    @TestFactory
    Stream<DynamicTest> everyServiceStartsWithItsDeploymentsEnvironment() {
        Manifest manifest = Project.rendered("prod");
        List<String> services = new ArrayList<>(manifest.deployments().stream().map(d -> d.getMetadata().getName())
                .sorted(Comparator.comparing((String name) -> !name.equals(DIRECTORY)).thenComparing(name -> name))
                .toList());
        assertEquals(DIRECTORY, services.get(0));
        return services.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Assumptions.assumeTrue(Project.hasModule(name), "module " + name + " is not in this checkout yet");
            if (!name.equals(DIRECTORY)) {
                // the others need only the directory: start them together (their start is mostly waiting)
                services.stream().filter(s -> !s.equals(DIRECTORY) && Project.hasModule(s))
                        .forEach(s -> LAUNCHES.computeIfAbsent(s, k -> CompletableFuture.supplyAsync(() -> launch(manifest, k))));
            }
            Launched launched = name.equals(DIRECTORY) ? launch(manifest, name) : join(LAUNCHES.get(name));
            verify(name, launched);
        }));
    }

    private static final Map<String, CompletableFuture<Launched>> LAUNCHES = new java.util.concurrent.ConcurrentHashMap<>();

    private record Launched(ServiceProcess process, long readyMillis) {
    }

    private static Launched join(CompletableFuture<Launched> launch) throws Exception {
        try {
            return launch.get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (Exception) e.getCause();
        }
    }

    private static Launched launch(Manifest manifest, String name) {
        try {
            return launchOrFail(manifest, name);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    private static Launched launchOrFail(Manifest manifest, String name) throws Exception {
        Path jar = Project.root().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), jar + " missing: deploy-checks must be built after " + name
                + " (declare it as a <type>pom</type> dependency of deploy-checks, like agent-directory)");
        Manifest example = Manifest.read(Project.secretExample());
        Deployment deployment = manifest.typed(manifest.get("Deployment", name), Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        Map<String, String> manifestEnvironment = ContainerEnvironment.resolve(container, manifest, example);
        assertNoLeakFromThisJvm(name, manifestEnvironment);
        LocalInfra infra = LocalInfra.shared();
        Map<String, String> environment = adapt(manifest, name, manifestEnvironment, infra);
        Path mounts = Files.createTempDirectory("k8s-mounts");
        for (VolumeMount mount : container.getVolumeMounts()) {
            if (mount.getMountPath().equals("/tmp")) {
                continue; // the process's own temporary folder stands in for the emptyDir
            }
            Path local = mounts.resolve(mount.getName());
            writeVolume(pod, mount, local, manifest, example, infra);
            environment.replaceAll((key, value) -> value.startsWith(mount.getMountPath() + "/")
                    ? local.resolve(value.substring(mount.getMountPath().length() + 1)).toString() : value);
        }
        assertEquals(manifestEnvironment.keySet(), environment.keySet(), "only values adapted, no variable added");

        Path log = Path.of("target", name + "-boot.log");
        Files.deleteIfExists(log);
        long started = System.nanoTime();
        ServiceProcess service = ServiceProcess.start(jar, environment, log, Duration.ofSeconds(180));
        synchronized (RUNNING) {
            RUNNING.add(service);
        }
        URLS.put(name, service.url());
        return new Launched(service, (System.nanoTime() - started) / 1_000_000);
    }

    private static void verify(String name, Launched launched) throws Exception {
        String url = launched.process().url();
        LocalInfra infra = LocalInfra.shared();
        // the Deployment's probes and the ServiceMonitor's path
        for (String path : new String[] {"/q/health/started", "/q/health/live", "/q/health/ready", "/q/metrics"}) {
            assertEquals(200, get(url + path, null).statusCode(), name + " " + path);
        }
        if (name.equals(DIRECTORY)) {
            directoryServes(url, infra);
        }
        long rssKib = residentKib(launched.process().pid());
        String figures = name + " JVM (-Xmx256m, as ServiceProcess runs it): ready " + launched.readyMillis()
                + " ms after launch, RSS " + rssKib / 1024 + " MiB after the checks\n";
        synchronized (FIGURES) {
            FIGURES.append(figures);
        }
        System.out.print(figures);
        assertTrue(rssKib < 512 * 1024, "fits the dev overlay's 512Mi JVM limit: " + figures);
    }

    /** The values that cannot be the cluster's here, replaced; every other value is the manifest's. */
    private static Map<String, String> adapt(Manifest manifest, String name, Map<String, String> fromManifest,
            LocalInfra infra)
            throws Exception {
        Map<String, String> environment = new LinkedHashMap<>(fromManifest);
        if (environment.containsKey("DB_URL")) {
            environment.put("DB_URL", localDatabase(infra, environment));
        }
        if (environment.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
            environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaWithTopics(manifest, infra));
        }
        if (environment.containsKey("KAFKA_SECURITY_PROTOCOL")) {
            // local-infra's broker has no TLS + SCRAM listener; KafkaClientSecurityTest proves that the services hand
            // the manifest's SASL_SSL settings to every Kafka client they make
            environment.put("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");
        }
        if (environment.containsKey("DIRECTORY_URL")) {
            assertTrue(URLS.containsKey(DIRECTORY), "the directory runs first");
            environment.put("DIRECTORY_URL", URLS.get(DIRECTORY));
        }
        if (environment.containsKey("DIRECTORY_SERVICE_KEY")) {
            // the service's own key pair (the example Secret holds a placeholder); the directory trusts its public half
            String service = name.replace("webhook-", "").replace("-service", "");
            environment.put("DIRECTORY_SERVICE_KEY", infra.authKeys().service(service).privateKeyFile().toString());
        }
        for (String service : AuthKeys.SERVICES) {
            String publicKey = "AUTH_" + service.toUpperCase(Locale.ROOT) + "_PUBLIC_KEY";
            if (environment.containsKey(publicKey)) {
                environment.put(publicKey, infra.authKeys().service(service).publicKeyFile().toString());
            }
        }
        if (environment.containsKey("VONAGE_PRIVATE_KEY")) {
            environment.put("VONAGE_PRIVATE_KEY", TestKeys.rsaPrivateKeyPem());
        }
        return environment;
    }

    private static String kafkaWithTopics(Manifest manifest, LocalInfra infra) throws Exception {
        String bootstrap = infra.kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = manifest.ofKind("KafkaTopic").stream()
                    .map(t -> t.path("spec").path("topicName").asText())
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, 3, (short) 1)).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        return bootstrap;
    }


    /** The directory's real work against the database Flyway migrated, producing the dashboard's metrics. */
    private static void directoryServes(String url, LocalInfra infra) throws Exception {
        // bearer tokens are verified with the mounted public key (AUTH_PUBLIC_KEY_LOCATION)
        assertEquals(401, get(url + "/departments", null).statusCode());
        String admin = infra.authKeys().mint("admin", "admin");
        // routing's own token, as routing mints it: the claim and release are routing's to make
        String service = infra.authKeys().service("routing").mintAsService("routing", List.of("routing"), Instant.now(),
                Instant.now().plus(Duration.ofMinutes(5)));
        assertEquals(200, get(url + "/departments", admin).statusCode());
        int digit = 1 + (int) (Math.random() * 9);
        JsonNode department = json(post(url + "/departments", admin, "{\"digit\":" + digit + ",\"name\":\"Boot "
                + UUID.randomUUID().toString().substring(0, 8) + "\"}"));
        String departmentId = department.path("id").asText();
        JsonNode agent = json(post(url + "/agents", admin, "{\"name\":\"Boot agent\",\"departmentIds\":[\""
                + departmentId + "\"],\"endpoint\":{\"type\":\"phone\",\"value\":\"14155550199\"},"
                + "\"status\":\"AVAILABLE\"}"));
        String callId = UUID.randomUUID().toString();
        JsonNode claim = json(post(url + "/assignments", service, "{\"callId\":\"" + callId + "\",\"departmentId\":\""
                + departmentId + "\"}"));
        assertTrue(claim.path("assigned").asBoolean(), claim.toString());
        assertEquals(agent.path("id").asText(), claim.path("agent").path("id").asText());
        json(post(url + "/assignments/" + callId + "/release", service, "{\"agentId\":\"" + agent.path("id").asText()
                + "\",\"outcome\":\"NO_ANSWER\"}"));
        String metrics = awaitMetrics(url, "directory_agents{");
        for (String metric : ManifestConsistencyTest.dashboardMetrics()) {
            if (metric.startsWith("directory_")) {
                assertTrue(metrics.contains(metric + "{"), "the dashboard's " + metric + " is published");
            }
        }
    }

    /** Variables a service reads must come from the manifest, not from whoever runs the build. */
    private static void assertNoLeakFromThisJvm(String name, Map<String, String> environment) {
        ServiceModule module = ServiceModule.of(name).orElseThrow();
        for (String variable : module.referencedEnvironment()) {
            if (System.getenv(variable) != null && !environment.containsKey(variable)) {
                fail(variable + " is set in this build's environment and would leak into " + name + ": unset it");
            }
        }
    }

    /** Creates role and database as CloudNativePG does (owner = DB_USER, its password = DB_PASSWORD). */
    private static String localDatabase(LocalInfra infra, Map<String, String> environment) throws Exception {
        Matcher url = Pattern.compile("jdbc:postgresql://[^/]+/([a-z_]+)").matcher(environment.get("DB_URL"));
        assertTrue(url.matches(), environment.get("DB_URL"));
        String database = url.group(1);
        String user = environment.get("DB_USER");
        String password = environment.get("DB_PASSWORD");
        String admin = infra.postgres().database("postgres");
        try (Connection connection = DriverManager.getConnection(admin, infra.postgres().user(), infra.postgres().password());
                Statement sql = connection.createStatement()) {
            try (ResultSet role = sql.executeQuery("select 1 from pg_roles where rolname = '" + user + "'")) {
                if (!role.next()) {
                    sql.execute("create role \"" + user + "\" login password '" + password.replace("'", "''") + "'");
                }
            }
            try (ResultSet db = sql.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (!db.next()) {
                    sql.execute("create database \"" + database + "\" owner \"" + user + "\"");
                }
            }
        }
        return admin.substring(0, admin.length() - "postgres".length()) + database;
    }

    private static void writeVolume(PodSpec pod, VolumeMount mount, Path local, Manifest manifest, Manifest example,
            LocalInfra infra) throws Exception {
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow();
        Files.createDirectories(local);
        if (volume.getSecret() != null) {
            // a Secret an operator makes (the Kafka cluster CA): its stand-in content, the listed keys as files
            Map<String, String> secret = OperatorSecrets.of(manifest).get(volume.getSecret().getSecretName());
            if (secret == null) {
                fail("deploy-checks stands in only for the operators' Secret volumes: " + volume.getName());
            }
            for (var item : volume.getSecret().getItems()) {
                Files.writeString(local.resolve(item.getPath()), secret.get(item.getKey()));
            }
            return;
        }
        if (volume.getConfigMap() == null) {
            fail("deploy-checks knows how to stand in for ConfigMap and Secret volumes only: " + volume.getName());
        }
        String name = volume.getConfigMap().getName();
        Map<String, String> data = ContainerEnvironment.configMap(name, manifest, example).orElseThrow();
        for (Map.Entry<String, String> file : data.entrySet()) {
            String content = file.getValue();
            if (name.equals("auth-public-key") && file.getKey().equals("public.pem")) {
                content = Files.readString(infra.authKeys().publicKeyFile()); // the placeholder is not a key
            }
            Files.writeString(local.resolve(file.getKey()), content);
        }
        Optional<ConfigMap> rendered = manifest.configMapByBaseName(name);
        assertTrue(rendered.isEmpty() || rendered.get().getData().keySet().equals(data.keySet()));
    }

    private static String awaitMetrics(String url, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(url + "/q/metrics", null);
            assertEquals(200, response.statusCode());
            body = response.body();
            if (body.contains(expected)) {
                return body;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("/q/metrics never showed " + expected);
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertTrue(response.statusCode() / 100 == 2, response.uri() + " answered " + response.statusCode() + ": "
                + response.body());
        return Manifest.YAML.readTree(response.body());
    }

    /** Resident memory of the service process, from /proc. */
    private static long residentKib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new AssertionError("no VmRSS for " + pid);
    }
}
