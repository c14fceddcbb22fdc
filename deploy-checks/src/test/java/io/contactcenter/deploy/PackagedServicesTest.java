package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.infra.AuthKeys;
import io.contactcenter.infra.ServiceProcess;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every packaged service, booted ONCE with exactly its prod Deployment's environment, through the smoke script
 * {@code deploy/native/smoke.sh} (native executable when built, else the JVM build: here the JVM build), against a
 * Kafka broker with the cluster's TLS + SCRAM-SHA-512 listener ({@link ScramKafka}) and a PostgreSQL server of this
 * test; on these boots, in order:
 * <ol>
 * <li>each becomes ready (the smoke script's readiness and one request), answers its probes and {@code /q/metrics}
 * and fits the JVM memory limit;</li>
 * <li>the directory migrates as its database's owner role and serves real requests;</li>
 * <li>every Kafka client each service makes (producers, consumers, dead-letter producers, Kafka Streams' clients) uses
 * {@code SASL_SSL}, {@code SCRAM-SHA-512}, the JAAS login of its KafkaUser's Secret and the mounted CA (from the
 * configuration the clients log), and really logs in: the broker only has that listener for them;</li>
 * <li>routing's and survey's consumers leave their groups on SIGTERM (their partitions move at once), after which both
 * are started again;</li>
 * <li>with Kafka and PostgreSQL gone, every service stops on SIGTERM within its shutdown budget and not before its
 * delay.</li>
 * </ol>
 * Only what cannot be the cluster's is adapted, each named in {@link #adapt}: the addresses of Kafka, PostgreSQL
 * and the directory, the mount folders (local folders; the Kafka CA: this broker's certificate), key material the example holds
 * placeholders for (token public key, the services' directory key pairs, the Vonage private key) and, added, the
 * pod's own /tmp for folders a service keeps there by default (here /tmp is shared), the HTTP port, plain-text logs and
 * Kafka's client log level (its client configuration is logged at INFO). Each
 * service's environment file (what the smoke script gets) is written to {@code target/deployment-env/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedServicesTest {

    private static final String DIRECTORY = "agent-directory";
    private static final List<String> GROUP_LEAVERS = List.of("routing-service", "survey-service");
    private static final Duration BOOT = Duration.ofMinutes(4);
    /** Beyond any budget: a service still running then is reported as such. */
    private static final Duration WAIT_FOR_EXIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, Booted> running = new ConcurrentHashMap<>();
    private final StringBuilder figures = new StringBuilder();
    private Manifest manifest;
    private Manifest example;
    private List<String> services;
    private ScramKafka kafka;
    private EmbeddedPostgres postgres;
    private AuthKeys keys;

    /** A service the smoke script left running. */
    private record Booted(String name, long pid, String url, Path log, Path environmentFile,
            Map<String, String> environment, long readyMillis) {
    }

    @BeforeAll
    void bootEveryServiceOnce() throws Exception {
        manifest = Project.rendered("prod");
        example = Manifest.read(Project.secretExample());
        services = manifest.deployments().stream().map(d -> d.getMetadata().getName()).filter(Project::hasModule)
                .sorted(Comparator.comparing((String name) -> !name.equals(DIRECTORY)).thenComparing(name -> name))
                .toList();
        assertEquals(DIRECTORY, services.get(0), "the directory starts first (the others call it)");
        keys = AuthKeys.in(Files.createTempDirectory("auth-keys"));
        CompletableFuture<EmbeddedPostgres> database = CompletableFuture.supplyAsync(() -> {
            try {
                return EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        kafka = ScramKafka.start();
        postgres = database.get(90, TimeUnit.SECONDS);
        // what Strimzi's operators do from the KafkaUsers and KafkaTopics
        Map<String, String> users = new TreeMap<>();
        OperatorSecrets.of(manifest).forEach((name, secret) -> {
            if (secret.containsKey(OperatorSecrets.JAAS_KEY)) {
                users.put(name, secret.get("password"));
            }
        });
        kafka.addUsers(users);
        try (Admin admin = kafka.admin()) {
            admin.createTopics(manifest.ofKind("KafkaTopic").stream()
                    .map(t -> new NewTopic(t.path("spec").path("topicName").asText(), 3, (short) 1)).toList())
                    .all().get(60, TimeUnit.SECONDS);
        }
        boot(DIRECTORY);
        bootTogether(services.stream().filter(s -> !s.equals(DIRECTORY)).toList());
    }

    /** Boots services in parallel; all have ended their boot (so {@link #stopEverything} sees them) before a failure. */
    private void bootTogether(List<String> names) throws Exception {
        List<CompletableFuture<Void>> boots = names.stream().map(s -> CompletableFuture.runAsync(() -> boot(s))).toList();
        try {
            CompletableFuture.allOf(boots.toArray(CompletableFuture[]::new)).get(BOOT.toSeconds() + 60, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            for (CompletableFuture<Void> boot : boots) {
                join(boot);
            }
        }
    }

    @AfterAll
    void stopEverything() throws Exception {
        running.values().forEach(service -> ProcessHandle.of(service.pid()).ifPresent(ProcessHandle::destroyForcibly));
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        Files.writeString(Path.of("target/measured.txt"), figures.toString());
    }

    @Order(1)
    @TestFactory
    Stream<DynamicTest> everyServiceAnswersItsProbesAndMetrics() {
        return services.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Booted service = running.get(name);
            // the Deployment's probes and the ServiceMonitor's path
            for (String path : List.of("/q/health/started", "/q/health/live", "/q/health/ready", "/q/metrics")) {
                assertEquals(200, get(service.url() + path, null).statusCode(), name + " " + path);
            }
            long rssKib = residentKib(service.pid());
            String figure = name + " JVM (-Xmx256m, as smoke.sh runs it): ready " + service.readyMillis()
                    + " ms after launch, RSS " + rssKib / 1024 + " MiB after the checks\n";
            synchronized (figures) {
                figures.append(figure);
            }
            System.out.print(figure);
            assertTrue(rssKib < 512 * 1024, "fits the JVM images' 512Mi limit: " + figure);
        }));
    }

    /** The directory's real work against the database Flyway migrated, producing the dashboard's metrics. */
    @Order(2)
    @Test
    void theDirectoryServesRealRequests() throws Exception {
        String url = running.get(DIRECTORY).url();
        // bearer tokens are verified with the mounted public key (AUTH_PUBLIC_KEY_LOCATION)
        assertEquals(401, get(url + "/departments", null).statusCode());
        String admin = keys.mint("admin", "admin");
        // routing's own token, as routing mints it: the claim and release are routing's to make
        String service = keys.service("routing").mintAsService("routing", List.of("routing"), Instant.now(),
                Instant.now().plus(Duration.ofMinutes(5)));
        assertEquals(200, get(url + "/departments", admin).statusCode());
        JsonNode department = json(post(url + "/departments", admin, "{\"digit\":1,\"name\":\"Boot "
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

    /** Every Kafka client of every Kafka client service uses the Deployment's TLS + SCRAM settings. */
    @Order(3)
    @TestFactory
    Stream<DynamicTest> everyKafkaClientUsesTlsAndScram() {
        return services.stream().filter(name -> manifest.find("KafkaUser", name).isPresent())
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    Booted service = running.get(name);
                    assertEquals("SASL_SSL", service.environment().get("KAFKA_SECURITY_PROTOCOL"), name + ": the manifest's protocol");
                    Map<String, List<Map<String, String>>> clients = awaitClients(service);
                    int count = 0;
                    for (Map.Entry<String, List<Map<String, String>>> kind : clients.entrySet()) {
                        if (kind.getKey().equals("StreamsConfig")) {
                            continue; // Kafka Streams' application settings: its consumers, producers and admin are checked
                        }
                        for (Map<String, String> config : kind.getValue()) {
                            String client = name + " " + kind.getKey() + " " + config.get("client.id");
                            assertEquals("SASL_SSL", config.get("security.protocol"), client + " (see " + service.log() + ")");
                            assertEquals("SCRAM-SHA-512", config.get("sasl.mechanism"), client);
                            assertEquals("[hidden]", config.get("sasl.jaas.config"), client + ": a JAAS login is set");
                            assertEquals("PEM", config.get("ssl.truststore.type"), client);
                            assertEquals(service.environment().get("KAFKA_SSL_TRUSTSTORE_LOCATION"),
                                    config.get("ssl.truststore.location"), client + ": the mounted cluster CA");
                            count++;
                        }
                    }
                    System.out.println(name + ": " + count + " Kafka client(s), all SASL_SSL + SCRAM-SHA-512: "
                            + clients.keySet());
                }));
    }

    /**
     * With Kafka up, a stopping consumer leaves its group: its partitions go to the other replicas at once, not after
     * the session timeout (10 s) during which nobody would read them. The consumers are started again afterwards.
     */
    @Order(4)
    @Test
    void kafkaConsumersLeaveTheirGroupsOnSigterm() throws Exception {
        List<String> consumers = GROUP_LEAVERS.stream().filter(running::containsKey).toList();
        try {
            try (Admin admin = kafka.admin()) {
                for (String group : consumers) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (members(admin, group) == 0 && System.nanoTime() < deadline) {
                        Thread.sleep(200);
                    }
                    assertTrue(members(admin, group) > 0, group + " never joined its consumer group (SCRAM login?)");
                }
                Map<String, Duration> stoppedAfter = sigterm(consumers);
                for (String group : consumers) {
                    Duration stopped = stoppedAfter.get(group);
                    int left = members(admin, group);
                    System.out.printf("GROUP %s: %d members right after the process stopped (%d ms after SIGTERM)%n", group,
                            left, stopped.toMillis());
                    assertEquals(0, left, group + " still has members: its consumers did not leave the group on close");
                }
            }
        } finally {
            bootTogether(consumers); // also after a failure: the stop-time check needs them
        }
    }

    /**
     * Every service stops on SIGTERM within its own shutdown budget ({@code quarkus.shutdown.delay} +
     * {@code quarkus.shutdown.timeout}, which the Deployment's {@code terminationGracePeriodSeconds} must exceed), and
     * not before its delay (readiness DOWN, still serving while Kubernetes takes it out of the Service), while its
     * broker and its database are gone. A service that waits for a Kafka client or a database connection on its way
     * out would be killed by Kubernetes at the end of the grace period, mid-request.
     */
    @Order(5)
    @Test
    void everyServiceStopsWithinItsShutdownBudgetWithKafkaAndPostgresqlGone() throws Exception {
        kafka.stop();
        postgres.close();
        postgres = null;
        awaitDependenciesReportedDown();

        Map<String, Duration> stoppedAfter = sigterm(services);
        StringBuilder stopTimes = new StringBuilder();
        List<String> wrong = new ArrayList<>();
        for (String name : services) {
            Duration stopped = stoppedAfter.get(name);
            Duration delay = shutdownSetting(name, "quarkus.shutdown.delay");
            Duration budget = delay.plus(shutdownSetting(name, "quarkus.shutdown.timeout"));
            stopTimes.append(String.format("%s stopped %d ms after SIGTERM (delay %s, budget %s)%n", name,
                    stopped.toMillis(), delay, budget));
            if (stopped.compareTo(budget) > 0 || stopped.compareTo(delay) < 0) {
                wrong.add(name + " stopped " + stopped.toMillis() + " ms after SIGTERM, not between its delay " + delay
                        + " (serving while Kubernetes takes it out of the Service) and its budget " + budget + ", see "
                        + running.get(name).log());
            }
        }
        System.out.print("STOP TIME with Kafka and PostgreSQL gone:\n" + stopTimes);
        Files.writeString(Path.of("target", "stop-time.txt"), stopTimes.toString());
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /**
     * Waits (at most 5 s) until each service reports its broker or database gone, through readiness or its
     * {@code dependencies} health group (the gateway keeps readiness UP by design), so SIGTERM finds the clients
     * failing, not merely idle.
     */
    private void awaitDependenciesReportedDown() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            for (String name : List.copyOf(waiting)) {
                String url = running.get(name).url();
                try {
                    if (get(url + "/q/health/ready", null).statusCode() == 503
                            || get(url + "/q/health/group/dependencies", null).statusCode() == 503) {
                        waiting.remove(name);
                    }
                } catch (java.io.IOException gone) {
                    waiting.remove(name); // not answering at all: the stop-time check reports it
                }
            }
            Thread.sleep(200);
        }
        System.out.println("STOP TIME: not reporting Kafka or PostgreSQL down after 5 s: " + waiting);
    }

    /** Boots a service through the smoke script with its Deployment's environment and leaves it running. */
    private void boot(String name) {
        try {
            Booted previous = running.get(name);
            Path environmentFile = previous != null ? previous.environmentFile() : null;
            Map<String, String> environment = previous != null ? previous.environment() : null;
            if (previous == null) {
                environment = environment(name);
                environmentFile = Path.of("target", "deployment-env", name + ".env").toAbsolutePath();
                Files.createDirectories(environmentFile.getParent());
                StringBuilder entries = new StringBuilder();
                environment.forEach((key, value) -> entries.append(key).append('=').append(value).append('\0'));
                Files.writeString(environmentFile, entries);
            }
            Path log = Path.of("target", name + ".log").toAbsolutePath();
            if (previous == null) {
                Files.deleteIfExists(log); // the script appends: a restart's log follows the first boot's
            }
            ProcessBuilder smoke = new ProcessBuilder("bash", Project.root().resolve("deploy/native/smoke.sh").toString(),
                    name, environmentFile.toString(), "--keep").redirectErrorStream(true);
            smoke.environment().put("SMOKE_LOG", log.toString());
            smoke.environment().put("SMOKE_READY_SECONDS", Long.toString(BOOT.toSeconds()));
            smoke.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            long started = System.nanoTime();
            Process script = smoke.start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            script.getInputStream().transferTo(output);
            assertTrue(script.waitFor(BOOT.toSeconds() + 30, TimeUnit.SECONDS), name + ": smoke.sh did not end");
            String said = output.toString(StandardCharsets.UTF_8);
            System.out.print(said);
            assertEquals(0, script.exitValue(), name + ": smoke.sh failed: " + said);
            Matcher pid = Pattern.compile("(?m)^pid=(\\d+)$").matcher(said);
            assertTrue(pid.find(), said);
            running.put(name, new Booted(name, Long.parseLong(pid.group(1)),
                    "http://127.0.0.1:" + environment.get("QUARKUS_HTTP_PORT"), log, environmentFile, environment,
                    (System.nanoTime() - started) / 1_000_000));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    /** The Deployment's environment, adapted ({@link #adapt}), with its mounted files written to local folders. */
    private Map<String, String> environment(String name) throws Exception {
        Path jar = Project.root().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), jar + " missing: deploy-checks must be built after " + name
                + " (declare it as a <type>pom</type> dependency of deploy-checks, like agent-directory)");
        Deployment deployment = manifest.typed(manifest.get("Deployment", name), Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        Map<String, String> fromManifest = ContainerEnvironment.resolve(container, manifest, example);
        assertNoLeakFromThisJvm(name, fromManifest);
        Map<String, String> environment = adapt(name, fromManifest);
        Path mounts = Files.createTempDirectory("k8s-mounts");
        for (VolumeMount mount : container.getVolumeMounts()) {
            if (mount.getMountPath().equals("/tmp")) {
                continue; // the process's own temporary folder stands in for the emptyDir
            }
            Path local = mounts.resolve(mount.getName());
            writeVolume(pod, mount, local);
            environment.replaceAll((key, value) -> value.equals(mount.getMountPath()) ? local.toString()
                    : value.startsWith(mount.getMountPath() + "/")
                    ? local.resolve(value.substring(mount.getMountPath().length() + 1)).toString() : value);
        }
        assertEquals(fromManifest.keySet(), environment.keySet(), "only values adapted, no variable added");
        // added: the pod's own /tmp (an emptyDir; here /tmp is shared) for folders the service keeps there by default,
        // the port, logs a test can read, and Kafka's clients logging their configuration (INFO)
        Path tmp = Files.createTempDirectory("pod-tmp-" + name);
        for (Object value : ServiceModule.of(name).orElseThrow().prodProperties().values()) {
            Matcher underTmp = TMP_DEFAULT.matcher(value.toString());
            while (underTmp.find()) {
                environment.putIfAbsent(underTmp.group(1), tmp + Objects.toString(underTmp.group(2), ""));
            }
        }
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(ServiceProcess.freePort()));
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        for (String category : List.of("ORG_APACHE_KAFKA", "ORG_APACHE_KAFKA_CLIENTS", "ORG_APACHE_KAFKA_COMMON_CONFIG")) {
            environment.put("QUARKUS_LOG_CATEGORY__" + category + "__LEVEL", "INFO");
        }
        return environment;
    }

    /** {@code ${VARIABLE:/tmp/...}}: a folder under the pod's /tmp unless the variable says otherwise. */
    private static final Pattern TMP_DEFAULT = Pattern.compile("\\$\\{([A-Z0-9_]+):/tmp(/[^}]*)?}");

    /** The values that cannot be the cluster's here, replaced; every other value is the manifest's. */
    private Map<String, String> adapt(String name, Map<String, String> fromManifest) throws Exception {
        Map<String, String> environment = new LinkedHashMap<>(fromManifest);
        if (environment.containsKey("DB_URL")) {
            environment.put("DB_URL", localDatabase(environment));
        }
        if (environment.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
            environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        }
        if (environment.containsKey("DIRECTORY_URL")) {
            assertTrue(running.containsKey(DIRECTORY), "the directory runs first");
            environment.put("DIRECTORY_URL", running.get(DIRECTORY).url());
        }
        if (environment.containsKey("DIRECTORY_SERVICE_KEY")) {
            // the service's own key pair (the example Secret holds a placeholder); the directory trusts its public half
            String service = name.replace("webhook-", "").replace("-service", "");
            environment.put("DIRECTORY_SERVICE_KEY", keys.service(service).privateKeyFile().toString());
        }
        for (String service : AuthKeys.SERVICES) {
            String publicKey = "AUTH_" + service.toUpperCase(Locale.ROOT) + "_PUBLIC_KEY";
            if (environment.containsKey(publicKey)) {
                environment.put(publicKey, keys.service(service).publicKeyFile().toString());
            }
        }
        if (environment.containsKey("VONAGE_PRIVATE_KEY")) {
            environment.put("VONAGE_PRIVATE_KEY", TestKeys.rsaPrivateKeyPem());
        }
        return environment;
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
    private String localDatabase(Map<String, String> environment) throws Exception {
        Matcher url = Pattern.compile("jdbc:postgresql://[^/]+/([a-z_]+)").matcher(environment.get("DB_URL"));
        assertTrue(url.matches(), environment.get("DB_URL"));
        String database = url.group(1);
        String user = environment.get("DB_USER");
        String password = environment.get("DB_PASSWORD");
        synchronized (this) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
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
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    private void writeVolume(PodSpec pod, VolumeMount mount, Path local) throws Exception {
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow();
        Files.createDirectories(local);
        if (volume.getEmptyDir() != null) {
            return; // an empty folder of this machine
        }
        if (volume.getSecret() != null) {
            // a Secret an operator makes (the Kafka cluster CA): the listed keys as files, ca.crt this broker's
            Map<String, String> secret = OperatorSecrets.of(manifest).get(volume.getSecret().getSecretName());
            if (secret == null) {
                fail("deploy-checks stands in only for the operators' Secret volumes: " + volume.getName());
            }
            for (var item : volume.getSecret().getItems()) {
                Files.writeString(local.resolve(item.getPath()), item.getKey().equals("ca.crt") ? kafka.certificatePem()
                        : secret.get(item.getKey()));
            }
            return;
        }
        if (volume.getConfigMap() == null) {
            fail("deploy-checks knows how to stand in for ConfigMap, Secret and emptyDir volumes only: " + volume.getName());
        }
        String name = volume.getConfigMap().getName();
        Map<String, String> data = ContainerEnvironment.configMap(name, manifest, example).orElseThrow();
        for (Map.Entry<String, String> file : data.entrySet()) {
            String content = name.equals("auth-public-key") && file.getKey().equals("public.pem")
                    ? Files.readString(keys.publicKeyFile()) // the placeholder is not a key
                    : file.getValue();
            Files.writeString(local.resolve(file.getKey()), content);
        }
        manifest.configMapByBaseName(name).ifPresent(rendered -> assertEquals(rendered.getData().keySet(), data.keySet()));
    }

    /** Kinds of client the service must have made before its configurations are checked. */
    private static List<String> expectedKinds(String name) {
        return name.equals("webhook-gateway") ? List.of("ProducerConfig") : List.of("ConsumerConfig", "ProducerConfig");
    }

    private static Map<String, List<Map<String, String>>> awaitClients(Booted service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Map<String, List<Map<String, String>>> clients = clientConfigs(Files.readString(service.log(),
                    StandardCharsets.UTF_8));
            if (expectedKinds(service.name()).stream().allMatch(clients::containsKey)) {
                return clients;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(service.name() + " made no " + expectedKinds(service.name()) + ": see "
                        + service.log());
            }
            Thread.sleep(200);
        }
    }

    private static final Pattern CONFIG_ENTRY = Pattern.compile("\t(\\S+) =(.*)");

    /** "ProducerConfig values:" blocks of the log: kind → one map per client. */
    static Map<String, List<Map<String, String>>> clientConfigs(String log) {
        Map<String, List<Map<String, String>>> clients = new TreeMap<>();
        Map<String, String> current = null;
        for (String line : log.split("\n")) {
            int at = line.indexOf("Config values:");
            if (at > 0) {
                String kind = line.substring(line.lastIndexOf(' ', at) + 1, at) + "Config";
                current = new TreeMap<>();
                clients.computeIfAbsent(kind, k -> new ArrayList<>()).add(current);
                continue;
            }
            Matcher entry = CONFIG_ENTRY.matcher(line);
            if (current != null && entry.matches()) {
                current.put(entry.group(1), entry.group(2).strip());
            } else if (current != null && !line.isBlank()) {
                current = null;
            }
        }
        return clients;
    }

    static {
        // the parser is part of the proof: a PLAINTEXT client must be read as such
        Map<String, List<Map<String, String>>> parsed = clientConfigs("x INFO [org.apa.kaf.cli.pro.ProducerConfig] (main) "
                + "ProducerConfig values: \n\tacks = -1\n\tsecurity.protocol = PLAINTEXT\n\tsasl.jaas.config = null\n"
                + "y INFO next line\n");
        if (!"PLAINTEXT".equals(parsed.get("ProducerConfig").get(0).get("security.protocol"))
                || parsed.get("ProducerConfig").get(0).size() != 3) {
            throw new IllegalStateException("clientConfigs does not parse Kafka's configuration log: " + parsed);
        }
        assertFalse(parsed.containsKey("ConsumerConfig"));
    }

    private static int members(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group).members().size();
    }

    /**
     * SIGTERM to these services at once; per service the time until its process was gone (taken when it went, not when
     * looked at), or {@link #WAIT_FOR_EXIT} when it is still there then.
     */
    private Map<String, Duration> sigterm(List<String> names) throws Exception {
        Map<String, CompletableFuture<Long>> exits = new LinkedHashMap<>();
        long sigterm = System.nanoTime();
        for (String name : names) {
            ProcessHandle process = ProcessHandle.of(running.get(name).pid()).orElseThrow();
            exits.put(name, process.onExit().thenApply(gone -> System.nanoTime()));
            process.destroy();
        }
        Map<String, Duration> stopped = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<Long>> exit : exits.entrySet()) {
            try {
                long left = WAIT_FOR_EXIT.toNanos() - (System.nanoTime() - sigterm);
                stopped.put(exit.getKey(), Duration.ofNanos(exit.getValue().get(Math.max(left, 0), TimeUnit.NANOSECONDS)
                        - sigterm));
            } catch (TimeoutException stillRunning) {
                stopped.put(exit.getKey(), WAIT_FOR_EXIT);
            }
        }
        return stopped;
    }

    /** A shutdown setting of the service's prod configuration, which every service must set. */
    static Duration shutdownSetting(String service, String property) {
        Properties prod = ServiceModule.of(service).orElseThrow().prodProperties();
        assertTrue("true".equals(prod.getProperty("quarkus.shutdown.delay-enabled")),
                service + ": quarkus.shutdown.delay-enabled=true (build time) is missing");
        String value = prod.getProperty(property);
        assertTrue(value != null, service + ": " + property + " is missing");
        return Duration.ofSeconds(Long.parseLong(value.strip().replaceAll("s$", "")));
    }

    private static void join(CompletableFuture<Void> boot) throws Exception {
        try {
            boot.get(BOOT.toSeconds() + 60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (Exception) e.getCause();
        }
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
