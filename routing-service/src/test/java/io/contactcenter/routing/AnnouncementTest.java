package io.contactcenter.routing;

import static io.contactcenter.routing.Scenario.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Waiting callers hear their place in the department's FIFO and the expected wait every
 * {@code announcementIntervalSeconds}, said into their own leg (PUT /v1/calls/{uuid}/talk); 0 = never.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class AnnouncementTest {

    private final Bus bus = Bus.get();
    /** The calls a test left waiting: their callers hang up after it, so no later test meets their claims. */
    private final List<String> waiting = new ArrayList<>();

    @AfterEach
    void callersHangUp() {
        waiting.forEach(call -> bus.callerEvent(call, CallStatus.COMPLETED));
        waiting.forEach(call -> awaitOutcomes(call, AssignmentOutcome.ABANDONED));
    }

    @Test
    void placesOneTwoAndTenHearTheirPlaceAndWaitEveryInterval() {
        String department = department(600, 3);
        DirectoryStub.departmentSetting(department, "announcementIntervalSeconds", 1);
        Instant start = Instant.now().minusSeconds(30);
        List<String> calls = waiting;
        IntStream.range(0, 10).forEach(i -> {
            String call = id();
            calls.add(call);
            bus.send(Topics.ROUTE_REQUESTS, call, new RouteRequest(id(), RouteRequest.VERSION, call, department,
                    "447700900123", RouteRequest.conversationNameFor(call), null, start.plusSeconds(i)));
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> VonageStub.talksTo(calls.get(0)).size() >= 2
                && VonageStub.talksTo(calls.get(9)).size() >= 1);
        assertEquals("You are next.", VonageStub.talksTo(calls.get(0)).get(0));
        // nobody talked to this department's callers: 3 minutes (the default) per place, one agent
        assertEquals("You are number 2 in line. The expected wait is about 6 minutes.",
                VonageStub.talksTo(calls.get(1)).get(0));
        assertEquals("You are number 10 in line. The expected wait is about 30 minutes.",
                VonageStub.talksTo(calls.get(9)).get(0));

        String first = calls.remove(0);
        bus.callerEvent(first, CallStatus.COMPLETED);
        String second = calls.get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.talksTo(second).contains("You are next."));
        int heard = VonageStub.talksTo(first).size();
        int secondHeard = VonageStub.talksTo(second).size();
        // one more interval: the second caller hears it, the one who left does not
        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.talksTo(second).size() > secondHeard);
        assertEquals(heard, VonageStub.talksTo(first).size(), "a caller who left hears nothing more");
    }

    @Test
    void aDepartmentWithIntervalZeroSaysNothing() {
        String department = department(600, 3);
        DirectoryStub.departmentSetting(department, "announcementIntervalSeconds", 0);
        String quiet = id();
        String loud = id();
        String other = department(600, 3);
        DirectoryStub.departmentSetting(other, "announcementIntervalSeconds", 1);
        waiting.add(quiet);
        waiting.add(loud);
        bus.routeRequest(quiet, department);
        bus.routeRequest(loud, other);

        await().atMost(Duration.ofSeconds(20)).until(() -> !VonageStub.talksTo(loud).isEmpty());
        assertTrue(VonageStub.talksTo(quiet).isEmpty());
    }
}
