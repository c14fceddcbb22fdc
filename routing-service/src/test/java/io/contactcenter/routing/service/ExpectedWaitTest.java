package io.contactcenter.routing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The expected-wait method of the routing README with known inputs, and the words the caller hears. */
class ExpectedWaitTest {

    private static final Duration DEFAULT_HANDLE = Duration.ofMinutes(3);

    @Test
    void placeTimesTheMeanRecentHandleTimeSharedByTheStaffedAgents() {
        List<Duration> handled = List.of(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(180));
        // mean 120 s; place 3 with 2 agents: 3 × 120 / 2
        assertEquals(Duration.ofSeconds(180), ExpectedWait.estimate(3, handled, 2, DEFAULT_HANDLE));
        assertEquals(Duration.ofSeconds(120), ExpectedWait.estimate(1, handled, 1, DEFAULT_HANDLE));
        assertEquals(Duration.ofSeconds(1200), ExpectedWait.estimate(10, handled, 1, DEFAULT_HANDLE));
    }

    @Test
    void withoutRecentConversationsTheDefaultHandleTimeAndOneAgentCount() {
        assertEquals(Duration.ofMinutes(6), ExpectedWait.estimate(2, List.of(), 0, DEFAULT_HANDLE));
        assertEquals(Duration.ofMinutes(3), ExpectedWait.estimate(2, List.of(), 2, DEFAULT_HANDLE));
    }

    @Test
    void theWaitIsSaidInWholeMinutesRoundedUpAndAtLeastOne() {
        assertEquals("1 minute", ExpectedWait.spoken(Duration.ZERO));
        assertEquals("1 minute", ExpectedWait.spoken(Duration.ofSeconds(60)));
        assertEquals("2 minutes", ExpectedWait.spoken(Duration.ofSeconds(61)));
        assertEquals("20 minutes", ExpectedWait.spoken(Duration.ofMinutes(20)));
    }
}
