package io.contactcenter.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

class BatchApplierTest {

    /** A record of a call: "call/n". */
    record Rec(String callId, int n) {
        @Override
        public String toString() {
            return callId + "/" + n;
        }
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> committed = new ArrayList<>();
    private final List<Throwable> nacked = new ArrayList<>();
    private final List<String> nackedRecords = new ArrayList<>();
    private List<String> pending;
    private int transactions;
    private int betweenRecords;

    /** A transaction boundary that keeps what its work applied only when the work returned. */
    private final Consumer<Runnable> transaction = work -> {
        pending = new ArrayList<>();
        try {
            work.run();
            committed.addAll(pending);
            transactions++;
        } finally {
            pending = null;
        }
    };
    private final BatchApplier batches = new BatchApplier(
            new RecordRetry(Duration.ofMillis(1), Duration.ofMillis(2), registry, millis -> { }), registry,
            () -> betweenRecords++, transaction);

    private Message<?> message(Rec payload) {
        return Message.of(payload).withNack(reason -> {
            nacked.add(reason);
            nackedRecords.add(String.valueOf(payload));
            return CompletableFuture.completedFuture(null);
        });
    }

    private void applied(Rec record) {
        (pending != null ? pending : committed).add(record.toString());
    }

    @Test
    void aPollIsAppliedInOneTransactionCallsInIdOrderEachCallsRecordsInTheirOrder() {
        List<Message<?>> poll = List.of(message(new Rec("c", 1)), message(new Rec("a", 1)),
                message(new Rec("c", 2)), message(new Rec("b", 1)), message(new Rec("a", 2)),
                message(new Rec("c", 3)));
        batches.apply("t", poll, Rec::callId, this::applied);
        assertEquals(List.of("a/1", "a/2", "b/1", "c/1", "c/2", "c/3"), committed);
        assertEquals(1, transactions);
        assertEquals(6, betweenRecords);
        assertEquals(List.of(), nacked);
        assertEquals(1, registry.counter("consumer.batches", "topic", "t", "outcome", "committed").count());
    }

    @Test
    void aRefusedRecordRollsTheBatchBackAndAloneGoesToTheDeadLetterTopic() {
        IllegalArgumentException invalid = new IllegalArgumentException("record without eventId");
        List<Message<?>> poll = List.of(message(new Rec("a", 1)), message(new Rec("b", 1)),
                message(new Rec("a", 2)));
        batches.apply("t", poll, Rec::callId, record -> {
            if (record.callId().equals("b")) {
                throw invalid;
            }
            applied(record);
        });
        assertEquals(List.of("a/1", "a/2"), committed, "the others applied once each, alone");
        assertEquals(0, transactions, "the batch was rolled back");
        assertEquals(List.of("b/1"), nackedRecords);
        assertSame(invalid, nacked.get(0));
        assertEquals(1, registry.counter("consumer.batches", "topic", "t", "outcome", "applied-alone").count());
        assertEquals(1, registry.counter("consumer.dead.letters", "topic", "t").count());
    }

    @Test
    void anUnreadableRecordIsDeadLetteredWithoutBeingAppliedAndTheOthersAreBatched() {
        List<Message<?>> poll = new ArrayList<>();
        poll.add(message(new Rec("a", 1)));
        poll.add(message(null));
        poll.add(message(new Rec("b", 1)));
        batches.apply("t", poll, Rec::callId, this::applied);
        assertEquals(List.of("a/1", "b/1"), committed);
        assertEquals(1, transactions);
        assertEquals(List.of("null"), nackedRecords);
        assertEquals(IllegalArgumentException.class, nacked.get(0).getClass());
    }

    @Test
    void retriesEndedByTheStopFailThePollInsteadOfReturning() {
        BatchApplier stopping = new BatchApplier(new RecordRetry(Duration.ofMillis(1), Duration.ofMillis(2), registry,
                millis -> Thread.currentThread().interrupt()), registry, () -> betweenRecords++, transaction);
        IllegalStateException down = new IllegalStateException("database down");
        List<Message<?>> poll = List.of(message(new Rec("a", 1)), message(new Rec("b", 1)));
        try {
            assertSame(down, assertThrows(IllegalStateException.class, () -> stopping.apply("t", poll, Rec::callId,
                    record -> {
                        throw down;
                    })), "the method throws: the poll is nacked, not acknowledged");
        } finally {
            Thread.interrupted(); // clears the flag the stop set
        }
        assertEquals(List.of(), nackedRecords, "no record nacked alone (the dead-letter topic's way)");
        assertEquals(List.of(), committed);
    }

    @Test
    void aTransientFailureRollsTheBatchBackAndItsRecordsAreRetriedAloneUntilAppliedOnce() {
        int[] failures = {3};
        List<Message<?>> poll = List.of(message(new Rec("a", 1)), message(new Rec("b", 1)));
        batches.apply("t", poll, Rec::callId, record -> {
            if (record.callId().equals("b") && failures[0]-- > 0) {
                throw new IllegalStateException("database failing over");
            }
            applied(record);
        });
        // the batch failed once and was rolled back; alone, b/1 failed twice more, then passed
        assertEquals(List.of("a/1", "b/1"), committed);
        assertEquals(0, transactions);
        assertEquals(List.of(), nacked);
        assertEquals(2, registry.counter("consumer.record.retries", "topic", "t").count());
    }
}
