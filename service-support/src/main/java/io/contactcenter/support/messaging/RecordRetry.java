package io.contactcenter.support.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * Applies a consumed record until it is applied. A record that can never be applied (unreadable: it reaches the
 * consumer as null; or refused with an {@link IllegalArgumentException} anywhere in the cause chain) is rethrown at
 * once, for the dead-letter topic, and counted ({@code consumer_dead_letters_total{topic}}). Any other failure is taken
 * as transient (the database failing over, the directory or Vonage unreachable) and retried with capped exponential
 * backoff for as long as it lasts ({@code consumer_record_retries_total{topic}}): the record is not acknowledged
 * meanwhile, so its offset is not committed and a restart redelivers it; an outage delays records instead of
 * dead-lettering them. An interrupt (shutdown) ends the retries with the last failure.
 */
public final class RecordRetry {

    private static final Logger LOG = Logger.getLogger(RecordRetry.class);

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final MeterRegistry registry;
    private final LongConsumer sleeper;

    public RecordRetry(Duration initialBackoff, Duration maxBackoff, MeterRegistry registry) {
        this(initialBackoff, maxBackoff, registry, RecordRetry::sleep);
    }

    /** With a sleeper of the caller's (tests). */
    RecordRetry(Duration initialBackoff, Duration maxBackoff, MeterRegistry registry, LongConsumer sleeper) {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and initial ≤ max");
        }
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.registry = registry;
        this.sleeper = sleeper;
    }

    /** Whether retrying cannot help: the record itself is wrong. */
    public static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                return true;
            }
        }
        return false;
    }

    /** Applies {@code record} of {@code topic} with {@code action} until it returns (see the class comment). */
    public <T> void apply(String topic, T record, Consumer<T> action) {
        long backoff = initialBackoff.toMillis();
        while (true) {
            try {
                if (record == null) {
                    throw new IllegalArgumentException("unreadable " + topic + " record");
                }
                action.accept(record);
                return;
            } catch (RuntimeException failure) {
                if (isPermanent(failure)) {
                    registry.counter("consumer.dead.letters", "topic", topic).increment();
                    throw failure;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw failure;
                }
                LOG.warnf("%s record %s not applied (%s), trying again in %d ms", topic, record, failure, backoff);
                registry.counter("consumer.record.retries", "topic", topic).increment();
                sleeper.accept(backoff);
                if (Thread.currentThread().isInterrupted()) {
                    throw failure;
                }
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
