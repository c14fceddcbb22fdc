package io.contactcenter.testsupport;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Statuses a stub answers on purpose, queued per key (a leg uuid, a destination), in order, each used once. */
public final class ForcedStatuses {

    private final Map<String, Queue<Integer>> queues = new ConcurrentHashMap<>();

    /** The next requests for {@code key} answer these statuses, in order. */
    public void add(String key, Integer... statuses) {
        Queue<Integer> queue = queues.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
        for (Integer status : statuses) {
            queue.add(status);
        }
    }

    /** The next {@code count} requests for {@code key} answer {@code status}. */
    public void repeat(String key, int status, int count) {
        for (int i = 0; i < count; i++) {
            add(key, status);
        }
    }

    /** Requests for {@code key} are answered normally again (the statuses still queued are forgotten). */
    public void clear(String key) {
        queues.remove(key);
    }

    /** The status to force for this request, or {@code null} to answer normally. */
    public Integer next(String key) {
        Queue<Integer> queue = queues.get(key);
        return queue == null ? null : queue.poll();
    }
}
