package io.contactcenter.support.work;

/**
 * A CDI event: the current transaction wrote work for the {@link WorkLoop} named {@code loop}. Observed after a
 * successful commit ({@code TransactionPhase.AFTER_SUCCESS}), so the loop wakes exactly when the work became visible
 * to its own transactions.
 */
public record WorkWritten(String loop) {
}
