package io.contactcenter.systemtests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.simulator.client.Settings;
import io.contactcenter.systemtests.CallLoad.Fault;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Many calls at once, then the same with duplicated and reordered webhooks (scenarios 7 and 8 of docs/testing.md).
 * Every run ends with the same guarantees, checked by {@link CallLoad}; the same load under faults (scenario 9) is
 * {@link FaultMatrixIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrencyIT {

    private static final long SEED = Long.getLong("load.seed", System.currentTimeMillis());
    private static final Duration DRAIN = Duration.ofSeconds(150);

    private static ContactCenter center;
    private static CallLoad load;

    @BeforeAll
    static void start() throws Exception {
        System.out.println("load seed " + SEED + " (rerun the same calls with -Dload.seed=" + SEED + ")");
        // an account whose Vonage call-creation limit was raised: the client-side limit is not what is tested here
        center = new ContactCenter(false, Map.of("ROUTING_CREATE_CALLS_PER_SECOND", "30"));
        load = new CallLoad(center, SEED);
    }

    @AfterAll
    static void stop() {
        if (center != null) {
            center.close();
        }
    }

    @Test
    @Order(1)
    void scenario7ThreeHundredCallsInAMinute() {
        assertHolds(load.run("7 concurrency", 300, Duration.ofSeconds(60), DRAIN));
    }

    @Test
    @Order(2)
    void scenario8DuplicatedAndReorderedWebhooks() {
        assertHolds(load.run("8 duplicates+reordering", 150, Duration.ofSeconds(30), DRAIN,
                new Fault(Duration.ZERO, "duplicate and out-of-order webhooks on",
                        () -> center.simulator.settings(new Settings(null, true, true, null)))));
    }

    private static void assertHolds(Report report) {
        assertTrue(report.holds(), report.failures());
    }
}
