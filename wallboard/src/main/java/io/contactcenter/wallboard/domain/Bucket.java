package io.contactcenter.wallboard.domain;

/**
 * Counts and sums of one department (or agent) over one stretch of time; figures are derived from them
 * ({@link io.contactcenter.wallboard.service.Figures}). Immutable: {@link #plus} gives a new one.
 *
 * @param answeredWithinTarget answered within the department's service-level target (requestedAt → ANSWERED)
 * @param waitMillis sum of the answered calls' waits (requestedAt → ANSWERED)
 * @param handled calls whose conversation ended (ANSWERED → COMPLETED known)
 * @param handleMillis sum of their handle times
 * @param surveysOffered survey results with an {@code offeredAt}
 * @param surveysAnswered of those, answered with a score
 * @param scoreSum sum of the scores
 * @param topTwo scores of 4 or 5
 * @param transferred transfers: an agent's part of a call ended in a transfer ({@code TRANSFERRED})
 */
public record Bucket(long offered, long answered, long abandoned, long overflowed, long answeredWithinTarget,
        long waitMillis, long handled, long handleMillis, long surveysOffered, long surveysAnswered, long scoreSum,
        long topTwo, long transferred) {

    public static final Bucket EMPTY = new Bucket(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public Bucket plus(Bucket other) {
        return new Bucket(offered + other.offered, answered + other.answered, abandoned + other.abandoned,
                overflowed + other.overflowed, answeredWithinTarget + other.answeredWithinTarget,
                waitMillis + other.waitMillis, handled + other.handled, handleMillis + other.handleMillis,
                surveysOffered + other.surveysOffered, surveysAnswered + other.surveysAnswered,
                scoreSum + other.scoreSum, topTwo + other.topTwo, transferred + other.transferred);
    }
}
