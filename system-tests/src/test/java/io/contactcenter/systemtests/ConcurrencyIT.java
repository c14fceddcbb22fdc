package io.contactcenter.systemtests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.infra.ServiceProcess;
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
 * Many calls at once, then the same with duplicated and reordered webhooks, then under faults (scenarios 7, 8 and
 * 9 of docs/testing.md). Every run ends with the same guarantees, checked by {@link CallLoad}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrencyIT {

    private static final long SEED = Long.getLong("load.seed", System.currentTimeMillis());
    private static final Duration RESTART = Duration.ofSeconds(120);
    private static final Duration DRAIN = Duration.ofSeconds(150);
    /** Fault runs: 4 calls a second as in scenario 7, for 15 s, the fault a third of the way in. */
    private static final int FAULT_CALLS = 60;
    private static final Duration FAULT_RUN = Duration.ofSeconds(15);

    private static ContactCenter center;
    private static CallLoad load;

    @BeforeAll
    static void start() throws Exception {
        System.out.println("load seed " + SEED + " (rerun the same calls with -Dload.seed=" + SEED + ")");
        // an account whose Vonage call-creation limit was raised: the client-side limit is not what is tested here
        center = new ContactCenter(true, Map.of("ROUTING_CREATE_CALLS_PER_SECOND", "30"));
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

    @Test
    @Order(3)
    void scenario9KafkaStoppedForTenSeconds() {
        assertHolds(load.run("9a kafka down 10s", FAULT_CALLS, FAULT_RUN, DRAIN,
                new Fault(Duration.ofSeconds(5), "kafka stopped", center.ownKafka::stopBroker),
                new Fault(Duration.ofSeconds(15), "kafka started", center.ownKafka::startBroker)));
    }

    @Test
    @Order(4)
    void scenario9RoutingAndSurveyKilledAndRestarted() {
        assertHolds(load.run("9b routing+survey SIGKILL", FAULT_CALLS, FAULT_RUN, DRAIN,
                new Fault(Duration.ofSeconds(5), "routing killed and restarted", () -> killAndRestart(center.routing)),
                // later, when agents of the first calls hang up and callers are being moved to the survey
                new Fault(Duration.ofSeconds(10), "survey killed and restarted", () -> killAndRestart(center.survey))));
    }

    @Test
    @Order(5)
    void scenario9TwoInstancesOfRoutingAndSurvey() {
        ServiceProcess routing2 = center.startAnother("routing-service");
        ServiceProcess survey2 = center.startAnother("survey-service");
        try {
            assertHolds(load.run("9c two routing + two survey instances", FAULT_CALLS, FAULT_RUN, DRAIN));
        } finally {
            routing2.stop();
            survey2.stop();
        }
    }

    @Test
    @Order(6)
    void scenario9VonageApiAnswering500Then429() {
        assertHolds(load.run("9d voice api 500 then 429", FAULT_CALLS, FAULT_RUN, DRAIN,
                new Fault(Duration.ofSeconds(3), "voice api 500 for 10s", () -> center.simulator.fault(500, 10)),
                new Fault(Duration.ofSeconds(13), "voice api 429 for 10s", () -> center.simulator.fault(429, 10))));
    }

    @Test
    @Order(7)
    void scenario9DirectoryRestarted() {
        assertHolds(load.run("9e directory SIGKILL+restart", FAULT_CALLS, FAULT_RUN, DRAIN,
                new Fault(Duration.ofSeconds(5), "directory killed and restarted",
                        () -> killAndRestart(center.directory))));
    }

    private static void killAndRestart(ServiceProcess service) {
        service.kill();
        service.restart(RESTART);
    }

    private static void assertHolds(Report report) {
        assertTrue(report.holds(), report.failures());
    }
}
