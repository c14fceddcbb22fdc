package io.contactcenter.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordRetryTest {

    private final List<Long> slept = new ArrayList<>();
    private final List<String> reported = new ArrayList<>();
    private final RecordRetry retry = new RecordRetry(Duration.ofMillis(100), Duration.ofMillis(1_000), slept::add);
    private final RecordRetry.Outcome outcome = new RecordRetry.Outcome() {
        @Override
        public void retrying(RuntimeException failure, long backoffMillis) {
            reported.add("retrying " + backoffMillis);
        }

        @Override
        public void refused(RuntimeException failure) {
            reported.add("refused");
        }
    };

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aTransientFailureIsRetriedWithCappedDoublingBackoffUntilTheRecordIsApplied() {
        int[] calls = {0};
        retry.apply("record", () -> {
            if (++calls[0] <= 6) {
                throw new IllegalStateException("database is failing over");
            }
        }, outcome);
        assertEquals(7, calls[0]);
        assertEquals(List.of(100L, 200L, 400L, 800L, 1_000L, 1_000L), slept);
        assertEquals(6, reported.size());
    }

    @Test
    void aRecordThatCanNeverBeAppliedIsRefusedAtOnce() {
        RuntimeException wrapped = new IllegalStateException("tx", new IllegalArgumentException("unreadable"));
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> retry.apply("record", () -> { throw wrapped; }, outcome));
        assertSame(wrapped, thrown);
        assertEquals(List.of("refused"), reported);
        assertTrue(slept.isEmpty());
    }

    @Test
    void anInterruptEndsTheRetriesWithTheLastFailure() {
        RuntimeException down = new UncheckedIOException(new IOException("directory unreachable"));
        RecordRetry interrupting = new RecordRetry(Duration.ofMillis(100), Duration.ofMillis(1_000),
                millis -> Thread.currentThread().interrupt());
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> interrupting.apply("record", () -> { throw down; }, outcome));
        assertSame(down, thrown);
        assertEquals(List.of("retrying 100"), reported);
    }

    @Test
    void isPermanentLooksThroughTheCauses() {
        assertTrue(RecordRetry.isPermanent(new RuntimeException(new IllegalArgumentException())));
        assertEquals(false, RecordRetry.isPermanent(new RuntimeException(new IOException())));
    }
}
