package io.contactcenter.routing.messaging;

import io.contactcenter.events.Topics;
import io.contactcenter.support.messaging.KafkaSecurity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How far routing has read a call's {@code call-events}: whether its consumer group (any replica) has applied and
 * committed every record of the call's partition acknowledged before an instant. Asked before routing ends a call on
 * the absence of a record it may not have read yet: a callback request the gateway confirmed once Kafka acknowledged
 * it is in the topic, but routing reads it only after a broker outage. Answered from memory ({@link ReadWatermarks}),
 * so that the question costs nothing under a call's row lock; a scheduled look at the topic through Kafka's admin API
 * keeps the answers current while calls ask (a second each). The broker not answering means "not known to be read".
 */
@ApplicationScoped
public class CallEventsProgress {

    private static final Logger LOG = Logger.getLogger(CallEventsProgress.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** How long after the last question the topic is still looked at. */
    private static final Duration KEEP_LOOKING = Duration.ofMinutes(1);

    private final Map<String, Object> adminConfig;
    private final String topic;
    private final String group;
    private final ReadWatermarks watermarks = new ReadWatermarks();
    private volatile Admin admin;
    private volatile int partitions;
    private volatile Instant askedUntil = Instant.MIN;

    @Inject
    public CallEventsProgress(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "mp.messaging.incoming.call-events.group.id") String group) {
        this(adminConfig(bootstrapServers, kafkaConfig), Topics.CALL_EVENTS, group);
    }

    CallEventsProgress(Map<String, Object> adminConfig, String topic, String group) {
        this.adminConfig = adminConfig;
        this.topic = topic;
        this.group = group;
    }

    private static Map<String, Object> adminConfig(String bootstrapServers, Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>(KafkaSecurity.settings(kafkaConfig));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "routing-call-events-progress");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return config;
    }

    /**
     * Whether every record of the call's partition acknowledged before {@code before} is applied (committed), as of
     * the last look at the topic: false until a look after {@code before} found it so (asked again a second later).
     */
    public boolean appliedBefore(String callId, Instant before) {
        askedUntil = Instant.now().plus(KEEP_LOOKING);
        int count = partitions;
        return count > 0 && watermarks.readBefore(partitionOf(callId, count), before);
    }

    /** The producers' default partitioner for a keyed record (the key is the call id). */
    static int partitionOf(String callId, int partitions) {
        return Utils.toPositive(Utils.murmur2(callId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Scheduled(identity = "call-events-progress", every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (Instant.now().isAfter(askedUntil)) {
            return;
        }
        try {
            look();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debugf("Could not tell how far %s is read (%s)", topic, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One look: the instant first, then the partitions' ends (every record acknowledged before it is below them). */
    void look() throws ExecutionException, InterruptedException, TimeoutException {
        Admin client = admin();
        Instant at = Instant.now();
        int count = client.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .get(topic).partitions().size();
        List<TopicPartition> all = IntStream.range(0, count)
                .mapToObj(p -> new TopicPartition(topic, p)).toList();
        Map<Integer, Long> ends = offsets(client, all, OffsetSpec.latest());
        Map<TopicPartition, OffsetAndMetadata> groupOffsets = client.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<Integer, Long> committed = new HashMap<>();
        groupOffsets.forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                committed.put(partition.partition(), offset.offset());
            }
        });
        List<TopicPartition> neverCommitted = all.stream()
                .filter(p -> !committed.containsKey(p.partition())).toList();
        if (!neverCommitted.isEmpty()) { // the group reads such a partition from its first record still kept
            committed.putAll(offsets(client, neverCommitted, OffsetSpec.earliest()));
        }
        watermarks.observe(at, ends, committed);
        partitions = count;
    }

    private static Map<Integer, Long> offsets(Admin client, List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, ListOffsetsResultInfo> found = client.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return found.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(),
                e -> e.getValue().offset()));
    }

    private Admin admin() {
        Admin client = admin;
        if (client == null) {
            client = Admin.create(adminConfig);
            admin = client;
        }
        return client;
    }

    void onStop(@Observes ShutdownEvent stop) {
        Admin client = admin;
        if (client != null) {
            client.close(TIMEOUT);
        }
    }
}
