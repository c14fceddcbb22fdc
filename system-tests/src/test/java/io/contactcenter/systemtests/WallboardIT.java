package io.contactcenter.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contactcenter.infra.LocalInfra;
import io.contactcenter.infra.ServiceProcess;
import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.DialResponse;
import io.contactcenter.testsupport.HeadlessChromium;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wallboard beside the whole contact center (one service set for both tests): a known mix of calls placed
 * through the simulator (answered with scores, abandoned, overflowed) shows on the wallboard exactly, and its survey
 * figures equal survey-service's {@code /surveys/stats}; the live page, never reloaded, sees a call wait and be
 * answered (a supervisor signed in with her directory account through the page's form), and its screenshot is the
 * README's.
 */
class WallboardIT {

    private static final double TIME_FACTOR = 4;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path SCREENSHOT = Screenshots.of("wallboard.png");

    private static ContactCenter center;
    private static ServiceProcess wallboard;
    private static String token;
    private static String sales;
    private static String support;
    private static String billing;
    private static String live;
    private static final String SUPERVISOR_PASSWORD = "wallboard-supervisor-password";

    @BeforeAll
    static void start() throws Exception {
        center = new ContactCenter();
        center.simulator.timeFactor(TIME_FACTOR);
        LocalInfra infra = LocalInfra.shared();
        token = infra.authKeys().mint("supervisor", "supervisor");
        wallboard = center.startWallboard();

        sales = center.department(1, "Sales", 1, 60, 10);
        agent("Wendy", "14155550801", sales, 1);
        support = center.department(2, "Support", 1, 60, 10);  // nobody: its caller gives up
        billing = center.department(3, "Billing", 1, 2, 10);   // nobody, 2 s max wait: overflow
        live = center.department(4, "Live", 1, 60, 30);
        agent("Lena", "14155550802", live, 12);                // rings 12 simulated seconds: the page sees the wait
        // Sue, a supervisor (away: she takes no calls), signs in to the page with her directory account
        String office = center.department(5, "Office", 1, 60, 10);
        center.supervisorWithPassword("Sue", SUPERVISOR_PASSWORD, "14155550809", office);
        center.awaitMenu(5);
    }

    private static void agent(String name, String phone, String department, double answerAfterSeconds) {
        center.agent(name, "phone", phone, department);
        center.simulator.register(AgentEndpoint.answering("phone", phone, answerAfterSeconds, 4.0));
    }

    @AfterAll
    static void stop() {
        if (center != null) {
            center.close();
        }
    }

    private static JsonPath departments() {
        return given().baseUri(wallboard.url()).auth().oauth2(token).get("/wallboard/departments")
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> today(JsonPath figures, String department) {
        return figures.getMap("find { it.department == '" + department + "' }.today");
    }

    @Test
    void aKnownMixOfCallsShowsExactlyAndTheSurveyFiguresEqualSurveyStats() {
        DialResponse five = center.simulator.dial("447700900801", CallerStep.pressWhenHeard("press 1", "1"),
                CallerStep.pressWhenHeard("1 to 5", "5"));
        center.simulator.awaitStatus(five.callId(), WAIT, "completed");
        DialResponse three = center.simulator.dial("447700900802", CallerStep.pressWhenHeard("press 1", "1"),
                CallerStep.pressWhenHeard("1 to 5", "3"));
        DialResponse givesUp = center.simulator.dial("447700900803", CallerStep.pressWhenHeard("press 2", "2"));
        DialResponse overflows = center.simulator.dial("447700900804", CallerStep.pressWhenHeard("press 3", "3"));
        center.simulator.awaitTranscript(givesUp.callId(), t -> t.stream().anyMatch(e -> String.valueOf(e.text())
                .contains(ContactCenter.HOLD_MUSIC)), WAIT);
        center.simulator.hangup(givesUp.callId());
        center.simulator.awaitStatus(three.callId(), WAIT, "completed");
        center.simulator.awaitStatus(overflows.callId(), WAIT, "completed");

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath figures = departments();
            Map<String, Object> salesToday = today(figures, sales);
            assertEquals(List.of(2, 2, 0, 0, 2, 2, 2), List.of(salesToday.get("offered"), salesToday.get("answered"),
                    salesToday.get("abandoned"), salesToday.get("overflowed"), salesToday.get("handled"),
                    salesToday.get("surveysOffered"), salesToday.get("surveyResponses")), "Sales " + salesToday);
            assertEquals(4.0f, salesToday.get("csatAverage"));
            assertEquals(0.5f, salesToday.get("csatTopTwoBox"));
            Map<String, Object> supportToday = today(figures, support);
            assertEquals(List.of(1, 0, 1, 0), List.of(supportToday.get("offered"), supportToday.get("answered"),
                    supportToday.get("abandoned"), supportToday.get("overflowed")), "Support " + supportToday);
            assertEquals(1.0f, supportToday.get("abandonmentRate"));
            Map<String, Object> billingToday = today(figures, billing);
            assertEquals(List.of(1, 0, 0, 1), List.of(billingToday.get("offered"), billingToday.get("answered"),
                    billingToday.get("abandoned"), billingToday.get("overflowed")), "Billing " + billingToday);
            assertEquals(0, (Integer) figures.get("find { it.department == '" + sales + "' }.waiting"));
        });

        JsonPath stats = center.supervisor().queryParam("groupBy", "department").queryParam("department", sales)
                .get("/surveys/stats").then().statusCode(200).extract().jsonPath();
        Map<String, Object> salesToday = today(departments(), sales);
        assertEquals(stats.getInt("groups[0].count"), salesToday.get("surveyResponses"));
        assertEquals(stats.getInt("groups[0].offered"), salesToday.get("surveysOffered"));
        assertEquals(stats.getDouble("groups[0].average"), ((Number) salesToday.get("csatAverage")).doubleValue(), 1e-9);
        assertEquals(stats.getDouble("groups[0].top2BoxPercent"),
                ((Number) salesToday.get("csatTopTwoBox")).doubleValue() * 100, 1e-9);
        assertEquals(stats.getDouble("groups[0].responseRate"),
                ((Number) salesToday.get("surveyResponseRate")).doubleValue(), 1e-9);
        System.out.printf("WALLBOARD: Sales %s; survey-service %s%n", salesToday, stats.getMap("groups[0]"));
    }

    @Test
    void theLivePageSeesACallWaitAndBeAnsweredWithoutReloading() throws Exception {
        try (HeadlessChromium page = HeadlessChromium.launch()) {
            page.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1400, "height", 1000,
                    "deviceScaleFactor", 1, "mobile", false));
            page.navigate(wallboard.url() + "/");
            page.waitFor("document.querySelector('#sign-in') && !document.querySelector('#sign-in').hidden", WAIT);
            // through the wallboard's pass-through to the directory's sign-in
            page.eval("document.querySelector('#sign-in [name=name]').value = 'Sue';"
                    + "document.querySelector('#sign-in [name=password]').value = '" + SUPERVISOR_PASSWORD + "';"
                    + "document.querySelector('#sign-in button').click(); true");
            String waiting = "document.getElementById('waiting-" + live + "')";
            String answered = "document.getElementById('answered-" + live + "')";
            page.waitFor("document.getElementById('status').textContent === 'live'", WAIT);

            DialResponse call = center.simulator.dial("447700900805", CallerStep.pressWhenHeard("press 4", "4"));
            page.waitFor(waiting + " && " + waiting + ".textContent === '1' && " + answered + ".textContent === '0'",
                    WAIT);
            page.waitFor(waiting + ".textContent === '0' && " + answered + ".textContent === '1'", WAIT);
            page.waitFor("document.querySelector('[data-department=\"" + live + "\"] h2').textContent === 'Live'", WAIT);
            page.screenshot(SCREENSHOT);
            assertEquals("live", page.eval("document.getElementById('status').textContent"), "never reloaded");
            center.simulator.awaitStatus(call.callId(), WAIT, "completed");
        }
    }
}
