package io.contactcenter.routing.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-partition watermark from looks at a topic: when an instant counts as read, and that it never goes back. */
class ReadWatermarksTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private final ReadWatermarks watermarks = new ReadWatermarks();

    @Test
    void aLookCountsOnceTheGroupCommittedUpToTheEndItSaw() {
        watermarks.observe(T0, Map.of(0, 10L), Map.of(0, 4L));
        assertFalse(watermarks.readBefore(0, T0), "records 4-9 were there at T0, unread");
        watermarks.observe(T0.plusSeconds(1), Map.of(0, 12L), Map.of(0, 10L));
        assertTrue(watermarks.readBefore(0, T0), "everything there at T0 is read");
        assertFalse(watermarks.readBefore(0, T0.plusMillis(1)), "records 10-11 may be older than T0 + 1 s");
        watermarks.observe(T0.plusSeconds(2), Map.of(0, 12L), Map.of(0, 12L));
        assertTrue(watermarks.readBefore(0, T0.plusSeconds(2)), "the partition is read to its end");
    }

    @Test
    void anIdlePartitionsLaterLookSaysMoreThanItsFirst() {
        watermarks.observe(T0, Map.of(0, 5L), Map.of(0, 3L));
        watermarks.observe(T0.plusSeconds(30), Map.of(0, 5L), Map.of(0, 5L));
        assertTrue(watermarks.readBefore(0, T0.plusSeconds(30)));
    }

    @Test
    void aPartitionCountsOnItsOwnAndAWatermarkNeverGoesBack() {
        watermarks.observe(T0, Map.of(0, 3L, 1, 7L), Map.of(0, 3L, 1, 2L));
        assertTrue(watermarks.readBefore(0, T0));
        assertFalse(watermarks.readBefore(1, T0));
        assertFalse(watermarks.readBefore(2, T0), "a partition never looked at is not known to be read");
        // a group reset to an earlier offset (a rebalance replaying records) does not unread what was read
        watermarks.observe(T0.plusSeconds(1), Map.of(0, 4L, 1, 7L), Map.of(0, 1L, 1, 2L));
        assertTrue(watermarks.readBefore(0, T0));
    }

    @Test
    void aGroupFarBehindKeepsOnlyItsLatestLooksAndIsNeverAheadOfThem() {
        for (int i = 0; i < ReadWatermarks.MAX_PENDING + 10; i++) {
            watermarks.observe(T0.plusSeconds(i), Map.of(0, 100L + i), Map.of(0, 0L));
        }
        watermarks.observe(T0.plusSeconds(5000), Map.of(0, 2000L), Map.of(0, 105L));
        assertFalse(watermarks.readBefore(0, T0), "the looks that would say so were dropped: later, never wrong");
        watermarks.observe(T0.plusSeconds(5001), Map.of(0, 2000L), Map.of(0, 115L));
        assertTrue(watermarks.readBefore(0, T0.plusSeconds(15)), "the look that saw end 115 is reached");
        assertFalse(watermarks.readBefore(0, T0.plusSeconds(16)));
    }
}
