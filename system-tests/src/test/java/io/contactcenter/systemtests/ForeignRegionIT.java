package io.contactcenter.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.TranscriptEntry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A signed answer webhook whose {@code region_url} names a host that is not allow-listed (here a listener on
 * 127.0.0.3 standing in for an attacker's host, as a forged or tampered region would): no request, so never the
 * application's JWT, reaches that host, and the whole call (agent leg, survey transfer) is served through
 * {@code VONAGE_API_BASE_URL}.
 */
class ForeignRegionIT {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> FOREIGN_REQUESTS = new CopyOnWriteArrayList<>();

    private static HttpServer foreign;
    private static ContactCenter center;
    private static String sales;

    @BeforeAll
    static void start() throws Exception {
        foreign = HttpServer.create(new InetSocketAddress("127.0.0.3", 0), 0);
        foreign.createContext("/", exchange -> {
            FOREIGN_REQUESTS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        foreign.start();
        String foreignUrl = "http://127.0.0.3:" + foreign.getAddress().getPort();
        center = new ContactCenter(port -> java.util.Map.of("SIMULATOR_REGION_URL", foreignUrl));
        center.simulator.timeFactor(4);
        sales = center.department(1, "Sales", 1, 60);
        center.agent("Jane", "phone", "14155550181", sales);
        center.simulator.register(AgentEndpoint.answering("phone", "14155550181", 2, 6.0));
        center.awaitMenu(1);
    }

    @AfterAll
    static void stop() {
        if (center != null) {
            center.close();
        }
        if (foreign != null) {
            foreign.stop(0);
        }
    }

    @Test
    void aCallWhoseRegionIsNotAllowListedIsServedThroughTheDefaultAndTheForeignHostHearsNothing() {
        String callId = center.simulator.dial("447700900181",
                CallerStep.pressWhenHeard("press 1", "1"),
                CallerStep.pressWhenHeard("1 to 5", "5")).callId();

        await().atMost(CALL_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> !center.surveyResults.forKey(callId).isEmpty());
        SurveyResult result = center.surveyResults.forKey(callId).get(0);
        assertEquals(SurveyStatus.ANSWERED, result.status(), result.toString());
        assertEquals(5, result.score());

        List<TranscriptEntry> requests = center.simulator.transcript().stream()
                .filter(e -> "rest-request".equals(e.type())).toList();
        assertFalse(requests.isEmpty());
        assertTrue(requests.stream().allMatch(e -> String.valueOf(e.data().get("host")).startsWith("127.0.0.1:")),
                "every Voice API request went through VONAGE_API_BASE_URL: " + requests);
        assertTrue(FOREIGN_REQUESTS.isEmpty(), "the foreign host received: " + FOREIGN_REQUESTS);
    }
}
