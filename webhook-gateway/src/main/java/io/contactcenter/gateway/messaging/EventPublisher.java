package io.contactcenter.gateway.messaging;

import io.contactcenter.gateway.config.GatewayConfig;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.Topics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the gateway's records (key = call id, JSON value, {@code acks=all}, idempotence on) and tells the
 * caller whether the broker acknowledged them in time. Sends happen off the request thread, so a broker that is
 * down costs a webhook at most its own wait bound. The W3C trace context of the current request goes into the
 * record headers.
 */
@Startup
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final Producer<String, Object> producer;
    private final OpenTelemetry openTelemetry;
    private final GatewayConfig.Kafka settings;
    private final ScheduledExecutorService sender;
    private final AtomicInteger backgroundPending = new AtomicInteger();

    public EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            OpenTelemetry openTelemetry, GatewayConfig config) {
        GatewayConfig.Kafka.Producer timeouts = config.kafka().producer();
        int requestTimeoutMs = timeouts.requestTimeoutMs();
        int deliveryTimeoutMs = timeouts.deliveryTimeoutMs();
        int maxBlockMs = timeouts.maxBlockMs();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "webhook-gateway");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(requestTimeoutMs));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Math.max(deliveryTimeoutMs, requestTimeoutMs)));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(maxBlockMs));
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        props.put(ProducerConfig.METADATA_MAX_AGE_CONFIG, "30000");
        props.putAll(securitySettings(kafkaConfig));
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ObjectMapperSerializer<>());
        this.openTelemetry = openTelemetry;
        this.settings = config.kafka();
        this.sender = Executors.newScheduledThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "kafka-publisher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The {@code kafka.security.*}, {@code kafka.sasl.*} and {@code kafka.ssl.*} settings of application.properties
     * (TLS + SCRAM in Kubernetes, PLAINTEXT locally), as the Kafka extension collects them for its own clients;
     * empty values (variables not set) are left out.
     */
    static Map<String, Object> securitySettings(Map<String, Object> kafkaConfig) {
        Map<String, Object> security = new java.util.TreeMap<>();
        kafkaConfig.forEach((key, value) -> {
            if ((key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl."))
                    && value != null && !value.toString().isBlank()) {
                security.put(key, value);
            }
        });
        return security;
    }

    void onStop(@Observes ShutdownEvent stop) {
        sender.shutdown();
        // bounded (the default waits without end): what a broker has not acknowledged within 5 s would keep the pod
        // in Terminating until Kubernetes kills it
        producer.close(Duration.ofSeconds(5));
    }

    /**
     * Publishes and waits at most {@code bound}; true only when the broker acknowledged in time. An event that was
     * not acknowledged in time keeps being re-sent in the background like {@link #publishInBackground}: Vonage
     * retries a refused event webhook only once, a second later, so without this a broker outage of a few seconds
     * would lose every event of that window (an agent's hang-up among them).
     */
    public boolean publishAndWait(CallEvent event, Duration bound) {
        return await(publishWithResends(event), bound, Topics.CALL_EVENTS, event.eventId());
    }

    /**
     * Publishes a route request and waits at most {@code bound}. Not re-sent: a caller whose request was not
     * acknowledged in time gets the degraded answer, and routing must not queue that caller.
     */
    public boolean publishAndWait(RouteRequest request, Duration bound) {
        return await(send(Topics.ROUTE_REQUESTS, request.callId(), request), bound, Topics.ROUTE_REQUESTS,
                request.eventId());
    }

    /**
     * Publishes without making the webhook wait; a failed send is retried in the background a bounded number of
     * times (the record keeps its event id, so consumers drop a copy that did get through).
     */
    public void publishInBackground(CallEvent event) {
        publishWithResends(event);
    }

    /** Completes when a send of the event was acknowledged; fails when the re-sends were given up. */
    private CompletableFuture<Void> publishWithResends(CallEvent event) {
        CompletableFuture<Void> delivered = new CompletableFuture<>();
        sendInBackground(record(Topics.CALL_EVENTS, event.callId(), event), event.eventId(), 0, delivered);
        return delivered;
    }

    private void sendInBackground(ProducerRecord<String, Object> record, String eventId, int attempt,
            CompletableFuture<Void> delivered) {
        sendRecord(record).whenComplete((ok, failure) -> {
            if (failure == null) {
                if (attempt > 0) {
                    LOG.infof("event %s delivered to %s after %d re-sends", eventId, record.topic(), attempt);
                }
                delivered.complete(null);
                return;
            }
            if (attempt >= settings.backgroundRetries()) {
                LOG.errorf("event %s to %s given up after %d re-sends: %s", eventId, record.topic(), attempt, failure);
                delivered.completeExceptionally(failure);
                return;
            }
            if (backgroundPending.incrementAndGet() > settings.backgroundQueueLimit()) {
                backgroundPending.decrementAndGet();
                LOG.errorf("event %s to %s dropped: too many events waiting for Kafka", eventId, record.topic());
                delivered.completeExceptionally(failure);
                return;
            }
            LOG.warnf("event %s to %s not acknowledged (%s), re-sending", eventId, record.topic(), failure.toString());
            sender.schedule(() -> {
                backgroundPending.decrementAndGet();
                sendInBackground(record, eventId, attempt + 1, delivered);
            }, settings.backgroundRetryDelay().toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private CompletableFuture<Void> send(String topic, String key, Object value) {
        return sendRecord(record(topic, key, value));
    }

    private ProducerRecord<String, Object> record(String topic, String key, Object value) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic, key, value);
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), record,
                (r, name, headerValue) -> r.headers().remove(name).add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** Sends on a publisher thread: {@code KafkaProducer.send} may block while the broker is unknown. */
    private CompletableFuture<Void> sendRecord(ProducerRecord<String, Object> record) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            sender.execute(() -> {
                try {
                    producer.send(record, (metadata, failure) -> {
                        if (failure == null) {
                            acked.complete(null);
                        } else {
                            acked.completeExceptionally(failure);
                        }
                    });
                } catch (RuntimeException e) {
                    acked.completeExceptionally(e);
                }
            });
        } catch (RuntimeException rejected) {
            acked.completeExceptionally(rejected);
        }
        return acked;
    }

    private static boolean await(CompletableFuture<Void> acked, Duration bound, String topic, String eventId) {
        try {
            acked.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            LOG.warnf("no acknowledgement for %s on %s within %d ms", eventId, topic, bound.toMillis());
            return false;
        } catch (ExecutionException e) {
            LOG.warnf("%s on %s not delivered: %s", eventId, topic, e.getCause().toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** For the dependencies health check: how many events wait for a background re-send. */
    public int backgroundPending() {
        return backgroundPending.get();
    }

    /**
     * Whether the producer holds a connection to a broker right now (its {@code connection-count} metric). Read from
     * the producer's own state, never by asking the broker: a health check that waits for an unreachable broker
     * answers late and, through its admin client, holds up the shutdown.
     */
    public boolean brokerConnected() {
        return producer.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().group().equals("producer-metrics")
                        && metric.getKey().name().equals("connection-count"))
                .anyMatch(metric -> metric.getValue().metricValue() instanceof Number count && count.doubleValue() > 0);
    }

}
