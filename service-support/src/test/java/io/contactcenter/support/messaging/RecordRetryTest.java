package io.contactcenter.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordRetryTest {

    private final List<Long> slept = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordRetry retry = new RecordRetry(Duration.ofMillis(100), Duration.ofMillis(1_000), registry,
            slept::add);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aTransientFailureIsRetriedWithCappedDoublingBackoffUntilTheRecordIsApplied() {
        int[] calls = {0};
        retry.apply("t", "record", r -> {
            if (++calls[0] <= 6) {
                throw new IllegalStateException("database is failing over");
            }
        });
        assertEquals(7, calls[0]);
        assertEquals(List.of(100L, 200L, 400L, 800L, 1_000L, 1_000L), slept);
        assertEquals(6, registry.counter("consumer.record.retries", "topic", "t").count());
        assertEquals(0, registry.counter("consumer.dead.letters", "topic", "t").count());
    }

    @Test
    void aRecordThatCanNeverBeAppliedIsRefusedAtOnce() {
        RuntimeException wrapped = new IllegalStateException("tx", new IllegalArgumentException("invalid"));
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> retry.apply("t", "record", r -> { throw wrapped; }));
        assertSame(wrapped, thrown);
        assertEquals(1, registry.counter("consumer.dead.letters", "topic", "t").count());
        assertTrue(slept.isEmpty());
    }

    @Test
    void anUnreadableRecordIsRefusedWithoutBeingApplied() {
        assertThrows(IllegalArgumentException.class, () -> retry.apply("t", null, r -> {
            throw new AssertionError("applied");
        }));
        assertEquals(1, registry.counter("consumer.dead.letters", "topic", "t").count());
    }

    @Test
    void anInterruptEndsTheRetriesWithTheLastFailure() {
        RuntimeException down = new UncheckedIOException(new IOException("directory unreachable"));
        RecordRetry interrupting = new RecordRetry(Duration.ofMillis(100), Duration.ofMillis(1_000), registry,
                millis -> Thread.currentThread().interrupt());
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> interrupting.apply("t", "record", r -> { throw down; }));
        assertSame(down, thrown);
        assertEquals(1, registry.counter("consumer.record.retries", "topic", "t").count());
    }

    @Test
    void isPermanentLooksThroughTheCauses() {
        assertTrue(RecordRetry.isPermanent(new RuntimeException(new IllegalArgumentException())));
        assertFalse(RecordRetry.isPermanent(new RuntimeException(new IOException())));
    }
}
