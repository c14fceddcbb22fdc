package io.contactcenter.routing.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.infra.LocalInfra;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * How far a consumer group has read a call's records, on the real broker through the admin API: the call's partition
 * found as the producer's partitioner chose it, records acknowledged before the instant counted, later ones not, and
 * nothing known before a look at the topic made after the instant.
 */
class CallEventsProgressTest {

    private final String bootstrap = LocalInfra.shared().kafkaBootstrapServers();

    @Test
    void aCallsRecordsCountAsReadOnceALookFindsTheGroupCommittedPastThoseAcknowledgedBeforeTheInstant()
            throws Exception {
        String topic = "progress-" + UUID.randomUUID();
        String probes = topic + "-probes"; // as many partitions: where a key goes, without writing to the topic
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1), new NewTopic(probes, 3, (short) 1)))
                    .all().get();
        }
        String call = UUID.randomUUID().toString();
        String group = "progress-" + UUID.randomUUID();
        CallEventsProgress progress = new CallEventsProgress(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topic, group);
        try (KafkaProducer<String, String> producer = producer();
                KafkaConsumer<String, String> consumer = groupConsumer(group)) {
            String otherCall;
            do {
                otherCall = UUID.randomUUID().toString();
            } while (partition(producer, probes, otherCall) == partition(producer, probes, call));
            RecordMetadata request = producer.send(new ProducerRecord<>(topic, call, "request")).get();
            assertEquals(request.partition(), CallEventsProgress.partitionOf(call, 3));
            producer.send(new ProducerRecord<>(topic, otherCall, "unread")).get();
            Instant afterRequest = Instant.now();

            assertFalse(progress.appliedBefore(call, afterRequest), "no look at the topic yet");
            progress.look();
            assertFalse(progress.appliedBefore(call, afterRequest), "nothing committed yet");

            consumer.commitSync(Map.of(new TopicPartition(topic, request.partition()),
                    new OffsetAndMetadata(request.offset() + 1)));
            assertFalse(progress.appliedBefore(call, afterRequest), "known at the next look only");
            progress.look();
            assertTrue(progress.appliedBefore(call, afterRequest));
            assertFalse(progress.appliedBefore(otherCall, afterRequest),
                    "another partition's record is still unread");

            producer.send(new ProducerRecord<>(topic, call, "later")).get();
            progress.look();
            assertTrue(progress.appliedBefore(call, afterRequest),
                    "a record acknowledged after the instant is not waited for");
            assertFalse(progress.appliedBefore(call, Instant.now()), "the later record is unread");
        } finally {
            progress.onStop(null);
        }
    }

    private static int partition(KafkaProducer<String, String> producer, String topic, String key) throws Exception {
        return producer.send(new ProducerRecord<>(topic, key, "probe")).get().partition();
    }

    private KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> groupConsumer(String group) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
