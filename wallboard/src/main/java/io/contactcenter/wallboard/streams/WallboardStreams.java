package io.contactcenter.wallboard.streams;

import io.contactcenter.events.Topics;
import io.contactcenter.wallboard.config.WallboardConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Runs the topology: started when the application starts, closed (leaving the group, so the other instances take
 * the partitions over at once) when it stops. Kafka client settings are the {@code kafka.*} properties, as in the
 * other services (bootstrap servers, TLS and SCRAM in Kubernetes).
 */
@ApplicationScoped
public class WallboardStreams {

    private static final Logger LOG = Logger.getLogger(WallboardStreams.class);
    private static final String KAFKA_PREFIX = "kafka.";

    private final WallboardConfig config;
    private final Config allConfig;
    private volatile KafkaStreams streams;

    public WallboardStreams(WallboardConfig config, Config allConfig) {
        this.config = config;
        this.allConfig = allConfig;
    }

    void start(@Observes StartupEvent event) throws InterruptedException, ExecutionException {
        Properties properties = properties();
        if (config.streams().createSourceTopics()) {
            createSourceTopics(properties);
        }
        streams = new KafkaStreams(WallboardTopology.build(config), properties);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed, replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        streams.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (streams != null) {
            streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(10)));
        }
    }

    /** The running streams (interactive queries, metadata). */
    public KafkaStreams streams() {
        return streams;
    }

    /** Where the other instances reach this one: configured, else this host's address and the HTTP port. */
    public String applicationServer() {
        return config.streams().applicationServer().orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostAddress() + ":"
                        + allConfig.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("cannot tell this host's address: set WALLBOARD_APPLICATION_SERVER", e);
            }
        });
    }

    Properties properties() {
        Properties properties = new Properties();
        for (String name : allConfig.getPropertyNames()) {
            if (name.startsWith(KAFKA_PREFIX)) {
                allConfig.getOptionalValue(name, String.class).filter(v -> !v.isBlank())
                        .ifPresent(value -> properties.put(name.substring(KAFKA_PREFIX.length()), value));
            }
        }
        WallboardConfig.Streams streamsConfig = config.streams();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, streamsConfig.applicationId());
        properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer());
        properties.put(StreamsConfig.STATE_DIR_CONFIG, streamsConfig.stateDir().toString());
        // a fact is counted once even when an instance dies between its store write and its commit
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        properties.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, streamsConfig.standbyReplicas());
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, streamsConfig.replicationFactor());
        // a crashed instance's partitions move to the others after 10 s (Kafka's default is 45 s)
        properties.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10000);
        return properties;
    }

    private void createSourceTopics(Properties properties) throws InterruptedException, ExecutionException {
        List<String> topics = List.of(Topics.ROUTE_REQUESTS, Topics.CALL_ASSIGNMENTS, Topics.SURVEY_RESULTS,
                Topics.AGENT_ACTIVITY);
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, config.streams().sourcePartitions(), (short) -1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw e;
            }
        }
    }
}
