package io.contactcenter.routing;

import static io.contactcenter.events.AssignmentOutcome.ABANDONED;
import static io.contactcenter.events.AssignmentOutcome.NO_AGENT;
import static io.contactcenter.events.AssignmentOutcome.RINGING;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.CallStatus;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A call lives in the Vonage region its answer webhook named (DESIGN §5): the agent leg is created, the agent leg
 * hung up and the caller sent to the overflow through that region's host — not {@code VONAGE_API_BASE_URL}
 * (the stub on 127.0.0.1) — and the agent leg's event_url names the region for the agent leg's events.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class RegionAffinityTest {

    private final Bus bus = Bus.get();

    private static String regionHost() {
        return "127.0.0.2:" + VonageStub.port();
    }

    private static String departmentWithAgent(String agent, String phone) {
        String department = UUID.randomUUID().toString();
        DirectoryStub.department(department, 60, 20, 3);
        DirectoryStub.agent(agent, department, "phone", phone);
        return department;
    }

    @Test
    void theAgentLegIsCreatedAndHungUpThroughTheCallsRegion() {
        String agent = UUID.randomUUID().toString();
        String callId = UUID.randomUUID().toString();
        String region = "http://" + regionHost();

        bus.routeRequest(callId, departmentWithAgent(agent, "447700900051"), region);

        await().atMost(Duration.ofSeconds(20)).until(() -> bus.outcomes(callId).contains(RINGING));
        VonageStub.Create create = VonageStub.createsFor(callId).get(0);
        assertEquals(regionHost(), create.host(), "createCall goes to the call's region");
        assertTrue(create.eventUrl().contains("&agent=" + agent + "&region="
                + URLEncoder.encode(region, StandardCharsets.UTF_8) + "&sig="), create.eventUrl());

        // the caller leaves while the agent's phone rings: the agent leg is hung up in the same region
        bus.callerEvent(callId, CallStatus.COMPLETED);
        await().atMost(Duration.ofSeconds(15)).until(() -> !VonageStub.modifiesOf(create.legId()).isEmpty());
        VonageStub.Modify hangup = VonageStub.modifiesOf(create.legId()).get(0);
        assertEquals("hangup", hangup.action());
        assertEquals(regionHost(), hangup.host(), "the hangup goes to the call's region");
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.outcomes(callId).contains(ABANDONED));
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }

    @Test
    void theOverflowTransferGoesThroughTheCallsRegionAndACallWithoutOneUsesTheDefault() {
        String department = UUID.randomUUID().toString();
        DirectoryStub.department(department, 1, 20, 3); // nobody in it
        String regional = UUID.randomUUID().toString();
        String unknown = UUID.randomUUID().toString();

        bus.routeRequest(regional, department, "http://" + regionHost());
        bus.routeRequest(unknown, department);

        await().atMost(Duration.ofSeconds(20)).until(() -> bus.outcomes(regional).contains(NO_AGENT)
                && bus.outcomes(unknown).contains(NO_AGENT));
        await().atMost(Duration.ofSeconds(15)).until(() -> !VonageStub.modifiesOf(regional).isEmpty()
                && !VonageStub.modifiesOf(unknown).isEmpty());
        List<VonageStub.Modify> transfers = VonageStub.modifiesOf(regional);
        assertEquals("transfer", transfers.get(0).action());
        assertEquals(regionHost(), transfers.get(0).host());
        assertEquals("127.0.0.1:" + VonageStub.port(), VonageStub.modifiesOf(unknown).get(0).host(),
                "without a region: VONAGE_API_BASE_URL");
    }

    /**
     * A region_url that is not allow-listed (here a loopback host the stub would serve, as an attacker's host would)
     * never receives a request, so never the application's JWT: the call is served through the default base URL and
     * the agent leg's event_url carries no region.
     */
    @Test
    void aRegionOutsideTheAllowListGetsNoRequestAndTheCallStillWorksThroughTheDefault() {
        String callId = UUID.randomUUID().toString();
        String foreign = "http://127.0.0.3:" + VonageStub.port();

        bus.routeRequest(callId, departmentWithAgent(UUID.randomUUID().toString(), "447700900052"), foreign);

        await().atMost(Duration.ofSeconds(20)).until(() -> bus.outcomes(callId).contains(RINGING));
        VonageStub.Create create = VonageStub.createsFor(callId).get(0);
        assertEquals("127.0.0.1:" + VonageStub.port(), create.host(), "createCall goes to VONAGE_API_BASE_URL");
        assertTrue(!create.eventUrl().contains("region="), create.eventUrl());
        bus.callerEvent(callId, CallStatus.COMPLETED);
        await().atMost(Duration.ofSeconds(15)).until(() -> !VonageStub.modifiesOf(create.legId()).isEmpty());
        assertEquals("127.0.0.1:" + VonageStub.port(), VonageStub.modifiesOf(create.legId()).get(0).host());
        assertTrue(VonageStub.creates().stream().noneMatch(c -> c.host().startsWith("127.0.0.3"))
                && VonageStub.modifiesOf(create.legId()).stream().noneMatch(m -> m.host().startsWith("127.0.0.3")),
                "no request reached the foreign host");
    }
}
