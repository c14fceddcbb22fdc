package io.contactcenter.support.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Applies the records of one Kafka poll (a consumer channel with {@code batch=true}) in ONE database transaction,
 * instead of one transaction per record.
 *
 * <p>The readable records are sorted by their call id (stable: one call's records keep their order, and they share a
 * partition, so that is their order in Kafka), so two batches, or a batch and a worker that locks one call, lock calls
 * in one order and cannot deadlock on them. Between two records {@code betweenRecords} runs (flush the changes and
 * clear the persistence context), so each record reads the call's current rows, as in a transaction of its own.
 * Idempotency is the action's (it stores the record's id in the transaction), and side effects observed after a
 * successful commit (work-loop wake-ups, outbox relays) run once the batch committed.
 *
 * <p>When the batch fails for any reason it is rolled back and its records are applied one at a time, each in a
 * transaction of its own, exactly as without batches ({@link RecordRetry}: a transient failure is retried until it
 * passes). A record that can never be applied (unreadable, or refused with an {@link IllegalArgumentException}) is
 * nacked alone: the channel's {@code dead-letter-queue} failure strategy sends that record, and no other, to
 * {@code <topic>.dlq} (key, value, headers, and the {@code dead-letter-*} headers, as for a record consumed alone).
 * Throwing out of a batch method would nack every record of the poll instead. Counts
 * {@code consumer_batches_total{topic,outcome}}: {@code committed}, or {@code applied-alone} after a rollback.
 */
public final class BatchApplier {

    private static final Logger LOG = Logger.getLogger(BatchApplier.class);

    private final RecordRetry retry;
    private final MeterRegistry registry;
    private final Runnable betweenRecords;
    private final Consumer<Runnable> newTransaction;

    /**
     * @param betweenRecords runs in the batch's transaction after each record (flush and clear the entity manager)
     */
    public BatchApplier(RecordRetry retry, MeterRegistry registry, Runnable betweenRecords) {
        this(retry, registry, betweenRecords, work -> QuarkusTransaction.requiringNew().run(work));
    }

    /** With a transaction boundary of the caller's (tests). */
    BatchApplier(RecordRetry retry, MeterRegistry registry, Runnable betweenRecords,
            Consumer<Runnable> newTransaction) {
        this.retry = retry;
        this.registry = registry;
        this.betweenRecords = betweenRecords;
        this.newTransaction = newTransaction;
    }

    /**
     * Applies a poll's records (the {@code Message}s of {@code IncomingKafkaRecordBatchMetadata.getBatchedMessages()})
     * of {@code topic} with {@code action}; {@code callId} gives the order calls are locked in. Returns when every
     * record is applied or dead-lettered, so the batch's offsets may be committed.
     */
    public <T> void apply(String topic, List<Message<?>> records, Function<T, String> callId, Consumer<T> action) {
        List<Message<T>> readable = new ArrayList<>(records.size());
        List<Message<T>> unreadable = new ArrayList<>();
        for (Message<?> record : records) {
            @SuppressWarnings("unchecked")
            Message<T> typed = (Message<T>) record;
            (typed.getPayload() == null ? unreadable : readable).add(typed);
        }
        readable.sort(Comparator.comparing(record -> callId.apply(record.getPayload()),
                Comparator.nullsFirst(Comparator.naturalOrder())));
        if (!readable.isEmpty()) {
            try {
                newTransaction.accept(() -> {
                    for (Message<T> record : readable) {
                        action.accept(record.getPayload());
                        betweenRecords.run();
                    }
                });
                registry.counter("consumer.batches", "topic", topic, "outcome", "committed").increment();
            } catch (RuntimeException failure) {
                LOG.debugf("%s batch of %d records rolled back (%s): applying them one at a time", topic,
                        readable.size(), failure);
                registry.counter("consumer.batches", "topic", topic, "outcome", "applied-alone").increment();
                readable.forEach(record -> applyAlone(topic, record, action));
            }
        }
        unreadable.forEach(record -> applyAlone(topic, record, action));
    }

    /**
     * As without batches: retried while it fails transiently; refused, it goes to the dead-letter topic alone. Retries
     * ended by the service's stop (an interrupt) fail the whole poll instead: returning would acknowledge the batch,
     * committing the offsets past the record; the poll's nack leaves them uncommitted, so it is read again.
     */
    private <T> void applyAlone(String topic, Message<T> record, Consumer<T> action) {
        try {
            retry.apply(topic, record.getPayload(), action);
        } catch (RuntimeException failure) {
            if (!RecordRetry.isPermanent(failure)) {
                throw failure;
            }
            record.nack(failure).toCompletableFuture().join();
        }
    }
}
