package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent-directory (JVM build) starts and serves with exactly the environment its prod Deployment
 * gives it: the rendered ConfigMap, the example Secrets and the mounted files. Only what cannot be the same on
 * this machine is adapted, each named below: the database host (local PostgreSQL instead of
 * contact-center-db-rw), the mount folder (a temporary folder instead of /etc/contact-center/auth), the public key
 * in it (the test's token key instead of the example's placeholder) and the HTTP port (a free one). The database,
 * its owner role and password are created as CloudNativePG would, from the example Secret's values.
 */
class AgentDirectoryBootTest {

    private static final String SERVICE = "agent-directory";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void packagedJarBecomesReadyWithTheManifestsEnvironmentAndServes() throws Exception {
        Path jar = Project.root().resolve(SERVICE).resolve("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), jar + " missing: build agent-directory first (mvn package)");
        Manifest manifest = Project.rendered("prod");
        Manifest example = Manifest.read(Project.secretExample());
        Deployment deployment = manifest.typed(manifest.get("Deployment", SERVICE), Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        Map<String, String> manifestEnvironment = ContainerEnvironment.resolve(container, manifest, example);
        Map<String, String> environment = new LinkedHashMap<>(manifestEnvironment);
        assertNoLeakFromThisJvm(environment);

        LocalInfra infra = LocalInfra.shared();
        environment.put("DB_URL", localDatabase(infra, environment));

        Path mounts = Files.createTempDirectory("k8s-mounts");
        for (VolumeMount mount : container.getVolumeMounts()) {
            if (mount.getMountPath().equals("/tmp")) {
                continue; // the process's own temporary folder stands in for the emptyDir
            }
            Path local = mounts.resolve(mount.getName());
            writeVolume(pod, mount, local, manifest, example, infra);
            environment.replaceAll((name, value) -> value.startsWith(mount.getMountPath() + "/")
                    ? local.resolve(value.substring(mount.getMountPath().length() + 1)).toString() : value);
        }
        assertEquals(manifestEnvironment.keySet(), environment.keySet(), "only values adapted, no variable added");

        Path log = Project.root().resolve("deploy-checks/target/agent-directory-boot.log");
        Files.deleteIfExists(log);
        long started = System.nanoTime();
        try (ServiceProcess directory = ServiceProcess.start(jar, environment, log, Duration.ofSeconds(120))) {
            long readyMillis = (System.nanoTime() - started) / 1_000_000;
            String url = directory.url();
            // the probes of the Deployment
            for (String probe : new String[] {"/q/health/started", "/q/health/live", "/q/health/ready"}) {
                assertEquals(200, get(url + probe, null).statusCode(), probe);
            }
            // bearer tokens are verified with the mounted public key (AUTH_PUBLIC_KEY_LOCATION)
            assertEquals(401, get(url + "/departments", null).statusCode());
            String admin = infra.authKeys().mint("admin", "admin");
            String service = infra.authKeys().mint("contact-center", "service");
            assertEquals(200, get(url + "/departments", admin).statusCode());
            // real work against the database Flyway migrated at start, producing the dashboard's directory metrics
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
            long rssKib = residentKib(jar);
            String figures = "agent-directory JVM (-Xmx256m, as ServiceProcess runs it): ready " + readyMillis
                    + " ms after launch, RSS " + rssKib / 1024 + " MiB after the requests\n";
            Files.writeString(Project.root().resolve("deploy-checks/target/measured.txt"), figures);
            System.out.print(figures);
            assertTrue(rssKib < 512 * 1024, "fits the dev overlay's 512Mi JVM limit: " + figures);
        }
    }

    /** Variables the directory reads must come from the manifest, not from whoever runs the build. */
    private static void assertNoLeakFromThisJvm(Map<String, String> environment) {
        ServiceModule module = ServiceModule.of(SERVICE).orElseThrow();
        for (String name : module.referencedEnvironment()) {
            if (System.getenv(name) != null && !environment.containsKey(name)) {
                fail(name + " is set in this build's environment and would leak into the service: unset it");
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
        if (volume.getConfigMap() == null) {
            fail("deploy-checks knows how to stand in for ConfigMap volumes only: " + volume.getName());
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

    private String awaitMetrics(String url, String expected) throws Exception {
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

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertTrue(response.statusCode() / 100 == 2, response.uri() + " answered " + response.statusCode() + ": "
                + response.body());
        return Manifest.YAML.readTree(response.body());
    }

    /** Resident memory of the service process (a child of this JVM running the jar), from /proc. */
    private static long residentKib(Path jar) throws Exception {
        ProcessHandle child = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().map(c -> c.contains(jar.toAbsolutePath().toString())).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("service process not found"));
        for (String line : Files.readAllLines(Path.of("/proc/" + child.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new AssertionError("no VmRSS for " + child.pid());
    }
}
