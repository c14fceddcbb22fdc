package io.contactcenter.survey.support;

import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfra;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything on {@code survey-results}, read from the beginning by a background consumer. */
public final class Results {

    /** One record: its key and its value. */
    public record Received(String key, SurveyResult value) {
    }

    private static Results shared;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private Results() {
        Thread thread = new Thread(this::poll, "survey-results-reader");
        thread.setDaemon(true);
        thread.start();
    }

    public static synchronized Results shared() {
        if (shared == null) {
            shared = new Results();
        }
        return shared;
    }

    public List<Received> forCall(String callId) {
        return received.stream().filter(r -> callId.equals(r.key())).toList();
    }

    private void poll() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfra.shared().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "survey-results-reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.SURVEY_RESULTS));
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        received.add(new Received(record.key(), Calls.JSON.readValue(record.value(), SurveyResult.class)));
                    } catch (Exception e) {
                        throw new IllegalStateException("unreadable survey result: " + record.value(), e);
                    }
                }
            }
        }
    }
}
