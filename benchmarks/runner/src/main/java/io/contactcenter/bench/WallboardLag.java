package io.contactcenter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The wallboard's lag: from an {@code ANSWERED} record's production (its Kafka timestamp, set by routing's producer)
 * to the first server-push event of the wallboard's live stream whose "answered today" of the department counts
 * it. The k-th {@code ANSWERED} record of the department (in production order) is counted once the figure reaches
 * k; records of different partitions may be counted in another order, so a record's lag is that of the moment the
 * figure reached its rank. Both clocks are this machine's.
 */
final class WallboardLag implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Production times (epoch ms) of the department's ANSWERED records, in the order they were read. */
    private final List<Long> produced = Collections.synchronizedList(new ArrayList<>());
    /** Push events: {arrival epoch ms, answered today}. */
    private final List<long[]> pushes = Collections.synchronizedList(new ArrayList<>());
    private final String department;
    private final Thread consumer;
    private final Thread stream;
    private volatile boolean running = true;
    private volatile InputStream events;

    WallboardLag(String kafkaBootstrapServers, String wallboardUrl, String supervisorToken, String department) {
        this.department = department;
        consumer = new Thread(() -> consume(kafkaBootstrapServers), "wallboard-lag-consumer");
        stream = new Thread(() -> follow(wallboardUrl, supervisorToken), "wallboard-lag-stream");
        consumer.setDaemon(true);
        stream.setDaemon(true);
        consumer.start();
        stream.start();
    }

    private void consume(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-wallboard-lag-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            kafka.subscribe(List.of("call-assignments"));
            while (running) {
                for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(200))) {
                    JsonNode value = JSON.readTree(record.value());
                    if ("ANSWERED".equals(value.path("outcome").asText())
                            && department.equals(value.path("department").asText())) {
                        produced.add(record.timestamp());
                    }
                }
            }
        } catch (Exception e) {
            if (running) {
                System.err.println("wallboard lag: consumer stopped: " + e);
            }
        }
    }

    private void follow(String wallboardUrl, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(wallboardUrl + "/wallboard/stream"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).build();
        while (running) {
            try {
                HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                        HttpResponse.BodyHandlers.ofInputStream());
                events = response.body();
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(events, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("data:")) {
                            long arrival = System.currentTimeMillis();
                            for (JsonNode d : JSON.readTree(line.substring(5)).path("departments")) {
                                if (department.equals(d.path("department").asText())) {
                                    pushes.add(new long[] {arrival, d.path("today").path("answered").asLong()});
                                }
                            }
                        }
                    }
                }
            } catch (Exception e) {
                if (running) {
                    System.err.println("wallboard lag: stream: " + e + " (reconnecting)");
                }
            }
        }
    }

    /** How many ANSWERED records were read so far (a point's records are those after this mark). */
    int mark() {
        return produced.size();
    }

    /**
     * The lag of the records read since {@code mark} (those the wallboard showed; one it never showed counts as
     * {@code missing}).
     */
    Latency since(int mark) {
        Histogram histogram = Latency.histogram();
        List<Long> times;
        List<long[]> seen;
        synchronized (produced) {
            times = new ArrayList<>(produced);
        }
        synchronized (pushes) {
            seen = new ArrayList<>(pushes);
        }
        for (int k = mark; k < times.size(); k++) {
            long rank = k + 1;
            long producedAt = times.get(k);
            seen.stream().filter(p -> p[1] >= rank && p[0] >= producedAt).mapToLong(p -> p[0]).min()
                    .ifPresent(shownAt -> histogram.recordValue(Math.max(0, shownAt - producedAt) * 1_000_000));
        }
        return Latency.of(histogram);
    }

    @Override
    public void close() throws Exception {
        running = false;
        if (events != null) {
            events.close();
        }
        consumer.join(2000);
    }
}
