package io.contactcenter.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.infra.LocalInfra;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The replay command against local-infra's real broker: a topic of its own and its {@code .dlq}. */
class DeadLetterReplayTest {

    private final String bootstrap = LocalInfra.shared().kafkaBootstrapServers();
    private final String topic = "replay-test-" + UUID.randomUUID();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void dryRunByDefaultThenTheSelectedRecordsInOrderWithoutTheDeadLetterHeaders() throws Exception {
        long beforeLast;
        try (KafkaProducer<String, String> producer = producer()) {
            deadLetter(producer, "call-a", "{\"n\":1}");
            deadLetter(producer, "call-b", "{\"n\":2}");
            deadLetter(producer, "call-a", "{\"n\":3}");
            producer.flush();
            Thread.sleep(5); // the last record's timestamp after the --from instant, whatever the clock's grain
            beforeLast = System.currentTimeMillis();
            Thread.sleep(5);
            deadLetter(producer, "call-c", "{\"n\":4}");
        }

        assertEquals(0, replay("--topic", topic, "--key", "call-a"));
        assertTrue(output.toString().contains("dry run: 2 of 4 dead letters of " + topic + ".dlq selected"), output.toString());

        assertEquals(0, replay("--topic", topic, "--key", "call-a", "--execute"));
        List<ConsumerRecord<String, String>> republished = read(2);
        assertEquals(List.of("{\"n\":1}", "{\"n\":3}"), republished.stream().map(ConsumerRecord::value).toList(),
                "the dry run published nothing, the real run call-a's two, in order");
        ConsumerRecord<String, String> first = republished.get(0);
        assertEquals("call-a", first.key());
        assertEquals("STATUS:COMPLETED", header(first, "cc-event"), "the original headers are kept");
        assertEquals(null, header(first, "dead-letter-reason"), "the consumer's dead-letter headers are not");
        assertEquals(topic + ".dlq/0/0", header(first, DeadLetterReplay.REPLAYED_FROM));

        assertEquals(0, replay("--topic", topic, "--from", Instant.ofEpochMilli(beforeLast).toString(), "--execute"));
        assertEquals(List.of("{\"n\":1}", "{\"n\":3}", "{\"n\":4}"), read(3).stream().map(ConsumerRecord::value).sorted().toList(),
                "--from selects by the time of dead-lettering");

        assertEquals(2, replay("--topic", topic), "a selection is required");
        assertEquals(2, replay("--topic", topic, "--all", "--key", "call-a"));
    }

    private int replay(String... args) {
        output.reset();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        return new DeadLetterReplay(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap), out, out).run(args);
    }

    private void deadLetter(KafkaProducer<String, String> producer, String key, String value) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic + ".dlq", 0, key, value);
        record.headers().add("cc-event", "STATUS:COMPLETED".getBytes(StandardCharsets.UTF_8));
        record.headers().add("dead-letter-reason", "invalid".getBytes(StandardCharsets.UTF_8));
        record.headers().add("dead-letter-topic", topic.getBytes(StandardCharsets.UTF_8));
        record.headers().add("dead-letter-offset", "17".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    /** Every record of the original topic, once {@code count} are there (and a moment for any extra one). */
    private List<ConsumerRecord<String, String>> read(int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
