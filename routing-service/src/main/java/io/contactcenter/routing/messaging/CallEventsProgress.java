package io.contactcenter.routing.messaging;

import io.contactcenter.events.Topics;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * How far routing has read a call's {@code call-events}: whether its consumer group (any replica) has applied and
 * committed every record of the call's partition produced before an instant. Asked before routing ends a call on the
 * absence of a record it may not have read yet: a callback request the gateway confirmed once Kafka acknowledged it is
 * in the topic, but routing reads it only after a broker outage. The broker not answering means "not known to be read".
 */
@ApplicationScoped
public class CallEventsProgress {

    private static final Logger LOG = Logger.getLogger(CallEventsProgress.class);
    static final String CHANNEL = "call-events";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final KafkaClientService kafka;

    public CallEventsProgress(KafkaClientService kafka) {
        this.kafka = kafka;
    }

    /** Whether every record of the call's partition produced before {@code before} is applied (committed). */
    public boolean appliedBefore(String callId, Instant before) {
        try {
            Function<Consumer<String, Object>, Boolean> read = consumer -> appliedBefore(consumer, Topics.CALL_EVENTS,
                    callId, before);
            return kafka.<String, Object>getConsumer(CHANNEL).runOnPollingThread(read)
                    .await().atMost(TIMEOUT.multipliedBy(4));
        } catch (RuntimeException e) {
            LOG.debugf("Could not tell how far call-events of call %s are read (%s)", callId, e.getMessage());
            return false;
        }
    }

    /** {@link #appliedBefore(String, Instant)} by the group of {@code consumer}, on its polling thread. */
    static boolean appliedBefore(Consumer<?, ?> consumer, String topic, String callId, Instant before) {
        int partitions = consumer.partitionsFor(topic, TIMEOUT).size();
        // the producers' default partitioner for a keyed record (the key is the call id)
        TopicPartition partition = new TopicPartition(topic,
                Utils.toPositive(Utils.murmur2(callId.getBytes(StandardCharsets.UTF_8))) % partitions);
        OffsetAndTimestamp first = consumer.offsetsForTimes(Map.of(partition, before.toEpochMilli()), TIMEOUT)
                .get(partition);
        long target = first != null ? first.offset() : consumer.endOffsets(Set.of(partition), TIMEOUT).get(partition);
        OffsetAndMetadata committed = consumer.committed(Set.of(partition), TIMEOUT).get(partition);
        long read = committed != null ? committed.offset()
                : consumer.beginningOffsets(Set.of(partition), TIMEOUT).get(partition);
        return read >= target;
    }
}
