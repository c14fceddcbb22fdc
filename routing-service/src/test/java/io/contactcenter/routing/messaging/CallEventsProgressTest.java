package io.contactcenter.routing.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * How far a consumer group has read a call's records, on the real broker: the call's partition found as the producer's
 * partitioner chose it, records produced before the instant counted, later ones not.
 */
class CallEventsProgressTest {

    private final String bootstrap = LocalInfra.shared().kafkaBootstrapServers();

    @Test
    void aCallsRecordsCountAsReadOnceTheGroupCommittedPastThoseProducedBeforeTheInstant() throws Exception {
        String topic = "progress-" + UUID.randomUUID();
        String probes = topic + "-probes"; // as many partitions: where a key goes, without writing to the topic
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1), new NewTopic(probes, 3, (short) 1)))
                    .all().get();
        }
        String call = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer();
                KafkaConsumer<String, String> group = groupConsumer()) {
            String otherCall;
            do {
                otherCall = UUID.randomUUID().toString();
            } while (partition(producer, probes, otherCall) == partition(producer, probes, call));
            RecordMetadata request = producer.send(new ProducerRecord<>(topic, call, "request")).get();
            producer.send(new ProducerRecord<>(topic, otherCall, "unread")).get();
            Thread.sleep(5); // record times are milliseconds: the instant is after the request
            Instant afterRequest = Instant.now();

            assertFalse(CallEventsProgress.appliedBefore(group, topic, call, afterRequest), "nothing committed yet");

            group.commitSync(Map.of(new TopicPartition(topic, request.partition()),
                    new OffsetAndMetadata(request.offset() + 1)));
            assertTrue(CallEventsProgress.appliedBefore(group, topic, call, afterRequest));
            assertFalse(CallEventsProgress.appliedBefore(group, topic, otherCall, afterRequest),
                    "another partition's record is still unread");

            Thread.sleep(5);
            producer.send(new ProducerRecord<>(topic, call, "later")).get();
            assertTrue(CallEventsProgress.appliedBefore(group, topic, call, afterRequest),
                    "a record produced after the instant is not waited for");
            assertFalse(CallEventsProgress.appliedBefore(group, topic, call, Instant.now().plusSeconds(1)));
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

    private KafkaConsumer<String, String> groupConsumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "progress-" + UUID.randomUUID());
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
