package io.contactcenter.wallboard.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One department's running figures (store {@code boards}, keyed by department id): the callers waiting now, today's
 * totals (the calendar day in the configured zone) per department and per agent, and one bucket per minute of the
 * last hour, from which any window up to an hour is summed. Each fact counts at its own time: a call offered at
 * 23:59 and answered at 00:01 is offered yesterday and answered today.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class DepartmentBoard {

    /** Minute buckets kept: the chart and the longest window (last hour). */
    public static final int MINUTES_KEPT = 60;

    private String department;
    private final Map<String, Instant> waiting = new HashMap<>();
    private LocalDate day;
    private Bucket today = Bucket.EMPTY;
    private final Map<String, Bucket> agentsToday = new HashMap<>();
    private final TreeMap<Long, Bucket> minutes = new TreeMap<>();

    DepartmentBoard() {
        // Jackson
    }

    public DepartmentBoard(String department) {
        this.department = department;
    }

    /** Counts {@code fact}; a service-level hit is an answer within {@code target}. */
    public void apply(Fact fact, Duration target, ZoneId zone) {
        if (fact.kind() == FactKind.OFFERED && fact.waiting()) {
            waiting.put(fact.callId(), fact.at());
        } else if (fact.endsWait()) {
            waiting.remove(fact.callId());
        }
        Bucket counted = count(fact, target);
        LocalDate factDay = LocalDate.ofInstant(fact.at(), zone);
        if (day == null || factDay.isAfter(day)) {
            day = factDay;
            today = Bucket.EMPTY;
            agentsToday.clear();
        }
        if (factDay.equals(day)) {
            today = today.plus(counted);
            if (fact.agentId() != null && (fact.kind() == FactKind.HANDLED || fact.kind() == FactKind.SURVEY
                    || fact.kind() == FactKind.TRANSFERRED)) {
                agentsToday.merge(fact.agentId(), counted, Bucket::plus);
            }
        }
        long minute = epochMinute(fact.at());
        long newest = minutes.isEmpty() ? minute : Math.max(minutes.lastKey(), minute);
        if (minute > newest - MINUTES_KEPT) {
            minutes.merge(minute, counted, Bucket::plus);
        }
        minutes.headMap(newest - MINUTES_KEPT, true).clear();
    }

    private static Bucket count(Fact fact, Duration target) {
        return switch (fact.kind()) {
            case OFFERED -> new Bucket(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            case ANSWERED -> new Bucket(0, 1, 0, 0, fact.millis() <= target.toMillis() ? 1 : 0, fact.millis(),
                    0, 0, 0, 0, 0, 0, 0);
            case ABANDONED -> new Bucket(0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            case OVERFLOWED -> new Bucket(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            case HANDLED -> new Bucket(0, 0, 0, 0, 0, 0, 1, fact.millis(), 0, 0, 0, 0, 0);
            case SURVEY -> fact.score() == null ? new Bucket(0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0)
                    : new Bucket(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, fact.score(), fact.score() >= 4 ? 1 : 0, 0);
            case TRANSFERRED -> new Bucket(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        };
    }

    public static long epochMinute(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 60);
    }

    public String department() {
        return department;
    }

    /** Callers waiting now: call id → when they chose the department. */
    public Map<String, Instant> waiting() {
        return Map.copyOf(waiting);
    }

    /** Today's totals as of {@code now} (nothing yet when the last fact was on an earlier day). */
    public Bucket today(Instant now, ZoneId zone) {
        return LocalDate.ofInstant(now, zone).equals(day) ? today : Bucket.EMPTY;
    }

    /** Today's totals per agent (handled, handle time, surveys) as of {@code now}. */
    public Map<String, Bucket> agentsToday(Instant now, ZoneId zone) {
        return LocalDate.ofInstant(now, zone).equals(day) ? Map.copyOf(agentsToday) : Map.of();
    }

    /** The sum of the minutes of the last {@code minutes} minutes: the current minute and the ones before it. */
    public Bucket lastMinutes(Instant now, int minutes) {
        long current = epochMinute(now);
        return this.minutes.subMap(current - minutes, false, current, true).values().stream()
                .reduce(Bucket.EMPTY, Bucket::plus);
    }

    /** The minute buckets of the last hour, oldest first, one per minute (empty minutes included). */
    public TreeMap<Long, Bucket> lastHourByMinute(Instant now) {
        long current = epochMinute(now);
        TreeMap<Long, Bucket> chart = new TreeMap<>();
        for (long minute = current - MINUTES_KEPT + 1; minute <= current; minute++) {
            chart.put(minute, minutes.getOrDefault(minute, Bucket.EMPTY));
        }
        return chart;
    }
}
