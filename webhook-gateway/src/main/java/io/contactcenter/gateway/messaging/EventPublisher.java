package io.contactcenter.gateway.messaging;

import io.contactcenter.gateway.config.GatewayConfig;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.Topics;
import io.contactcenter.support.messaging.KafkaSecurity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the gateway's records (key = call id, JSON value, {@code acks=all}, idempotence on) and tells the
 * caller whether they are safe. Sends happen off the request thread, so a broker that is down costs a webhook at most
 * its own wait bound. The W3C trace context of the current request goes into the record headers, and every
 * {@code call-events} record carries {@link CallEvent#EVENT_HEADER}.
 *
 * <p>A call event the broker did not acknowledge within its bound is written to the {@link EventJournal} (on disk
 * before the webhook is answered) and sent from there, in the order accepted, once the broker takes records again;
 * while the journal holds anything, new call events go behind it so that a call's events keep their order. Route
 * requests are never journaled: a caller whose request was not acknowledged in time gets the degraded answer.
 */
@Startup
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    /** How long a webhook waits beyond its bound for the journal's write to reach the disk. */
    private static final Duration JOURNAL_WRITE_BOUND = Duration.ofSeconds(1);

    private final Producer<String, byte[]> producer;
    private final ObjectMapperSerializer<Object> serializer = new ObjectMapperSerializer<>();
    private final OpenTelemetry openTelemetry;
    private final GatewayConfig.Kafka.Buffer buffer;
    private final Duration deliveryBound;
    private final Duration backgroundBound;
    private final ScheduledExecutorService sender;
    private final ExecutorService journalWriter;
    private final EventJournal journal;
    private final Thread drainer;
    private final BlockingQueue<Boolean> journalAppended = new LinkedBlockingQueue<>();
    /** Events handed to the journal and not delivered yet: while above 0, new events queue behind them. */
    private final AtomicInteger buffered = new AtomicInteger();
    /** The first (direct) sends of journaled events, by their journal position: the drainer skips those that landed. */
    private final Map<Long, CompletableFuture<Void>> firstSends = new ConcurrentHashMap<>();
    private final Counter refused;
    private final Counter sendFailures;
    private volatile boolean stopping;

    public EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            OpenTelemetry openTelemetry, GatewayConfig config, MeterRegistry registry) {
        GatewayConfig.Kafka.Producer timeouts = config.kafka().producer();
        int requestTimeoutMs = timeouts.requestTimeoutMs();
        int deliveryTimeoutMs = Math.max(timeouts.deliveryTimeoutMs(), requestTimeoutMs);
        int maxBlockMs = timeouts.maxBlockMs();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "webhook-gateway");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(requestTimeoutMs));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(deliveryTimeoutMs));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(maxBlockMs));
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        props.put(ProducerConfig.METADATA_MAX_AGE_CONFIG, "30000");
        // TLS + SCRAM in Kubernetes, PLAINTEXT locally, as the Kafka extension collects them for its own clients
        props.putAll(KafkaSecurity.settings(kafkaConfig));
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.openTelemetry = openTelemetry;
        this.buffer = config.kafka().buffer();
        this.backgroundBound = config.kafka().ackTimeout();
        this.deliveryBound = Duration.ofMillis(deliveryTimeoutMs + maxBlockMs).plusSeconds(1);
        this.sender = Executors.newScheduledThreadPool(4, daemon("kafka-publisher"));
        this.journalWriter = Executors.newSingleThreadExecutor(daemon("kafka-journal-writer"));
        this.journal = EventJournal.open(Path.of(buffer.dir()), buffer.maxBytes());
        buffered.set(journal.pendingCount());
        if (buffered.get() > 0) {
            LOG.infof("%d call events from the journal in %s wait for Kafka", buffered.get(), buffer.dir());
        }
        this.refused = Counter.builder("gateway.buffer.refused")
                .description("call events refused (webhook 503, or a background event lost) because the journal was full")
                .register(registry);
        this.sendFailures = Counter.builder("gateway.buffer.send.failures")
                .description("tries to send the journal's oldest call event that the broker did not acknowledge")
                .register(registry);
        Gauge.builder("gateway.buffer.events", buffered, AtomicInteger::get)
                .description("call events in the journal, waiting for Kafka").register(registry);
        Gauge.builder("gateway.buffer.bytes", journal, EventJournal::sizeBytes)
                .description("size of the journal file").register(registry);
        Gauge.builder("gateway.buffer.oldest.age.seconds", journal, EventPublisher::oldestAgeSeconds)
                .description("how long the oldest call event of the journal has waited for Kafka").register(registry);
        this.drainer = daemon("kafka-journal-drainer").newThread(this::drain);
        drainer.start();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static double oldestAgeSeconds(EventJournal journal) {
        long acceptedAt = journal.oldestAcceptedAtMillis();
        return acceptedAt == 0 ? 0 : (System.currentTimeMillis() - acceptedAt) / 1000.0;
    }

    void onStop(@Observes ShutdownEvent stop) throws InterruptedException, java.io.IOException {
        stopping = true;
        drainer.interrupt();
        drainer.join(2000);
        // appends already accepted finish: their webhooks were (or are being) answered 2xx
        journalWriter.shutdown();
        journalWriter.awaitTermination(2, TimeUnit.SECONDS);
        sender.shutdown();
        // bounded (the default waits without end): what a broker has not acknowledged within 5 s would keep the pod
        // in Terminating until Kubernetes kills it; the journal keeps what it holds for the next start
        producer.close(Duration.ofSeconds(5));
        journal.close();
    }

    /**
     * Publishes and waits at most {@code bound} (plus the journal's write); true when the broker acknowledged the
     * event or it is in the journal, false only when the journal is full (the webhook answers 503).
     */
    public boolean publishAndWait(CallEvent event, Duration bound) {
        try {
            return publishDurably(event, bound).get(bound.plus(JOURNAL_WRITE_BOUND).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warnf("%s neither acknowledged nor journaled within %d ms", event.eventId(), bound.toMillis());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Publishes a route request and waits at most {@code bound}. Not journaled: a caller whose request was not
     * acknowledged in time gets the degraded answer, and routing must not queue that caller.
     */
    public boolean publishAndWait(RouteRequest request, Duration bound) {
        CompletableFuture<Void> acked = sendRecord(new ProducerRecord<>(Topics.ROUTE_REQUESTS, request.callId(),
                serializer.serialize(Topics.ROUTE_REQUESTS, request)), traced());
        try {
            return await(acked, bound, request.eventId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Publishes without making the webhook wait, journaled like {@link #publishAndWait(CallEvent, Duration)}. */
    public void publishInBackground(CallEvent event) {
        publishDurably(event, backgroundBound).thenAccept(safe -> {
            if (!safe) {
                LOG.errorf("event %s lost: the journal is full", event.eventId());
            }
        });
    }

    /** Completes with true once the broker acknowledged the event or the journal holds it. */
    private CompletableFuture<Boolean> publishDurably(CallEvent event, Duration bound) {
        Map<String, String> headers = traced();
        headers.put(CallEvent.EVENT_HEADER, event.eventHeader());
        EventJournal.Entry entry = new EventJournal.Entry(Topics.CALL_EVENTS, event.callId(), headers,
                serializer.serialize(Topics.CALL_EVENTS, event), System.currentTimeMillis());
        CompletableFuture<Boolean> safe = new CompletableFuture<>();
        if (buffered.get() > 0) {
            toJournal(entry, null, safe);
            return safe;
        }
        CompletableFuture<Void> acked = sendRecord(record(entry));
        AtomicBoolean decided = new AtomicBoolean();
        Runnable journalIt = () -> {
            if (decided.compareAndSet(false, true)) {
                toJournal(entry, acked, safe);
            }
        };
        acked.whenComplete((ok, failure) -> {
            if (failure != null) {
                journalIt.run();
            } else if (decided.compareAndSet(false, true)) {
                safe.complete(true);
            }
        });
        try {
            sender.schedule(journalIt, bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            journalIt.run();
        }
        return safe;
    }

    /**
     * Appends on the journal's one writer thread (the order of acceptance). {@code firstSend}: a send still under way
     * that may yet land; the drainer then skips the entry instead of sending it twice.
     */
    private void toJournal(EventJournal.Entry entry, CompletableFuture<Void> firstSend, CompletableFuture<Boolean> safe) {
        buffered.incrementAndGet();
        try {
            journalWriter.execute(() -> safe.complete(append(entry, firstSend)));
        } catch (RejectedExecutionException stopped) {
            buffered.decrementAndGet();
            safe.complete(false);
        }
    }

    private boolean append(EventJournal.Entry entry, CompletableFuture<Void> firstSend) {
        try {
            long start;
            synchronized (journal) {
                start = journal.append(entry);
                if (start >= 0 && firstSend != null) {
                    firstSends.put(start, firstSend);
                }
            }
            if (start < 0) {
                buffered.decrementAndGet();
                refused.increment();
                LOG.errorf("journal full (%d bytes): call event of %s refused", buffer.maxBytes(), entry.key());
                return false;
            }
            journalAppended.offer(Boolean.TRUE);
            return true;
        } catch (IOException e) {
            buffered.decrementAndGet();
            LOG.errorf(e, "journal write failed: call event of %s refused", entry.key());
            return false;
        }
    }

    /**
     * Sends the journal's entries in order, a batch at a time, and moves its delivered position past every entry of
     * the batch's acknowledged prefix; waits {@code retryDelay} after a failure. An entry acknowledged after a failed
     * one is remembered so that the retry does not send it twice.
     */
    private void drain() {
        Set<Long> landed = new HashSet<>();
        while (!stopping) {
            try {
                List<EventJournal.Stored> batch;
                synchronized (journal) {
                    batch = journal.pending(buffer.batch());
                }
                if (batch.isEmpty()) {
                    journalAppended.poll(1, TimeUnit.SECONDS);
                    continue;
                }
                List<CompletableFuture<Void>> sends = new ArrayList<>(batch.size());
                boolean brokerTookOne = false;
                for (EventJournal.Stored stored : batch) {
                    CompletableFuture<Void> firstSend = firstSends.remove(stored.start());
                    if (landed.contains(stored.start()) || firstSend != null && landedMeanwhile(firstSend)) {
                        sends.add(CompletableFuture.completedFuture(null));
                    } else {
                        CompletableFuture<Void> send = sendInOrder(record(stored.entry()));
                        sends.add(send);
                        // the first send of a batch alone: a broker that is still away fails it, not the whole
                        // batch one entry after the other (later ones could land while earlier ones failed)
                        if (!brokerTookOne && !await(send, deliveryBound, stored.entry().key())) {
                            sendFailures.increment();
                            break;
                        }
                        brokerTookOne = true;
                    }
                }
                long deliveredEnd = -1;
                int delivered = 0;
                for (int i = 0; i < sends.size(); i++) {
                    boolean ok = await(sends.get(i), deliveryBound.multipliedBy(2), batch.get(i).entry().key());
                    if (ok && delivered == i) {
                        deliveredEnd = batch.get(i).end();
                        delivered++;
                    } else if (ok) {
                        landed.add(batch.get(i).start());
                    }
                }
                if (delivered > 0) {
                    synchronized (journal) {
                        journal.deliveredUpTo(deliveredEnd);
                    }
                    long end = deliveredEnd;
                    landed.removeIf(start -> start < end);
                    buffered.addAndGet(-delivered);
                    LOG.infof("%d journaled call events delivered, %d waiting", delivered, buffered.get());
                }
                if (delivered < batch.size()) {
                    Thread.sleep(buffer.retryDelay().toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.errorf(e, "sending the journal failed; retrying");
                try {
                    Thread.sleep(buffer.retryDelay().toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Whether the direct send of a journaled event was acknowledged after all (it ends within the delivery bound). */
    private boolean landedMeanwhile(CompletableFuture<Void> firstSend) throws InterruptedException {
        try {
            firstSend.get(deliveryBound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** The W3C trace context of the current request as record headers. */
    private Map<String, String> traced() {
        Map<String, String> headers = new LinkedHashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), headers, Map::put);
        return headers;
    }

    private static ProducerRecord<String, byte[]> record(EventJournal.Entry entry) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(entry.topic(), entry.key(), entry.value());
        entry.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private CompletableFuture<Void> sendRecord(ProducerRecord<String, byte[]> record, Map<String, String> headers) {
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return sendRecord(record);
    }

    /** Sends on a publisher thread: {@code KafkaProducer.send} may block while the broker is unknown. */
    private CompletableFuture<Void> sendRecord(ProducerRecord<String, byte[]> record) {
        try {
            CompletableFuture<Void> acked = new CompletableFuture<>();
            sender.execute(() -> sendOnThisThread(record, acked));
            return acked;
        } catch (RuntimeException rejected) {
            return CompletableFuture.failedFuture(rejected);
        }
    }

    /** Sends from the calling thread: the drainer's sends keep the journal's order (the pool's would not). */
    private CompletableFuture<Void> sendInOrder(ProducerRecord<String, byte[]> record) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        sendOnThisThread(record, acked);
        return acked;
    }

    private void sendOnThisThread(ProducerRecord<String, byte[]> record, CompletableFuture<Void> acked) {
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
    }

    private static boolean await(CompletableFuture<Void> acked, Duration bound, String what) throws InterruptedException {
        try {
            acked.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            LOG.warnf("no acknowledgement for %s within %d ms", what, bound.toMillis());
            return false;
        } catch (ExecutionException e) {
            LOG.warnf("%s not delivered: %s", what, e.getCause().toString());
            return false;
        }
    }

    /** For the dependencies health check: call events in the journal, waiting for Kafka. */
    public int buffered() {
        return buffered.get();
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
