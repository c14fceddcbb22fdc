package io.contactcenter.systemtests;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads one topic from the beginning in the background, as a dashboard would, and keeps every record. */
final class TopicRecorder<T> implements AutoCloseable {

    /** A record as read: its key and its value. */
    record Received<T>(String key, T value) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final List<Received<T>> records = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;
    private volatile boolean running = true;
    private final long startedNanos = System.nanoTime();
    private volatile long lastRecordNanos = startedNanos;
    private final Map<String, Long> lastRecordNanosByKey = new ConcurrentHashMap<>();

    TopicRecorder(String bootstrapServers, String topic, Class<T> type) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "system-tests-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        poller = new Thread(() -> {
            try {
                while (running) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                        try {
                            records.add(new Received<>(r.key(), JSON.readValue(r.value(), type)));
                            lastRecordNanos = System.nanoTime();
                            if (r.key() != null) {
                                lastRecordNanosByKey.put(r.key(), lastRecordNanos);
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException("unreadable record on " + topic + ": " + r.value(), e);
                        }
                    });
                }
            } catch (WakeupException stopping) {
                // closed
            } finally {
                consumer.close();
            }
        }, "record-" + topic);
        poller.setDaemon(true);
        poller.start();
    }

    /**
     * How long no record has arrived (since the recorder started, when none has): for any key when {@code keys} is
     * empty, else for those keys only.
     */
    Duration quietFor(Collection<String> keys) {
        long last = keys.isEmpty() ? lastRecordNanos
                : keys.stream().mapToLong(k -> lastRecordNanosByKey.getOrDefault(k, startedNanos)).max().orElseThrow();
        return Duration.ofNanos(System.nanoTime() - last);
    }

    List<Received<T>> all() {
        return List.copyOf(records);
    }

    List<T> values(Predicate<Received<T>> filter) {
        return records.stream().filter(filter).map(Received::value).toList();
    }

    List<T> forKey(String key) {
        return values(r -> key.equals(r.key()));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
