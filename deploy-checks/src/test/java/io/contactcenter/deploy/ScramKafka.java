package io.contactcenter.deploy;

import io.contactcenter.infra.KafkaExitGuard;
import io.contactcenter.infra.ServiceProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft broker whose client listener is the one of {@code kafka/kafka.yaml}: TLS + SCRAM-SHA-512
 * (a certificate made here, its PEM standing in for Strimzi's cluster CA), so the services run with their Deployment's
 * Kafka security settings unchanged. A second, plain listener is the test's own (users, topics, group checks). Topics
 * are created only by the test ({@code auto.create.topics.enable=false}, as in the cluster). Stoppable, for the
 * stop-time check.
 */
final class ScramKafka implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final String PASSWORD = "changeit";

    private final Path folder;
    private final int saslPort = ServiceProcess.freePort();
    private final int plainPort = ServiceProcess.freePort();
    private final int controllerPort = ServiceProcess.freePort();
    private KafkaRaftServer server;

    private ScramKafka(Path folder) {
        this.folder = folder;
    }

    static ScramKafka start() throws Exception {
        KafkaExitGuard.install();
        ScramKafka kafka = new ScramKafka(Files.createTempDirectory("scram-kafka"));
        kafka.makeCertificate();
        kafka.server = new KafkaRaftServer(KafkaConfig.fromProps(kafka.format(), false), Time.SYSTEM);
        kafka.server.startup();
        return kafka;
    }

    /** The TLS + SCRAM listener the services connect to. */
    String bootstrapServers() {
        return HOST + ":" + saslPort;
    }

    /** The test's plain listener. */
    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + plainPort));
    }

    /** The broker certificate in PEM: what the clients trust (the cluster CA's {@code ca.crt} in the cluster). */
    String certificatePem() throws IOException {
        return Files.readString(folder.resolve("ca.crt"));
    }

    /** SCRAM-SHA-512 credentials, as Strimzi's User Operator creates them for each KafkaUser. */
    void addUsers(Map<String, String> passwords) throws Exception {
        try (Admin admin = admin()) {
            List<UserScramCredentialAlteration> users = passwords.entrySet().stream()
                    .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.getKey(),
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), user.getValue()))
                    .toList();
            admin.alterUserScramCredentials(users).all().get(60, TimeUnit.SECONDS);
        }
    }

    void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Properties format() throws IOException {
        Path logs = folder.resolve("data");
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        props.put("listeners", "TLS://" + HOST + ":" + saslPort + ",PLAIN://" + HOST + ":" + plainPort
                + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "TLS://" + HOST + ":" + saslPort + ",PLAIN://" + HOST + ":" + plainPort);
        props.put("listener.security.protocol.map", "TLS:SASL_SSL,PLAIN:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAIN");
        props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        props.put("listener.name.tls.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put("ssl.keystore.type", "PKCS12");
        props.put("ssl.keystore.location", folder.resolve("broker.p12").toString());
        props.put("ssl.keystore.password", PASSWORD);
        props.put("ssl.key.password", PASSWORD);
        props.put("num.partitions", "3");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("log.dirs", logs.toString());
        Path config = folder.resolve("format.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "formats the storage once");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {"format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString()}, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IOException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
        return props;
    }

    /** A self-signed certificate for 127.0.0.1 (the clients verify the host name), made with the JDK's keytool. */
    private void makeCertificate() throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String store = folder.resolve("broker.p12").toString();
        run(keytool, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-dname",
                "CN=contact-center-kafka, O=io.strimzi", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", store,
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        run(keytool, "-exportcert", "-rfc", "-alias", "broker", "-keystore", store, "-storepass", PASSWORD, "-file",
                folder.resolve("ca.crt").toString());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": " + output);
        }
    }
}
