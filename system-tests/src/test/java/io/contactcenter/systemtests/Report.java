package io.contactcenter.systemtests;

import io.contactcenter.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The outcome of one load run: counts, calls not over, and every guarantee with its violations. */
final class Report {

    private static final int SHOWN_PER_GUARANTEE = 5;

    private final String scenario;
    private final int calls;
    private final List<String> faults;
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final Map<String, Integer> surveys = new TreeMap<>();
    private final Map<String, Integer> checked = new LinkedHashMap<>();
    private final Map<String, List<String>> violations = new LinkedHashMap<>();
    private final Map<String, String> pending = new LinkedHashMap<>();
    private int peakCallsInProgress;
    private int callbacks;
    private long deadLetters;
    private String diagnosis = "";

    Report(String scenario, int calls, List<String> faults) {
        this.scenario = scenario;
        this.calls = calls;
        this.faults = List.copyOf(faults);
    }

    void pending(String callId, String why) {
        pending.put(callId, why);
    }

    Map<String, String> pending() {
        return pending;
    }

    /** What the services thought of the calls shown as never ended, added to {@link #failures()}. */
    void diagnosis(String diagnosis) {
        this.diagnosis = diagnosis;
    }

    /** The calls {@link #failures()} shows as never ended. */
    List<String> shownPending() {
        return pending.keySet().stream().limit(SHOWN_PER_GUARANTEE).toList();
    }

    void outcome(String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    void survey(String status) {
        surveys.merge(status, 1, Integer::sum);
    }

    /** A caller whose callback request the gateway confirmed. */
    void callback() {
        callbacks++;
    }

    void peakCallsInProgress(int peak) {
        peakCallsInProgress = peak;
    }

    /** Records the run put on the dead-letter topics. */
    void deadLetters(long count) {
        deadLetters = count;
        check("no dead letters from transient faults", count == 0, "*" + Topics.DEAD_LETTER_SUFFIX,
                count + " records");
    }

    void check(String guarantee, boolean holds, String subject, String detail) {
        checked.merge(guarantee, 1, Integer::sum);
        if (!holds) {
            violations.computeIfAbsent(guarantee, g -> new ArrayList<>()).add(subject + ": " + detail);
        }
    }

    boolean holds() {
        return pending.isEmpty() && violations.isEmpty();
    }

    /** One line per run, so a failure names the guarantee that broke. */
    String summary(Duration took) {
        StringBuilder line = new StringBuilder("scenario ").append(scenario).append(": calls=").append(calls)
                .append(" peakInProgress=").append(peakCallsInProgress)
                .append(" outcomes=").append(outcomes).append(" surveys=").append(surveys).append(" callbacks=").append(callbacks)
                .append(" deadLetters=").append(deadLetters).append(" faults=").append(faults)
                .append(" checks=").append(checked.values().stream().mapToInt(Integer::intValue).sum())
                .append(" guarantees=").append(checked.size())
                .append(holds() ? " ok" : " BROKEN").append(" in ").append(took.toSeconds()).append('s');
        return line.toString();
    }

    /** Everything that went wrong, for the assertion message. */
    String failures() {
        StringBuilder text = new StringBuilder();
        if (!pending.isEmpty()) {
            text.append(pending.size()).append(" calls never ended:\n");
            pending.entrySet().stream().limit(SHOWN_PER_GUARANTEE)
                    .forEach(p -> text.append("  ").append(p.getKey()).append(": ").append(p.getValue()).append('\n'));
            text.append(diagnosis);
        }
        violations.forEach((guarantee, cases) -> {
            text.append("BROKEN: ").append(guarantee).append(" (").append(cases.size()).append(" of ")
                    .append(checked.get(guarantee)).append(")\n");
            cases.stream().limit(SHOWN_PER_GUARANTEE).forEach(c -> text.append("  ").append(c).append('\n'));
        });
        return text.toString();
    }
}
