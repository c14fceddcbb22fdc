package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.infra.ServiceProcess;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The services hand the Deployment's Kafka security settings to every Kafka client they make. Each packaged Kafka
 * client service (JVM build) is started with its prod Deployment's environment as it is, {@code SASL_SSL} and all:
 * the JAAS login from (a stand-in of) its KafkaUser's Secret, the truststore from (a stand-in of) the cluster CA
 * Secret, a real certificate made here. Kafka is a port nothing listens on, so no connection ever succeeds; what is
 * checked is the configuration each Kafka client (producer, consumer, dead-letter producer, admin) logs when it is
 * made: every one of them must say {@code security.protocol = SASL_SSL}, {@code sasl.mechanism = SCRAM-SHA-512}, a
 * JAAS login and the mounted CA as a PEM truststore. A client that the settings do not reach logs PLAINTEXT and
 * fails this test. Values adapted: the addresses (Kafka, PostgreSQL, directory), the mount folders, placeholder key
 * material, and Kafka's log level (its client configuration is logged at INFO).
 */
class KafkaClientSecurityTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TestFactory
    Stream<DynamicTest> everyKafkaClientOfEveryServiceUsesTlsAndScram() {
        Manifest manifest = Project.rendered("prod");
        return manifest.deployments().stream()
                .filter(d -> manifest.find("KafkaUser", d.getMetadata().getName()).isPresent())
                .map(d -> DynamicTest.dynamicTest(d.getMetadata().getName(), () -> check(manifest, d)));
    }

    private static void check(Manifest manifest, Deployment deployment) throws Exception {
        String name = deployment.getMetadata().getName();
        Assumptions.assumeTrue(Project.hasModule(name), "module " + name + " is not in this checkout yet");
        Path jar = Project.root().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), jar + " not built");
        Manifest example = Manifest.read(Project.secretExample());
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        Map<String, String> environment = new LinkedHashMap<>(ContainerEnvironment.resolve(container, manifest, example));
        assertEquals("SASL_SSL", environment.get("KAFKA_SECURITY_PROTOCOL"), name + ": the manifest's protocol");

        Path folder = Files.createTempDirectory("kafka-security-" + name);
        adapt(name, environment, folder);
        for (VolumeMount mount : container.getVolumeMounts()) {
            if (mount.getMountPath().equals("/tmp")) {
                continue;
            }
            Path local = folder.resolve("mounts").resolve(mount.getName());
            writeVolume(pod, mount, local, manifest, example, folder);
            environment.replaceAll((key, value) -> value.startsWith(mount.getMountPath() + "/")
                    ? local.resolve(value.substring(mount.getMountPath().length() + 1)).toString() : value);
        }
        String truststore = environment.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
        assertTrue(Files.isRegularFile(Path.of(truststore)), truststore);
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(ServiceProcess.freePort()));

        Path log = Path.of("target", name + "-kafka-security.log").toAbsolutePath();
        Files.deleteIfExists(log);
        // Kafka's clients log their configuration at INFO; the services (and the Kafka extension) keep it at WARN
        ProcessBuilder builder = ServiceProcess.javaProcess(jar, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Dquarkus.log.category.\"org.apache.kafka\".level=INFO",
                "-Dquarkus.log.category.\"org.apache.kafka.clients\".level=INFO",
                "-Dquarkus.log.category.\"org.apache.kafka.common.config\".level=INFO"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            Map<String, List<Map<String, String>>> clients = awaitClients(name, process, log);
            int count = 0;
            for (Map.Entry<String, List<Map<String, String>>> kind : clients.entrySet()) {
                if (kind.getKey().equals("StreamsConfig")) {
                    continue; // Kafka Streams' application settings: its consumers, producers and admin are checked
                }
                for (Map<String, String> config : kind.getValue()) {
                    String client = name + " " + kind.getKey() + " " + config.get("client.id");
                    assertEquals("SASL_SSL", config.get("security.protocol"), client + " (see " + log + ")");
                    assertEquals("SCRAM-SHA-512", config.get("sasl.mechanism"), client);
                    assertEquals("[hidden]", config.get("sasl.jaas.config"), client + ": a JAAS login is set");
                    assertEquals("PEM", config.get("ssl.truststore.type"), client);
                    assertEquals(truststore, config.get("ssl.truststore.location"), client + ": the mounted cluster CA");
                    count++;
                }
            }
            System.out.println(name + ": " + count + " Kafka client(s), all SASL_SSL + SCRAM-SHA-512: " + clients.keySet());
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Kinds of client the service must have made before the check stops waiting. */
    private static List<String> expectedKinds(String name) {
        return name.equals("webhook-gateway") ? List.of("ProducerConfig")
                : List.of("ConsumerConfig", "ProducerConfig");
    }

    /** Waits until the service made its clients (and a little longer, for the rest), then parses their configs. */
    private static Map<String, List<Map<String, String>>> awaitClients(String name, Process process, Path log)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Long settledAt = null;
        while (System.nanoTime() < deadline) {
            Map<String, List<Map<String, String>>> clients = clientConfigs(Files.readString(log, StandardCharsets.UTF_8));
            boolean all = expectedKinds(name).stream().allMatch(clients::containsKey);
            if (all && settledAt == null) {
                settledAt = System.nanoTime();
            }
            if (settledAt != null && System.nanoTime() - settledAt > Duration.ofSeconds(8).toNanos()) {
                return clients;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before making its Kafka "
                        + "clients: see " + log);
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + " made no " + expectedKinds(name) + " within " + WAIT + ": see " + log);
    }

    private static final java.util.regex.Pattern CONFIG_ENTRY = java.util.regex.Pattern.compile("\t(\\S+) =(.*)");

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
            java.util.regex.Matcher entry = CONFIG_ENTRY.matcher(line);
            if (current != null && entry.matches()) {
                current.put(entry.group(1), entry.group(2).strip());
            } else if (current != null && !line.isBlank()) {
                current = null;
            }
        }
        return clients;
    }

    /** Addresses of this machine (nothing listens on the Kafka and directory ports), real keys for placeholders. */
    private static void adapt(String name, Map<String, String> environment, Path folder) throws Exception {
        LocalInfra infra = LocalInfra.shared();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + ServiceProcess.freePort());
        if (environment.containsKey("DIRECTORY_URL")) {
            environment.put("DIRECTORY_URL", "http://127.0.0.1:" + ServiceProcess.freePort());
        }
        if (environment.containsKey("DB_URL")) {
            environment.put("DB_URL", infra.postgres().database("kafka_security_" + name.replace('-', '_')));
            environment.put("DB_USER", infra.postgres().user());
            environment.put("DB_PASSWORD", infra.postgres().password());
        }
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            boolean privateKey = variable.getKey().contains("PRIVATE_KEY") || variable.getKey().equals("DIRECTORY_SERVICE_KEY");
            if (variable.getValue().contains("REPLACE") && privateKey) {
                variable.setValue(TestKeys.rsaPrivateKeyPem());
            } else if (variable.getValue().contains("REPLACE") && variable.getKey().endsWith("_TOKEN")) {
                variable.setValue(infra.authKeys().mint("contact-center", List.of("service"), Duration.ofHours(1)));
            }
        }
    }

    private static void writeVolume(PodSpec pod, VolumeMount mount, Path local, Manifest manifest, Manifest example,
            Path folder) throws Exception {
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        Files.createDirectories(local);
        if (volume.getSecret() != null) {
            Map<String, String> secret = OperatorSecrets.all(manifest, example).get(volume.getSecret().getSecretName());
            for (KeyToPath item : volume.getSecret().getItems()) {
                String content = item.getKey().equals("ca.crt") ? certificatePem(folder) : secret.get(item.getKey());
                Files.writeString(local.resolve(item.getPath()), content);
            }
            return;
        }
        Map<String, String> data = ContainerEnvironment.configMap(volume.getConfigMap().getName(), manifest, example)
                .orElseThrow();
        for (Map.Entry<String, String> file : data.entrySet()) {
            String content = file.getValue().contains("REPLACE") && file.getValue().contains("PUBLIC KEY")
                    ? Files.readString(LocalInfra.shared().authKeys().publicKeyFile()) : file.getValue();
            Files.writeString(local.resolve(file.getKey()), content);
        }
    }

    /** A real (self-signed) CA certificate in PEM, made with the JDK's keytool. */
    private static String certificatePem(Path folder) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path store = folder.resolve("ca.p12");
        Path pem = folder.resolve("ca.pem");
        if (!Files.exists(pem)) {
            run(keytool.toString(), "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname",
                    "CN=cluster-ca-v0, O=io.strimzi", "-ext", "bc:c=ca:true", "-validity", "2", "-keystore", store.toString(),
                    "-storetype", "PKCS12", "-storepass", "changeit");
            run(keytool.toString(), "-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-storepass",
                    "changeit", "-file", pem.toString());
        }
        String certificate = Files.readString(pem);
        assertTrue(certificate.contains("BEGIN CERTIFICATE"), certificate);
        return certificate;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command) + ": " + output);
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
}
