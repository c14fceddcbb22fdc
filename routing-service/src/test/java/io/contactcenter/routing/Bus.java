package io.contactcenter.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.contactcenter.events.AgentActivity;
import io.contactcenter.events.AgentActivityKind;
import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfra;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The real Kafka broker as the gateway and the survey service see it: sends route requests and call events the
 * way the gateway does (JSON, key = call id) and collects what routing publishes on {@code call-assignments}.
 */
public final class Bus {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static Bus instance;

    private final KafkaProducer<String, String> producer;
    private final Map<String, List<Assignment>> assignments = new ConcurrentHashMap<>();
    /** How far the collector has read each partition of call-assignments. */
    private final Map<TopicPartition, Long> read = new ConcurrentHashMap<>();
    private final Admin admin;

    private Bus(String bootstrap) {
        createTopics(bootstrap);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        Thread collector = new Thread(() -> collect(bootstrap), "assignments-collector");
        collector.setDaemon(true);
        collector.start();
    }

    public static synchronized Bus get() {
        if (instance == null) {
            instance = new Bus(LocalInfra.shared().kafkaBootstrapServers());
        }
        return instance;
    }

    public void send(String topic, String key, Object value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, JSON.writeValueAsString(value))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public RouteRequest routeRequest(String callId, String departmentId) {
        RouteRequest request = new RouteRequest(UUID.randomUUID().toString(), RouteRequest.VERSION, callId, departmentId,
                "447700900123", RouteRequest.conversationNameFor(callId), null, Instant.now());
        send(Topics.ROUTE_REQUESTS, callId, request);
        return request;
    }

    /** A route request of a call that lives in the region {@code regionUrl}. */
    public RouteRequest routeRequest(String callId, String departmentId, String regionUrl) {
        RouteRequest request = new RouteRequest(UUID.randomUUID().toString(), RouteRequest.VERSION, callId, departmentId,
                "447700900123", RouteRequest.conversationNameFor(callId), regionUrl, Instant.now());
        send(Topics.ROUTE_REQUESTS, callId, request);
        return request;
    }

    public CallEvent agentEvent(String callId, String legId, String agentId, CallStatus status,
            Map<String, String> detail) {
        return agentEvent(callId, legId, agentId, status, detail, Instant.now());
    }

    /** An agent leg's event that happened at {@code occurredAt} (Vonage's timestamp). */
    public CallEvent agentEvent(String callId, String legId, String agentId, CallStatus status,
            Map<String, String> detail, Instant occurredAt) {
        CallEvent event = new CallEvent(UUID.randomUUID().toString(), CallEvent.VERSION, callId, legId, Role.AGENT,
                agentId, EventKind.STATUS, status, null, null, "447700900100", "447700900001", "CON-" + callId, null,
                occurredAt, Instant.now(), detail);
        send(Topics.CALL_EVENTS, callId, event);
        return event;
    }

    public CallEvent callerEvent(String callId, CallStatus status) {
        return callerEvent(callId, status, Instant.now());
    }

    /** A caller leg's event that happened at {@code occurredAt} (Vonage's timestamp). */
    public CallEvent callerEvent(String callId, CallStatus status, Instant occurredAt) {
        CallEvent event = new CallEvent(UUID.randomUUID().toString(), CallEvent.VERSION, callId, callId, Role.CALLER,
                null, EventKind.STATUS, status, null, null, "447700900123", "447700900100", "CON-" + callId, null,
                occurredAt, Instant.now(), null);
        send(Topics.CALL_EVENTS, callId, event);
        return event;
    }

    /** The gateway's CALLBACK_INPUT event: the caller asked to be called back on {@code number}. */
    public CallEvent callbackRequest(String callId, String number, String departmentId) {
        return callbackRequest(callId, number, Map.of("attempt", "1", "outcome", "CALLBACK_REQUESTED",
                "department", departmentId, "step", "number"));
    }

    /** The same, asked for while the department was closed: not to be made before {@code notBefore}, its opening. */
    public CallEvent callbackRequestAtOpening(String callId, String number, String departmentId, Instant notBefore) {
        return callbackRequest(callId, number, Map.of("attempt", "1", "outcome", "CALLBACK_REQUESTED",
                "department", departmentId, "step", "number", "notBefore", notBefore.toString()));
    }

    private CallEvent callbackRequest(String callId, String number, Map<String, String> detail) {
        CallEvent event = new CallEvent(UUID.randomUUID().toString(), CallEvent.VERSION, callId, callId, Role.CALLER,
                null, EventKind.CALLBACK_INPUT, null, "1", false, "447700900123", number, "CON-" + callId, null,
                Instant.now(), Instant.now(), detail);
        send(Topics.CALL_EVENTS, callId, event);
        return event;
    }

    /** An event of the leg routing placed to call the caller of {@code callId} back (its events name the call). */
    public CallEvent callbackLegEvent(String callId, String legId, CallStatus status, Map<String, String> detail) {
        CallEvent event = new CallEvent(UUID.randomUUID().toString(), CallEvent.VERSION, callId, legId, Role.CALLER,
                null, EventKind.STATUS, status, null, null, "447700900100", "447700900999", "CON-" + legId, null,
                Instant.now(), Instant.now(), detail);
        send(Topics.CALL_EVENTS, callId, event);
        return event;
    }

    /** The gateway's MENU_INPUT event of a caller it routed to {@code departmentId} but answered degraded. */
    public CallEvent degradedMenuInput(String callId, String departmentId) {
        CallEvent event = new CallEvent(UUID.randomUUID().toString(), CallEvent.VERSION, callId, callId, Role.CALLER,
                null, EventKind.MENU_INPUT, null, "1", false, "447700900123", "447700900100", "CON-" + callId, null,
                Instant.now(), Instant.now(),
                Map.of("attempt", "1", "outcome", "ROUTED", "department", departmentId, "degraded", "true"));
        send(Topics.CALL_EVENTS, callId, event);
        return event;
    }

    /** The directory's record of an agent's status and state now ({@code agent-activity}, key = agent id). */
    public AgentActivity agentActivity(String agentId, List<String> departments, String status, String state) {
        AgentActivity activity = new AgentActivity(UUID.randomUUID().toString(), AgentActivity.VERSION,
                AgentActivityKind.STATE_CHANGED, agentId, System.nanoTime(), departments, status, state, null, null,
                null, Instant.now());
        send(Topics.AGENT_ACTIVITY, agentId, activity);
        return activity;
    }

    /** What routing published for the call so far, in order. */
    public List<Assignment> assignments(String callId) {
        return List.copyOf(assignments.getOrDefault(callId, List.of()));
    }

    public List<AssignmentOutcome> outcomes(String callId) {
        return assignments(callId).stream().map(Assignment::outcome).toList();
    }

    public Optional<Assignment> last(String callId, AssignmentOutcome outcome) {
        List<Assignment> all = new ArrayList<>(assignments(callId));
        java.util.Collections.reverse(all);
        return all.stream().filter(a -> a.outcome() == outcome).findFirst();
    }

    /** Whether every record on call-assignments so far has been collected (none still on its way to the test). */
    public boolean collectedEverythingPublished() {
        if (read.isEmpty()) {
            return false;
        }
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            read.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .allMatch(end -> read.get(end.getKey()) >= end.getValue().offset());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void collect(String bootstrap) {
        try {
            collectFrom(bootstrap);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void collectFrom(String bootstrap) throws InterruptedException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "routing-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty()) { // a topic just created may not be in the broker's metadata yet
                partitions = consumer.partitionsFor(Topics.CALL_ASSIGNMENTS, Duration.ofSeconds(20)).stream()
                        .map(p -> new TopicPartition(Topics.CALL_ASSIGNMENTS, p.partition())).toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(100);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        Assignment assignment = JSON.readValue(record.value(), Assignment.class);
                        if (!record.key().equals(assignment.callId())) {
                            throw new IllegalStateException("key " + record.key() + " is not the call id");
                        }
                        assignments.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>()).add(assignment);
                    } catch (Exception e) {
                        assignments.computeIfAbsent("unreadable", k -> new CopyOnWriteArrayList<>());
                    }
                }
                partitions.forEach(partition -> read.put(partition, consumer.position(partition)));
            }
        }
    }

    private static void createTopics(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            for (String topic : List.of(Topics.ROUTE_REQUESTS, Topics.CALL_EVENTS, Topics.CALL_ASSIGNMENTS,
                    Topics.AGENT_ACTIVITY)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(20, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics", e);
        }
    }
}
