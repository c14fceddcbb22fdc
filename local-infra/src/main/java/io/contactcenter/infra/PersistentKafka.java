package io.contactcenter.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft broker on fixed ports whose log directory survives restarts, for the local run.
 * Formats the storage only the first time, exactly as {@code kafka-storage.sh format --standalone} does.
 */
final class PersistentKafka implements RunningKafka {

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private PersistentKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    static PersistentKafka start(String host, int port, int controllerPort, Path dataDirectory, int partitions) {
        try {
            Path logDir = dataDirectory.toAbsolutePath();
            Files.createDirectories(logDir);
            Properties props = new Properties();
            props.putAll(TestKitKafka.singleNodeSettings(partitions));
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
            props.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", logDir.toString());
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(props, logDir);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            return new PersistentKafka(server, host + ":" + port);
        } catch (IOException e) {
            throw new IllegalStateException("Kafka did not start in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    private static void format(Properties props, Path logDir) throws IOException {
        Path config = logDir.resolveSibling(logDir.getFileName() + ".format.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "used once to format the Kafka storage");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode = StorageTool.execute(new String[] {
                "format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        Files.deleteIfExists(config);
        if (exitCode != 0) {
            throw new IOException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
