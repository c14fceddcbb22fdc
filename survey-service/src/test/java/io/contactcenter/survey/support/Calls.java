package io.contactcenter.survey.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.testsupport.OnePoll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces what the gateway and routing would publish about calls, to the real topics. */
public final class Calls {

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    private Calls() {
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfra.shared().kafkaBootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static void send(String topic, String key, Object value) {
        send(topic, key, value, Map.of());
    }

    /** Produces a record with these Kafka headers (UTF-8 values). */
    public static void send(String topic, String key, Object value, Map<String, String> headers) {
        try {
            String json = value instanceof String s ? s : JSON.writeValueAsString(value);
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
            headers.forEach((name, headerValue) -> record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
            producer().send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }

    /**
     * Produces the records (values: JSON of these objects) as ONE Kafka record batch on partition 0: appended, fetched
     * and polled together, so the consumer gets them in one poll.
     */
    public static void sendAsOneBatch(String topic, Map<String, Object> valuesByKey) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        try {
            for (Map.Entry<String, Object> record : valuesByKey.entrySet()) {
                records.add(new ProducerRecord<>(topic, 0, record.getKey(), JSON.writeValueAsString(record.getValue())));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        OnePoll.send(LocalInfra.shared().kafkaBootstrapServers(), records);
    }

    /** The keys of the records on {@code topic}'s dead-letter topic so far. */
    public static List<String> deadLetterKeys(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfra.shared().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.deadLetter(topic)));
            for (int i = 0; i < 10; i++) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    keys.add(record.key());
                }
            }
        }
        return keys;
    }

    public static CallEvent callerStatus(String callId, CallStatus status, String regionUrl) {
        return new CallEvent(newId(), CallEvent.VERSION, callId, callId, Role.CALLER, null, EventKind.STATUS, status,
                null, null, "447700900123", "447700900000", "CON-" + callId, regionUrl, Instant.now(), Instant.now(),
                null);
    }

    public static CallEvent agentStatus(String callId, String legId, String agentId, CallStatus status) {
        return new CallEvent(newId(), CallEvent.VERSION, callId, legId, Role.AGENT, agentId, EventKind.STATUS, status,
                null, null, "447700900000", "447700900999", "CON-" + callId, null, Instant.now(), Instant.now(), null);
    }

    /** An agent leg's event carrying the caller's region (routing names it in the agent leg's event_url). */
    public static CallEvent agentStatus(String callId, String legId, String agentId, CallStatus status, String regionUrl) {
        return new CallEvent(newId(), CallEvent.VERSION, callId, legId, Role.AGENT, agentId, EventKind.STATUS, status,
                null, null, "447700900000", "447700900999", "CON-" + callId, regionUrl, Instant.now(), Instant.now(), null);
    }

    public static CallEvent surveyInput(String callId, String digits, boolean timedOut, int attempt, String outcome) {
        return new CallEvent(newId(), CallEvent.VERSION, callId, callId, Role.CALLER, null, EventKind.SURVEY_INPUT,
                null, digits, timedOut, "447700900123", "447700900000", "CON-" + callId, null, Instant.now(),
                Instant.now(), Map.of("attempt", String.valueOf(attempt), "outcome", outcome));
    }

    public static Assignment assignment(String callId, String department, String agentId, String agentLegId,
            AssignmentOutcome outcome) {
        return new Assignment(newId(), Assignment.VERSION, callId, department, agentId, agentLegId, outcome, 1,
                Instant.now());
    }

    /** Routing's record that the agent's conversation ended (the agent hung up, or routing ended it). */
    public static Assignment completed(String callId, String department, String agentId, String agentLegId) {
        Assignment completed = assignment(callId, department, agentId, agentLegId, AssignmentOutcome.COMPLETED);
        assignment(completed);
        return completed;
    }

    public static void event(CallEvent event) {
        send(Topics.CALL_EVENTS, event.callId(), event);
    }

    public static void assignment(Assignment assignment) {
        send(Topics.CALL_ASSIGNMENTS, assignment.callId(), assignment);
    }
}
