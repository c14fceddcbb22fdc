package io.contactcenter.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The dispatch gap: an agent's leg ends (the agent is free again, wrap-up 0) → routing creates that agent's next leg
 * for a waiting caller. Measured only while callers wait, so every end is followed by a next leg at once if routing
 * learns of the free agent at once.
 */
final class DispatchGaps {

    /** A leg to an agent's phone was created ({@code created}) or ended, at {@code at} (epoch nanos). */
    record AgentLegEvent(String number, long at, boolean created) {
    }

    private DispatchGaps() {
    }

    /**
     * For each agent, each end of a leg followed by a creation of a new leg to them: the time between. An end
     * with no later creation (nobody was left waiting) is not a gap.
     */
    static Latency of(List<AgentLegEvent> events) {
        Histogram gaps = Latency.histogram();
        Map<String, List<AgentLegEvent>> byAgent = events.stream()
                .collect(Collectors.groupingBy(AgentLegEvent::number));
        for (List<AgentLegEvent> legs : byAgent.values()) {
            List<AgentLegEvent> ordered = new ArrayList<>(legs);
            ordered.sort(Comparator.comparingLong(AgentLegEvent::at));
            Long freeSince = null;
            for (AgentLegEvent event : ordered) {
                if (!event.created()) {
                    freeSince = event.at();
                } else if (freeSince != null) {
                    gaps.recordValue(Math.max(0, event.at() - freeSince));
                    freeSince = null;
                }
            }
        }
        return Latency.of(gaps);
    }
}
