package io.contactcenter.support.messaging;

import java.time.Duration;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * Applies a consumed record until it is applied. A failure of the record itself (an {@link IllegalArgumentException}
 * anywhere in the cause chain: the consumers throw it for an unreadable or invalid record; retrying cannot help) is rethrown at once, for the dead-letter topic. Any other failure is
 * taken as transient (the database failing over, the directory or Vonage unreachable) and retried with capped
 * exponential backoff for as long as it lasts: the record is not acknowledged meanwhile, so its offset is not
 * committed and it is redelivered after a restart, and an outage delays records instead of dead-lettering them.
 * An interrupt (shutdown) ends the retries with the last failure.
 */
public final class RecordRetry {

    private static final Logger LOG = Logger.getLogger(RecordRetry.class);

    /** What the caller of {@link #apply} reports when the record can never be applied. */
    public interface Outcome {
        /** A transient failure; the record will be tried again after {@code backoffMillis}. */
        void retrying(RuntimeException failure, long backoffMillis);

        /** The record can never be applied and is rethrown (it goes to the dead-letter topic). */
        void refused(RuntimeException failure);
    }

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final LongConsumer sleeper;

    public RecordRetry(Duration initialBackoff, Duration maxBackoff) {
        this(initialBackoff, maxBackoff, RecordRetry::sleep);
    }

    /** With a sleeper of the caller's (tests). */
    RecordRetry(Duration initialBackoff, Duration maxBackoff, LongConsumer sleeper) {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and initial ≤ max");
        }
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
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

    /** Runs {@code action} until it returns; see the class comment for what is retried. */
    public void apply(String record, Runnable action, Outcome outcome) {
        long backoff = initialBackoff.toMillis();
        while (true) {
            try {
                action.run();
                return;
            } catch (RuntimeException failure) {
                if (isPermanent(failure)) {
                    outcome.refused(failure);
                    throw failure;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw failure;
                }
                LOG.warnf("%s not applied (%s), trying again in %d ms", record, failure, backoff);
                outcome.retrying(failure, backoff);
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
