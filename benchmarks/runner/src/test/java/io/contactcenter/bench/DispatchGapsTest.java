package io.contactcenter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contactcenter.bench.DispatchGaps.AgentLegEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatch gap from known leg events: per agent, a leg's end → that agent's next leg. */
class DispatchGapsTest {

    static final long MS = 1_000_000;

    @Test
    void eachEndFollowedByTheSameAgentsNextLegIsOneGap() {
        Latency gaps = DispatchGaps.of(List.of(
                new AgentLegEvent("A", 0, true), new AgentLegEvent("B", 5 * MS, true),
                new AgentLegEvent("A", 100 * MS, false), new AgentLegEvent("B", 110 * MS, false),
                // B's next leg comes first: gaps are per agent, not "the next leg of anyone"
                new AgentLegEvent("B", 130 * MS, true), new AgentLegEvent("A", 150 * MS, true),
                new AgentLegEvent("A", 300 * MS, false)));
        assertEquals(2, gaps.count(), "A's last end has no next leg: nobody was left waiting");
        assertEquals(50, gaps.max(), 1);
        assertEquals(20, gaps.p50(), 1);
    }

    @Test
    void eventsArriveInAnyOrder() {
        Latency gaps = DispatchGaps.of(List.of(new AgentLegEvent("A", 40 * MS, true),
                new AgentLegEvent("A", 10 * MS, false)));
        assertEquals(1, gaps.count());
        assertEquals(30, gaps.max(), 1);
    }
}
