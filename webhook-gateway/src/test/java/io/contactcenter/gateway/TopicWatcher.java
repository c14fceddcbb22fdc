package io.contactcenter.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactcenter.infra.LocalInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what the gateway publishes, with a plain consumer on the real broker: created before the action, it sees
 * only records written after it.
 */
public final class TopicWatcher implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TopicWatcher(String topic) {
        this(topic, LocalInfra.shared().kafkaBootstrapServers());
    }

    public TopicWatcher(String topic, String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "gateway-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ensureTopic(topic, bootstrapServers);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(10)));
    }

    private static void ensureTopic(String topic, String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic, e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic, e);
        }
    }

    /** The records with this key that arrive within the timeout, waiting until {@code count} are there. */
    public List<ConsumerRecord<String, String>> records(String key, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<ConsumerRecord<String, String>> matching = seen.stream().filter(r -> key.equals(r.key())).toList();
            if (matching.size() >= count || Instant.now().isAfter(deadline)) {
                return matching;
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
    }

    public ConsumerRecord<String, String> one(String key) {
        List<ConsumerRecord<String, String>> records = records(key, 1, Duration.ofSeconds(15));
        if (records.isEmpty()) {
            throw new AssertionError("no record with key " + key);
        }
        return records.get(0);
    }

    /** Waits until at least {@code count} records (any key) arrived since this watcher was created. */
    public int atLeast(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (seen.size() < count && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return seen.size();
    }

    /** Every record seen since this watcher was created, once the topic has been quiet for {@code quiet}. */
    public List<ConsumerRecord<String, String>> quiet(Duration quiet) {
        int before;
        do {
            before = seen.size();
            records("", Integer.MAX_VALUE, quiet);
        } while (seen.size() != before);
        return List.copyOf(seen);
    }

    /** Waits a little and returns every record with this key (to prove that nothing else came). */
    public List<ConsumerRecord<String, String>> settle(String key, Duration wait) {
        return records(key, Integer.MAX_VALUE, wait);
    }

    /**
     * Every record with this key that the broker acknowledged before this call: reads on until every partition's end
     * as of now is reached. With the gateway's answer sent after its records' acknowledgement, an empty list proves that
     * a request published nothing, without a fixed wait.
     */
    public List<ConsumerRecord<String, String>> upToNow(String key) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(10));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the topic was not read to its end within 15 s");
            }
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return seen.stream().filter(r -> key.equals(r.key())).toList();
    }

    public static ObjectNode json(ConsumerRecord<String, String> record) {
        try {
            return (ObjectNode) MAPPER.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + record.value(), e);
        }
    }

    /** The record's JSON without {@code receivedAt}/{@code requestedAt} (clock values), after checking they are recent. */
    public static ObjectNode withoutClock(ConsumerRecord<String, String> record) {
        ObjectNode json = json(record);
        for (String field : List.of("receivedAt", "requestedAt")) {
            JsonNode value = json.remove(field);
            if (value != null) {
                Instant at = Instant.parse(value.asText());
                if (Duration.between(at, Instant.now()).abs().toMinutes() > 2) {
                    throw new AssertionError(field + " is not now: " + at);
                }
            }
        }
        return json;
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
