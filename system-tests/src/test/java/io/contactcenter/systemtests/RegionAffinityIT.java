package io.contactcenter.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.DialRequest;
import io.contactcenter.simulator.client.LegView;
import io.contactcenter.simulator.client.TranscriptEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Region affinity (DESIGN §5) through the packaged services: the simulator runs two regions, {@code us} on
 * 127.0.0.1 (also the services' {@code VONAGE_API_BASE_URL}) and {@code eu} on 127.0.0.2, and answers a request about
 * a call through the other region's host with 404, and marks a conversation split when an agent leg is created in
 * another region than its caller. Calls arriving in both regions at once must be served entirely through their own
 * region's host, which the simulator's transcript (every Voice API request with the host it came through) proves.
 */
class RegionAffinityIT {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(150);
    private static final int CALLS = 10;

    private static ContactCenter center;
    private static String sales;

    @BeforeAll
    static void start() throws Exception {
        center = new ContactCenter(port -> Map.of(
                "SIMULATOR_REGIONS", "us=http://127.0.0.1:" + port + ",eu=http://127.0.0.2:" + port,
                "SIMULATOR_REGION_PLACEMENT", "round-robin"));
        center.simulator.timeFactor(4);
        sales = center.department(1, "Sales", 1, 120);
        center.department(2, "Support", 1, 2); // nobody works in Support: its callers go to the overflow
        for (int i = 0; i < CALLS; i++) {
            String number = "1415555021" + i;
            center.agent("Agent " + i, "phone", number, sales);
            center.simulator.register(AgentEndpoint.answering("phone", number, 1, 16.0));
        }
        center.awaitMenu(2);
    }

    @AfterAll
    static void stop() {
        if (center != null) {
            center.close();
        }
    }

    /**
     * Ten callers at once, placed round-robin in us and eu: every agent leg is created, every hangup and survey
     * transfer sent, through the caller's region; nobody is split from their agent; every call has one survey result.
     * Two of them (one per region) hang up while talking, so routing hangs the agent leg up in that region.
     */
    @Test
    void callsInTwoRegionsAtOnceAreServedThroughTheirOwnRegion() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLS);
        List<Future<String>> dialed = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            boolean hangsUpWhileTalking = i >= CALLS - 2;
            String from = "4477009005" + (10 + i);
            dialed.add(pool.submit(() -> {
                String callId = hangsUpWhileTalking
                        ? center.simulator.dial(from, CallerStep.pressWhenHeard("press 1", "1")).callId()
                        : center.simulator.dial(from, CallerStep.pressWhenHeard("press 1", "1"),
                                CallerStep.pressWhenHeard("1 to 5", "4")).callId();
                if (hangsUpWhileTalking) {
                    center.simulator.awaitTranscript(callId, t -> t.stream().anyMatch(e -> "heard".equals(e.type())
                            && callId.equals(e.legId()) && e.text().contains("started: talking")), CALL_TIMEOUT);
                    center.simulator.hangup(callId);
                }
                return callId;
            }));
        }
        List<String> calls = new ArrayList<>();
        for (Future<String> f : dialed) {
            calls.add(f.get());
        }
        pool.shutdown();
        Set<String> hungUp = Set.copyOf(calls.subList(CALLS - 2, CALLS));

        Map<String, String> regionOf = new HashMap<>();
        for (String callId : calls) {
            regionOf.put(callId, center.simulator.regionOf(callId));
        }
        assertEquals(Map.of("us", 5L, "eu", 5L), regionOf.values().stream()
                .collect(Collectors.groupingBy(r -> r, Collectors.counting())), "round-robin placement");

        Map<String, SurveyResult> results = new ConcurrentHashMap<>();
        for (String callId : calls) {
            await().atMost(CALL_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> !center.surveyResults.forKey(callId).isEmpty());
            results.put(callId, center.surveyResults.forKey(callId).get(0));
        }
        for (String callId : calls) {
            center.simulator.awaitStatus(callId, Duration.ofSeconds(60), "completed");
        }
        center.settle(); // late duplicates, if any, would show now
        for (String callId : calls) {
            List<SurveyResult> forCall = center.surveyResults.forKey(callId);
            assertEquals(1, forCall.size(), "exactly one survey result for " + callId + ": " + forCall);
            SurveyResult result = forCall.get(0);
            if (hungUp.contains(callId)) {
                assertEquals(SurveyStatus.CALLER_HUNG_UP, result.status(), result.toString());
            } else {
                assertEquals(SurveyStatus.ANSWERED, result.status(), result.toString());
                assertEquals(4, result.score());
                assertEquals(sales, result.department());
            }
        }

        Affinity affinity = affinity(regionOf);
        assertEquals(Set.copyOf(calls), affinity.agentLegCalls(), "every call got an agent leg");
        for (String callId : calls) {
            assertTrue(affinity.transfers.contains(callId) || hungUp.contains(callId),
                    "the survey transfer of " + callId + " went through its region");
        }
        assertTrue(affinity.agentHangups >= 2, "routing hung up the agents of the callers who left: "
                + affinity.agentHangups);
        System.out.printf("regions: %d calls, Voice API requests per region host %s%n", calls.size(), affinity.perHost);
    }

    /** A caller nobody can take is sent to the overflow: the transfer goes through the caller's region. */
    @Test
    void overflowTransfersGoThroughTheCallersRegion() {
        Map<String, String> regionOf = new HashMap<>();
        for (String region : List.of("us", "eu")) {
            String from = region.equals("us") ? "447700900621" : "447700900622";
            String callId = center.simulator.dial(DialRequest.phoneInRegion(region, from,
                    CallerStep.pressWhenHeard("press 2", "2"))).callId();
            regionOf.put(callId, region);
        }
        for (String callId : regionOf.keySet()) {
            center.simulator.awaitStatus(callId, CALL_TIMEOUT, "completed");
            assertEquals(regionOf.get(callId), center.simulator.regionOf(callId));
        }
        Affinity affinity = affinity(regionOf);
        assertEquals(regionOf.keySet(), affinity.transfers, "one overflow transfer per call, each in its region");
        assertTrue(affinity.agentLegCalls().isEmpty());
    }

    /** What the Voice API saw about these calls, checked request by request against the calls' regions. */
    private record Affinity(Map<String, String> agentLegs, Set<String> transfers, int agentHangups,
            Map<String, Integer> perHost) {
        Set<String> agentLegCalls() {
            return Set.copyOf(agentLegs.values());
        }
    }

    private static Affinity affinity(Map<String, String> regionOf) {
        List<TranscriptEntry> everything = center.simulator.transcript();
        Map<String, String> agentLegs = new HashMap<>(); // agent leg -> caller's call
        Map<String, Integer> perHost = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (TranscriptEntry e : everything) {
            if ("rest-request".equals(e.type()) && "POST".equals(e.data().get("method"))
                    && e.data().get("body") instanceof Map<?, ?> body) {
                String callId = conversationCall(body);
                if (callId != null && regionOf.containsKey(callId)) {
                    agentLegs.put(e.legId(), callId);
                    perHost.merge(String.valueOf(e.data().get("host")), 1, Integer::sum);
                    if (!regionOf.get(callId).equals(e.data().get("region")) || status(e) != 201) {
                        problems.add("agent leg of " + callId + " (" + regionOf.get(callId) + "): " + e.text());
                    }
                }
            }
        }
        java.util.Set<String> transfers = new java.util.HashSet<>();
        int agentHangups = 0;
        for (TranscriptEntry e : everything) {
            if (!"rest-request".equals(e.type()) || !"PUT".equals(e.data().get("method"))) {
                continue;
            }
            String legId = e.legId();
            String callId = regionOf.containsKey(legId) ? legId : agentLegs.get(legId);
            if (callId == null) {
                continue;
            }
            perHost.merge(String.valueOf(e.data().get("host")), 1, Integer::sum);
            String body = String.valueOf(e.data().get("body"));
            if (!regionOf.get(callId).equals(e.data().get("region")) || status(e) == 404) {
                problems.add("request about " + legId + " of " + callId + " (" + regionOf.get(callId) + "): " + e.text());
            }
            if (legId.equals(callId) && body.contains("\"transfer\"") && status(e) == 204) {
                transfers.add(callId);
            }
            if (!legId.equals(callId) && body.contains("\"hangup\"")) {
                agentHangups++;
            }
        }
        for (TranscriptEntry e : everything) {
            if (e.data() != null && Boolean.TRUE.equals(e.data().get("split"))) {
                problems.add("split: " + e.text());
            }
        }
        for (LegView leg : center.simulator.calls()) {
            if (leg.split()) {
                problems.add("leg " + leg.uuid() + " is split");
            }
            String callId = regionOf.containsKey(leg.uuid()) ? leg.uuid() : agentLegs.get(leg.uuid());
            if (callId != null && !regionOf.get(callId).equals(leg.region())) {
                problems.add("leg " + leg.uuid() + " lives in " + leg.region() + ", its call in " + regionOf.get(callId));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertFalse(perHost.isEmpty());
        return new Affinity(agentLegs, transfers, agentHangups, perHost);
    }

    /** The caller's call id named by an agent leg's NCCO ({@code conversation cc-<callId>}), else null. */
    private static String conversationCall(Map<?, ?> body) {
        if (body.get("ncco") instanceof List<?> ncco && !ncco.isEmpty() && ncco.get(0) instanceof Map<?, ?> action
                && action.get("name") instanceof String name && name.startsWith("cc-")) {
            return name.substring(3);
        }
        return null;
    }

    private static int status(TranscriptEntry e) {
        Object status = e.data().get("status");
        assertNotNull(status, e.toString());
        return ((Number) status).intValue();
    }
}
