package io.contactcenter.routing;

import static io.contactcenter.events.AssignmentOutcome.*;
import static io.contactcenter.routing.Scenario.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactcenter.events.Assignment;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Callbacks through Kafka, PostgreSQL and the stubs: the offer after the department's {@code callbackOfferSeconds},
 * the caller's request and hang-up keeping the place, the agent reserved before the caller is called back from the
 * contact-center number, the agent's leg only after the caller answered; an unanswered callback retried, then failed; a
 * callback asked for while the department was closed made only after its opening, once.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class CallbackTest {

    private static final String NUMBER = "447700900999";
    private final Bus bus = Bus.get();

    @Inject
    DataSource dataSource;

    /** A department that offers callbacks after a second, with {@code retries}; the call waits (no agent yet). */
    private String callbackDepartment(int retries) {
        String department = department(600, 3);
        DirectoryStub.departmentSetting(department, "announcementIntervalSeconds", 0);
        DirectoryStub.departmentSetting(department, "callbackOfferSeconds", 1);
        DirectoryStub.departmentSetting(department, "callbackRetries", retries);
        return department;
    }

    @Test
    void aCallerWhoHangsUpInTheDialogueWhileAnAgentIsClaimedGetsNoAgentLegAndTheAgentIsReleased() {
        String department = callbackDepartment(1);
        String call = offeredCallback(department);
        DirectoryStub.claimDelay(Duration.ofMillis(1500)); // below the client's read timeout
        try {
            long claimsBefore = DirectoryStub.claims(call).size();
            String agent = phoneAgent(department)[0]; // free now: the next reclaim's claim takes 1.5 s to answer
            await().atMost(Duration.ofSeconds(10)).until(() -> DirectoryStub.claims(call).size() > claimsBefore);
            bus.callerEvent(call, CallStatus.COMPLETED); // held for a request while the claim is asked
            // the claim answers with the agent: released, not called for a caller who is gone
            await().atMost(Duration.ofSeconds(15)).until(() -> DirectoryStub.assignmentState(call).orElse("")
                    .equals("RELEASED/CANCELLED"));
            assertEquals("IDLE", DirectoryStub.agentState(agent));
            assertTrue(VonageStub.createsFor(call).isEmpty(), "no agent leg for a caller who hung up");
        } finally {
            DirectoryStub.claimDelay(Duration.ZERO);
        }
    }

    @Test
    void aCallerOfferedACallbackWhoAskedForNoneOverflowsOnceRoutingHasReadTheCallsRecords() {
        String department = callbackDepartment(1);
        String call = offeredCallback(department);
        // the max wait and the dialogue's time ran out (moved back): overflowed only once routing's group committed
        // past the call's records (CallEventsProgress on the real broker), not kept waiting for a request
        Db.update(dataSource, "update routing.routed_call set queued_at = queued_at - interval '700 seconds',"
                + " callback_offered_at = callback_offered_at - interval '60 seconds', next_try_at = now()"
                + " where call_id = ?", call);
        awaitOutcomes(call, NO_AGENT);
    }

    /** A new call to the department that waits and is offered the callback (the offer's transfer made). */
    private String offeredCallback(String department) {
        String call = id();
        bus.routeRequest(call, department);
        await().atMost(Duration.ofSeconds(20)).until(() -> !VonageStub.modifiesOf(call).isEmpty());
        return call;
    }

    /** The call waits, is offered the callback, asks for it and hangs up (applied when this returns). */
    private void takesTheCallback(String call, String department) {
        bus.routeRequest(call, department);
        await().atMost(Duration.ofSeconds(20)).until(() -> !VonageStub.modifiesOf(call).isEmpty());
        JsonNode offer = VonageStub.modifiesOf(call).get(0).body().path("destination").path("ncco");
        assertEquals("Press 1 to be called back; you keep your place in line.", offer.path(0).path("text").asText());
        String eventUrl = offer.path(1).path("eventUrl").path(0).asText();
        assertTrue(eventUrl.startsWith("https://gateway.test/webhooks/callback?call=" + call + "&department="
                + department + "&step=offer&attempt=1&sig="), eventUrl);

        bus.callbackRequest(call, NUMBER, department);
        // the gateway ends the call only after the confirmation is said: the request is applied by then
        await().atMost(Duration.ofSeconds(10)).until(() -> NUMBER.equals(Db.single(dataSource,
                "select callback_number from routing.routed_call where call_id = ?", call)));
        String hangUp = bus.callerEvent(call, CallStatus.COMPLETED).eventId();
        await().atMost(Duration.ofSeconds(10)).until(() -> Db.count(dataSource,
                "select count(*) from routing.processed_event where event_id = ?", "event:" + hangUp) == 1);
    }

    @Test
    void theCallerKeepsTheirPlaceAndIsCalledBackBeforeTheReservedAgentsLegIsCreated() {
        String department = callbackDepartment(2);
        String call = id();
        takesTheCallback(call, department);
        assertEquals("WAITING", Db.state(dataSource, call), "the caller's hang-up does not abandon a callback");
        assertTrue(bus.outcomes(call).isEmpty());

        String[] agent = phoneAgent(department);
        VonageStub.Create callback = awaitLeg(call, 1);
        assertEquals(NUMBER, callback.body().path("to").path(0).path("number").asText());
        assertEquals("447700900100", callback.body().path("from").path("number").asText());
        assertEquals("talk", callback.body().path("ncco").path(0).path("action").asText());
        assertEquals("cc-" + call, callback.body().path("ncco").path(1).path("name").asText());
        assertEquals("RESERVED", DirectoryStub.agentState(agent[0]), "the agent is reserved first");
        assertTrue(VonageStub.createsTo(agent[1]).isEmpty(), "the agent is not rung before the caller answered");

        bus.callbackLegEvent(call, callback.legId(), CallStatus.ANSWERED, null);
        VonageStub.Create agentLeg = awaitLeg(call, 2);
        assertEquals(agent[1], agentLeg.body().path("to").path(0).path("number").asText());
        bus.agentEvent(call, agentLeg.legId(), agent[0], CallStatus.ANSWERED, null);
        awaitOutcomes(call, RINGING, ANSWERED);
        bus.agentEvent(call, agentLeg.legId(), agent[0], CallStatus.COMPLETED, Map.of("duration", "30"));
        awaitOutcomes(call, RINGING, ANSWERED, COMPLETED);
        awaitAssignmentState(call, "RELEASED/COMPLETED");
        assertEquals(List.of(callback.legId(), callback.legId(), callback.legId()), bus.assignments(call).stream()
                .map(a -> a.detail(Assignment.Detail.CALLER_LEG_ID)).toList(), "survey transfers the callback leg");
    }

    @Test
    void anAgentAnsweringWhileTheCallerIsInTheDialogueGetsTheCallerBackAndTheirLateRequestIsRefused() {
        String department = callbackDepartment(2);
        String call = id();
        bus.routeRequest(call, department);
        // the offer moved the caller's leg out of the conversation; meanwhile an agent is free and answers
        await().atMost(Duration.ofSeconds(20)).until(() -> !VonageStub.modifiesOf(call).isEmpty());
        String[] agent = phoneAgent(department);
        VonageStub.Create agentLeg = awaitLeg(call, 1);
        assertEquals(agent[1], agentLeg.body().path("to").path(0).path("number").asText());
        bus.agentEvent(call, agentLeg.legId(), agent[0], CallStatus.ANSWERED, null);

        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.modifiesOf(call).size() >= 2);
        VonageStub.Modify back = VonageStub.modifiesOf(call).get(1);
        assertEquals("transfer", back.action());
        JsonNode ncco = back.body().path("destination").path("ncco");
        assertEquals(1, ncco.size(), ncco.toString());
        assertEquals("conversation", ncco.path(0).path("action").asText());
        assertEquals("cc-" + call, ncco.path(0).path("name").asText(), "the caller is back with the agent");

        // the request they made in the dialogue arrives after all: refused, and nothing routing does hangs them up
        CallEvent request = bus.callbackRequest(call, NUMBER, department);
        awaitSettled(dataSource, request);
        assertEquals("CONNECTED", Db.state(dataSource, call));
        assertNull(Db.single(dataSource, "select callback_number from routing.routed_call where call_id = ?", call));
        assertEquals(2, VonageStub.modifiesOf(call).size(), "the caller's leg is left in the conversation");
        assertTrue(VonageStub.modifiesOf(agentLeg.legId()).isEmpty(), "the agent's leg is left too");
        assertTrue(VonageStub.createsFor(call).size() == 1, "nobody is called back");
        assertEquals(List.of(RINGING, ANSWERED), bus.outcomes(call));
    }

    @Test
    void aHangUpAppliedBeforeTheCallbackRequestStillLeavesACallbackInItsPlace() {
        String department = callbackDepartment(2);
        String call = id();
        bus.routeRequest(call, department);
        await().atMost(Duration.ofSeconds(20)).until(() -> !VonageStub.modifiesOf(call).isEmpty());
        // the consumer applies a call's records in any order: here the caller's hang-up comes first
        String hangUp = bus.callerEvent(call, CallStatus.COMPLETED).eventId();
        await().atMost(Duration.ofSeconds(10)).until(() -> Db.count(dataSource,
                "select count(*) from routing.processed_event where event_id = ?", "event:" + hangUp) == 1);
        assertEquals("WAITING", Db.state(dataSource, call), "held for the request");
        bus.callbackRequest(call, NUMBER, department);
        await().atMost(Duration.ofSeconds(10)).until(() -> NUMBER.equals(Db.single(dataSource,
                "select callback_number from routing.routed_call where call_id = ?", call)));

        phoneAgent(department);
        VonageStub.Create callback = awaitLeg(call, 1);
        assertEquals(NUMBER, callback.body().path("to").path(0).path("number").asText());
        assertTrue(bus.outcomes(call).isEmpty(), "not abandoned: " + bus.outcomes(call));
    }

    @Test
    void aCallbackAskedForWhileTheDepartmentWasClosedIsMadeOnlyAfterItsOpeningAndOnce() {
        String department = callbackDepartment(2);
        String[] agent = phoneAgent(department); // an agent is free all along: only the opening holds the call
        String call = id();
        Instant opening = Instant.now().plusSeconds(5);
        bus.callbackRequestAtOpening(call, NUMBER, department, opening);
        bus.callbackRequestAtOpening(call, NUMBER, department, opening); // asked twice: still one callback
        String hangUp = bus.callerEvent(call, CallStatus.COMPLETED).eventId(); // the closed message's call ends
        // the request and the hang-up are applied in either order (the consumers of a just-started service begin
        // their partitions at different times): both applied, it is a waiting callback
        await().atMost(Duration.ofSeconds(10)).until(() -> Db.count(dataSource,
                "select count(*) from routing.processed_event where event_id = ?", "event:" + hangUp) == 1
                && NUMBER.equals(Db.single(dataSource,
                        "select callback_number from routing.routed_call where call_id = ?", call)));
        assertEquals("WAITING", Db.state(dataSource, call));

        // the closed message's call ended, and that hang-up was applied before the request (records of a call are
        // applied in any order): still a callback for the opening
        String early = id();
        String earlyHangUp = bus.callerEvent(early, CallStatus.COMPLETED).eventId();
        await().atMost(Duration.ofSeconds(10)).until(() -> Db.count(dataSource,
                "select count(*) from routing.processed_event where event_id = ?", "event:" + earlyHangUp) == 1);
        bus.callbackRequestAtOpening(early, NUMBER, department, opening.plusSeconds(3600));
        await().atMost(Duration.ofSeconds(10)).until(() -> NUMBER.equals(Db.single(dataSource,
                "select callback_number from routing.routed_call where call_id = ?", early)));
        assertEquals("WAITING", Db.state(dataSource, early));

        VonageStub.Create callback = awaitLeg(call, 1);
        assertFalse(callback.at().isBefore(opening), "called back at " + callback.at() + ", before the opening " + opening);
        assertEquals(NUMBER, callback.body().path("to").path(0).path("number").asText());
        assertEquals("RESERVED", DirectoryStub.agentState(agent[0]), "the agent is reserved first");
        bus.callbackLegEvent(call, callback.legId(), CallStatus.ANSWERED, null);
        VonageStub.Create agentLeg = awaitLeg(call, 2);
        assertEquals(agent[1], agentLeg.body().path("to").path(0).path("number").asText());
        bus.agentEvent(call, agentLeg.legId(), agent[0], CallStatus.ANSWERED, null);
        bus.agentEvent(call, agentLeg.legId(), agent[0], CallStatus.COMPLETED, Map.of("duration", "30"));
        awaitOutcomes(call, RINGING, ANSWERED, COMPLETED);
        assertEquals(1, VonageStub.createsFor(call).stream()
                .filter(c -> NUMBER.equals(c.body().path("to").path(0).path("number").asText())).count(),
                "called back once");
        assertTrue(VonageStub.createsFor(early).isEmpty(), "the later opening's callback waits");
        assertEquals(List.of(), VonageStub.violations());
    }

    @Test
    void aCallbackLegWhoseEventsAreLateIsAskedAboutBeforeItCountsAsUnanswered() {
        String department = callbackDepartment(2);
        String call = id();
        takesTheCallback(call, department);
        String[] agent = phoneAgent(department);

        // the caller answered, but the leg's events are held back (Kafka down, the gateway's journal): past its
        // ringing time Vonage is asked, says answered, and the reserved agent's leg is created; nobody calls again
        VonageStub.Create callback = awaitLeg(call, 1);
        VonageStub.legStatus(callback.legId(), "answered");
        VonageStub.Create agentLeg = awaitLeg(call, 2);
        assertEquals(agent[1], agentLeg.body().path("to").path(0).path("number").asText());
        assertTrue(Duration.between(callback.at(), agentLeg.at()).toSeconds() >= 4, "asked only past its ringing time");
        bus.callbackLegEvent(call, callback.legId(), CallStatus.ANSWERED, null); // the late event changes nothing
        bus.agentEvent(call, agentLeg.legId(), agent[0], CallStatus.ANSWERED, null);
        bus.agentEvent(call, agentLeg.legId(), agent[0], CallStatus.COMPLETED, Map.of("duration", "30"));
        awaitOutcomes(call, RINGING, ANSWERED, COMPLETED);
        assertEquals(2, VonageStub.createsFor(call).size(), "one callback leg, one agent leg");
        assertEquals(List.of(), VonageStub.violations());
    }

    @Test
    void aCallbackWhoseReservationTheDirectoryReleasedMeanwhileDoesNotCallItsAgent() {
        String department = callbackDepartment(2);
        String call = id();
        takesTheCallback(call, department);
        String[] agent = phoneAgent(department);
        VonageStub.Create callback = awaitLeg(call, 1);

        // the caller is slow to answer: the claim ages past routing.queue.reservation-renew-after (2 s in tests), the
        // directory's stuck-agent bound releases the agent, and another caller gets them
        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(3)).until(() -> true);
        DirectoryStub.expireReservation(call);
        String other = id();
        bus.routeRequest(other, department);
        assertEquals(agent[1], awaitLeg(other, 1).body().path("to").path(0).path("number").asText());

        // the callback is answered: routing renews the claim before calling the agent, is refused, and waits again
        bus.callbackLegEvent(call, callback.legId(), CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "WAITING".equals(Db.state(dataSource, call)));
        assertEquals(1, DirectoryStub.requests("POST", "/assignments/" + call + "/renewed").size());
        assertEquals(1, VonageStub.createsTo(agent[1]).size(), "the agent is called for the other caller only");
        // no call of this test claims on while later tests count claims
        bus.callbackLegEvent(call, callback.legId(), CallStatus.COMPLETED, Map.of("duration", "5"));
        bus.callerEvent(other, CallStatus.COMPLETED);
        await().atMost(Duration.ofSeconds(15)).until(() -> "DONE".equals(Db.state(dataSource, call))
                && "DONE".equals(Db.state(dataSource, other)));
    }

    @Test
    void aCallbackLegStillRingingPastItsTimeIsHungUpAndTriedAgain() {
        String department = callbackDepartment(1);
        String call = id();
        takesTheCallback(call, department);
        String[] agent = phoneAgent(department);

        VonageStub.Create first = awaitLeg(call, 1);
        VonageStub.legStatus(first.legId(), "ringing");
        VonageStub.Create second = awaitLeg(call, 2);
        assertEquals(NUMBER, second.body().path("to").path(0).path("number").asText(), "the caller again");
        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.modifiesOf(first.legId()).stream()
                .anyMatch(m -> "hangup".equals(m.action()))); // the ringing leg is hung up
        assertTrue(VonageStub.createsTo(agent[1]).isEmpty());
    }

    @Test
    void anUnansweredCallbackIsRetriedAfterTheGapThenRecordedAsFailedAndTheAgentReleased() {
        String department = callbackDepartment(1);
        String call = id();
        takesTheCallback(call, department);
        String[] agent = phoneAgent(department);

        VonageStub.Create first = awaitLeg(call, 1);
        bus.callbackLegEvent(call, first.legId(), CallStatus.UNANSWERED, null);
        VonageStub.Create second = awaitLeg(call, 2);
        assertEquals(NUMBER, second.body().path("to").path(0).path("number").asText());
        assertTrue(Duration.between(first.at(), second.at()).toMillis() >= 900, "tried again after the gap");
        bus.callbackLegEvent(call, second.legId(), CallStatus.BUSY, null);

        awaitOutcomes(call, FAILED);
        await().atMost(Duration.ofSeconds(10)).until(() -> "IDLE".equals(DirectoryStub.agentState(agent[0])));
        assertEquals(2, VonageStub.createsFor(call).size());
        assertTrue(VonageStub.createsTo(agent[1]).isEmpty());
        assertEquals(List.of(), VonageStub.violations());
    }

    @Test
    void aCallbackForTheOpeningIsMadeByTheDepartmentsHoursWhenItComesDueWithTheDepartmentsRetries() {
        String department = callbackDepartment(0); // the request carries no retries: the department's 0 applies
        // the hours changed after the gateway computed the opening: now it opens a few seconds later, in its zone
        ZoneOffset zone = ZoneOffset.ofHours(12 - LocalTime.now(ZoneOffset.UTC).getHour()); // about noon there
        ZonedDateTime opens = ZonedDateTime.now(zone).plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode hours = Bus.JSON.createObjectNode().put("timeZone", zone.getId());
        hours.putArray("weekly").addObject().put("day", opens.getDayOfWeek().name())
                .put("opens", opens.toLocalTime().toString()).put("closes", "24:00");
        DirectoryStub.departmentSetting(department, "openingHours", hours);
        String[] agent = phoneAgent(department);
        String call = id();
        bus.callbackRequestAtOpening(call, NUMBER, department, Instant.now()); // the opening the old hours had

        VonageStub.Create callback = awaitLeg(call, 1);
        assertFalse(callback.at().isBefore(opens.toInstant()),
                "called back at " + callback.at() + ", before the new opening " + opens);
        assertEquals(NUMBER, callback.body().path("to").path(0).path("number").asText());
        bus.callbackLegEvent(call, callback.legId(), CallStatus.UNANSWERED, null);
        awaitOutcomes(call, FAILED); // no retry: the department's callbackRetries, not routing's default (2)
        assertEquals(1, VonageStub.createsFor(call).size());
        assertTrue(VonageStub.createsTo(agent[1]).isEmpty());
    }

    @Test
    void aCallbackNotDueBeforeItsOpeningIsNotCountedAsWaiting() {
        String department = department(600, 3);
        DirectoryStub.departmentSetting(department, "announcementIntervalSeconds", 1);
        DirectoryStub.departmentSetting(department, "callbackOfferSeconds", 0);
        String tomorrow = id();
        bus.callbackRequestAtOpening(tomorrow, NUMBER, department, Instant.now().plusSeconds(86_400));
        await().atMost(Duration.ofSeconds(10)).until(() -> NUMBER.equals(Db.single(dataSource,
                "select callback_number from routing.routed_call where call_id = ?", tomorrow)));

        String call = id(); // queued after the callback, yet first in line
        bus.routeRequest(call, department);
        await().atMost(Duration.ofSeconds(10)).until(() -> !VonageStub.talksTo(call).isEmpty());
        assertEquals("You are next.", VonageStub.talksTo(call).get(0));
        await().atMost(Duration.ofSeconds(10)).until(() -> RestAssured.get("/q/metrics").asString()
                .contains("routing_queue_length{department=\"" + department + "\"} 1.0"));
        bus.callerEvent(call, CallStatus.COMPLETED); // no call of this test claims on while later tests count claims
        awaitOutcomes(call, ABANDONED);
    }
}
