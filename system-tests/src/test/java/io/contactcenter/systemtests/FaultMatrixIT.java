package io.contactcenter.systemtests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.infra.ServiceProcess;
import io.contactcenter.systemtests.CallLoad.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scenario 9 of docs/testing.md: the load of {@link CallLoad} (40 agents) under faults, first one fault per run
 * (easy to diagnose), then the matrix: 300 calls with every fault in turn, mid-run. Every run ends with the same
 * guarantees. Longer than the rest of the build, so it runs in the {@code fault-matrix} Maven profile, which
 * {@code .ci/run} runs after {@code mvn -B verify}. The gateway runs are two instances behind {@link FrontProxy}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultMatrixIT {

    private static final long SEED = Long.getLong("load.seed", System.currentTimeMillis());
    private static final Duration RESTART = Duration.ofSeconds(120);
    private static final Duration DRAIN = Duration.ofSeconds(150);
    /** Single-fault runs: 4 calls a second as in scenario 7, for 15 s, the fault a third of the way in. */
    private static final int FAULT_CALLS = 60;
    private static final Duration FAULT_RUN = Duration.ofSeconds(15);

    private static ContactCenter center;
    private static CallLoad load;

    @BeforeAll
    static void start() throws Exception {
        System.out.println("load seed " + SEED + " (rerun the same calls with -Dload.seed=" + SEED + ")");
        // an account whose Vonage call-creation limit was raised: the client-side limit is not what is tested here
        center = new ContactCenter(true, true, Map.of("ROUTING_CREATE_CALLS_PER_SECOND", "30"));
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
    void kafkaStoppedForTenSeconds() {
        assertHolds(load.run("9a kafka down 10s", FAULT_CALLS, FAULT_RUN, DRAIN,
                new Fault(Duration.ofSeconds(5), "kafka stopped", center.ownKafka::stopBroker),
                new Fault(Duration.ofSeconds(15), "kafka started", center.ownKafka::startBroker)));
    }

    @Test
    @Order(2)
    void routingAndSurveyKilledAndRestarted() {
        assertHolds(load.run("9b routing+survey SIGKILL", FAULT_CALLS, FAULT_RUN, DRAIN,
                new Fault(Duration.ofSeconds(5), "routing killed and restarted", () -> killAndRestart(center.routing)),
                // later, when agents of the first calls hang up and callers are being moved to the survey
                new Fault(Duration.ofSeconds(10), "survey killed and restarted", () -> killAndRestart(center.survey))));
    }

    /**
     * As a rollout stops them: SIGTERM (readiness down, the shutdown delay, then the stop) and started again. Records a
     * consumer had fetched but not applied when it stopped are redelivered, not dead-lettered.
     */
    @Test
    @Order(2)
    void routingAndSurveyStoppedAndRestarted() {
        assertHolds(load.run("9i routing+survey SIGTERM", FAULT_CALLS, FAULT_RUN, DRAIN,
                new Fault(Duration.ofSeconds(5), "routing stopped and restarted", () -> stopAndRestart(center.routing)),
                new Fault(Duration.ofSeconds(10), "survey stopped and restarted", () -> stopAndRestart(center.survey))));
    }

    @Test
    @Order(3)
    void twoInstancesOfRoutingAndSurvey() {
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
    @Order(4)
    void vonageApiAnswering500Then429() {
        assertHolds(load.run("9d voice api 500 then 429", FAULT_CALLS, FAULT_RUN, DRAIN,
                new Fault(Duration.ofSeconds(3), "voice api 500 for 10s", () -> center.simulator.fault(500, 10)),
                new Fault(Duration.ofSeconds(13), "voice api 429 for 10s", () -> center.simulator.fault(429, 10))));
    }

    @Test
    @Order(5)
    void directoryRestarted() {
        assertHolds(load.run("9e directory SIGKILL+restart", FAULT_CALLS, FAULT_RUN, DRAIN,
                new Fault(Duration.ofSeconds(5), "directory killed and restarted",
                        () -> killAndRestart(center.directory))));
    }

    @Test
    @Order(6)
    void postgresStoppedForTenSeconds() {
        assertHolds(load.run("9f postgresql down 10s", FAULT_CALLS, FAULT_RUN, DRAIN,
                new Fault(Duration.ofSeconds(5), "postgresql stopped", center.ownPostgres::stopDatabase),
                new Fault(Duration.ofSeconds(15), "postgresql started", center.ownPostgres::startDatabase)));
    }

    /** Two gateway instances behind the front proxy; one is SIGKILLed mid-run (its webhooks in flight are lost). */
    @Test
    @Order(7)
    void gatewayInstanceKilledAndRestarted() {
        assertHoldsWithTwoGateways("9g gateway SIGKILL", gateway2 -> new Fault(Duration.ofSeconds(5),
                "gateway instance SIGKILLed and restarted", () -> killAndRestart(center.gateway)));
    }

    /** Two gateway instances behind the front proxy, each in turn SIGTERMed and started again, as a rollout does. */
    @Test
    @Order(8)
    void gatewayRollingRestart() {
        assertHoldsWithTwoGateways("9h gateway rolling restart", gateway2 -> new Fault(Duration.ofSeconds(3),
                "gateway rolling restart", () -> rollingRestart(gateway2)));
    }

    /** A single-fault run with a second gateway instance, the fault given that instance. */
    private static void assertHoldsWithTwoGateways(String scenario, Function<ServiceProcess, Fault> fault) {
        ServiceProcess gateway2 = center.startAnotherGateway();
        try {
            assertHolds(load.run(scenario, FAULT_CALLS, FAULT_RUN, DRAIN, fault.apply(gateway2)));
        } finally {
            stopGateway(gateway2);
        }
    }

    /**
     * Issue 26's matrix: 300 calls over 4 minutes with two replicas of routing, survey and the gateway, and in turn:
     * one routing and one survey replica SIGKILLed, PostgreSQL stopped for 30 s (a gateway instance SIGKILLed
     * meanwhile), the directory stopped for 30 s, the Voice API answering 500 then 429 for 30 s each (the gateway
     * restarted instance by instance meanwhile), Kafka stopped for 3 minutes (past the last call).
     */
    @Test
    @Order(9)
    void threeHundredCallsThroughEveryFault() {
        ServiceProcess routing2 = center.startAnother("routing-service");
        ServiceProcess survey2 = center.startAnother("survey-service");
        ServiceProcess gateway2 = center.startAnotherGateway();
        try {
            assertHolds(load.run("9 matrix", 300, Duration.ofSeconds(240), Duration.ofSeconds(300),
                    new Fault(Duration.ofSeconds(10), "routing replica SIGKILLed and restarted",
                            () -> killAndRestart(center.routing)),
                    new Fault(Duration.ofSeconds(25), "survey replica SIGKILLed and restarted",
                            () -> killAndRestart(center.survey)),
                    new Fault(Duration.ofSeconds(40), "postgresql stopped", center.ownPostgres::stopDatabase),
                    new Fault(Duration.ofSeconds(55), "gateway instance SIGKILLed and restarted",
                            () -> killAndRestart(center.gateway)),
                    new Fault(Duration.ofSeconds(70), "postgresql started", center.ownPostgres::startDatabase),
                    new Fault(Duration.ofSeconds(85), "directory SIGKILLed", center.directory::kill),
                    new Fault(Duration.ofSeconds(115), "directory started", () -> restartUntilReady(center.directory)),
                    new Fault(Duration.ofSeconds(125), "voice api 500 for 30s", () -> center.simulator.fault(500, 30)),
                    // not while the directory is down: a gateway that never reached it has no menu and is not ready
                    new Fault(Duration.ofSeconds(126), "gateway rolling restart", () -> rollingRestart(gateway2)),
                    new Fault(Duration.ofSeconds(155), "voice api 429 for 30s", () -> center.simulator.fault(429, 30)),
                    new Fault(Duration.ofSeconds(190), "kafka stopped", center.ownKafka::stopBroker),
                    new Fault(Duration.ofSeconds(370), "kafka started", center.ownKafka::startBroker)));
        } finally {
            routing2.stop();
            survey2.stop();
            stopGateway(gateway2);
        }
    }

    /**
     * As a rollout replaces the gateway's pods one at a time: the first instance SIGTERMed (it turns not ready, the
     * front proxy stops sending it webhooks, it finishes those in flight) and started again, then the other.
     */
    private static void rollingRestart(ServiceProcess gateway2) {
        for (ServiceProcess instance : List.of(center.gateway, gateway2)) {
            instance.stop();
            restartUntilReady(instance);
            center.gatewayFront.add(instance); // ready for the proxy now, before the other one stops
        }
    }

    private static void stopGateway(ServiceProcess instance) {
        System.out.println(center.gatewayFront.summary());
        center.gatewayFront.remove(instance);
        instance.stop();
    }

    private static void killAndRestart(ServiceProcess service) {
        service.kill();
        restartUntilReady(service);
    }

    private static void stopAndRestart(ServiceProcess service) {
        service.stop();
        restartUntilReady(service);
    }

    /**
     * Starts the service again as Kubernetes would: a process that exits while booting (its database is down, so
     * its migrations cannot run) is started again a few seconds later, until it is ready.
     */
    private static void restartUntilReady(ServiceProcess service) {
        long deadline = System.nanoTime() + RESTART.toNanos();
        while (true) {
            try {
                service.restart(RESTART);
                return;
            } catch (IllegalStateException exitedWhileBooting) {
                if (System.nanoTime() > deadline) {
                    throw exitedWhileBooting;
                }
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw exitedWhileBooting;
                }
            }
        }
    }

    private static void assertHolds(Report report) {
        assertTrue(report.holds(), report.failures());
    }
}
