package io.contactcenter.routing.messaging;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per partition of a topic, the instant before which a consumer group has committed every record: an observation "at
 * {@code at} the partition ended at offset {@code end}" becomes true of the group once its committed offset reaches
 * {@code end}, since every record acknowledged before {@code at} has a lower offset. Fed by one thread, read by any.
 */
final class ReadWatermarks {

    /** Observations kept per partition while the group has not reached them (about 15 minutes at one a second). */
    static final int MAX_PENDING = 900;

    private record Observation(Instant at, long end) {
    }

    /** Written and read by the feeding thread only. */
    private final Map<Integer, Deque<Observation>> pending = new HashMap<>();
    private final Map<Integer, Instant> readThrough = new ConcurrentHashMap<>();

    /** What one look at the topic found: its partitions' end offsets taken after {@code at}, the group's committed. */
    void observe(Instant at, Map<Integer, Long> ends, Map<Integer, Long> committed) {
        ends.forEach((partition, end) -> {
            Deque<Observation> observations = pending.computeIfAbsent(partition, p -> new ArrayDeque<>());
            Observation last = observations.peekLast();
            if (last != null && last.end() == end) {
                observations.pollLast(); // nothing added since: the later instant says more
            } else if (observations.size() == MAX_PENDING) {
                observations.pollFirst(); // a group that stays behind: its watermark only moves later than it could
            }
            observations.addLast(new Observation(at, end));
            long read = committed.getOrDefault(partition, 0L);
            Instant reached = null;
            while (!observations.isEmpty() && observations.peekFirst().end() <= read) {
                reached = observations.pollFirst().at();
            }
            if (reached != null) {
                readThrough.merge(partition, reached, (before, now) -> now.isAfter(before) ? now : before);
            }
        });
    }

    /** Whether the group has committed every record of the partition acknowledged before {@code before}. */
    boolean readBefore(int partition, Instant before) {
        Instant reached = readThrough.get(partition);
        return reached != null && !reached.isBefore(before);
    }
}
