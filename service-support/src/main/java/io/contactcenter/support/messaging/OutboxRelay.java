package io.contactcenter.support.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The transactional outbox's relay to Kafka, one for every service that has an outbox (the directory's
 * {@code agent-activity}, routing's {@code call-assignments}, survey's {@code survey-results}). A batch of entries is
 * locked in a transaction of its own, all their records are sent before any acknowledgement is awaited (one at a
 * time cost a broker round trip per record; the producer keeps the order of one key's records), and the entries are
 * settled (deleted or marked published) only when Kafka acknowledged every record of the batch. A
 * failure or a missing acknowledgement rolls the batch back and it is sent again: nothing is lost, and a crash
 * between the acknowledgement and the commit publishes a record twice (consumers dedupe by {@code eventId}).
 *
 * @param <E> the outbox entry (an entity of the service)
 */
public final class OutboxRelay<E> {

    private final IntFunction<List<E>> lockBatch;
    private final Consumer<E> published;
    private final Function<E, CompletionStage<?>> send;
    private final int batchSize;
    private final Duration ackTimeout;

    /**
     * @param lockBatch the oldest unsettled entries of the outbox table, locked ({@code FOR UPDATE SKIP LOCKED}: a
     *        batch another replica is publishing is skipped)
     * @param published settles an entry whose record Kafka acknowledged (deletes or marks it, in the batch's
     *        transaction)
     * @param send sends the entry's record and completes when Kafka acknowledged it (an entry that can never be sent,
     *        say unreadable, is logged and answered with a completed stage: it is settled and not sent again)
     * @param ackTimeout the longest wait for a batch's acknowledgements before it is rolled back
     */
    public OutboxRelay(IntFunction<List<E>> lockBatch, Consumer<E> published, Function<E, CompletionStage<?>> send,
            int batchSize, Duration ackTimeout) {
        this.lockBatch = lockBatch;
        this.published = published;
        this.send = send;
        this.batchSize = batchSize;
        this.ackTimeout = ackTimeout;
    }

    /** Publishes one batch; answers whether more may be pending (the batch was full): a {@code WorkLoop} pass. */
    public boolean publishPending() {
        return QuarkusTransaction.requiringNew().call(this::publishBatch) == batchSize;
    }

    private int publishBatch() {
        List<E> batch = lockBatch.apply(batchSize);
        if (batch.isEmpty()) {
            return 0;
        }
        sendOutsideTransaction(batch).orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS).join();
        batch.forEach(published);
        return batch.size();
    }

    /**
     * Sends the entries' records with the current transaction suspended; completes, on a Kafka thread, when Kafka
     * acknowledged all of them. Context propagation would carry the transaction to the threads that complete the
     * acknowledgements, where it was often still active when the batch committed, and Narayana then failed the
     * commit ("multiple threads active"): the batch was rolled back and sent again.
     */
    public CompletableFuture<Void> sendOutsideTransaction(List<E> entries) {
        return QuarkusTransaction.suspendingExisting().call(() -> {
            List<CompletableFuture<?>> acks = new ArrayList<>(entries.size());
            for (E entry : entries) {
                acks.add(send.apply(entry).toCompletableFuture());
            }
            return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
        });
    }
}
