package io.contactcenter.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.LegView;
import io.contactcenter.testsupport.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's live-calls page (the wallboard's {@code /wallboard/supervisor.html}) in headless Chromium against
 * the whole contact center: Sue signs in through the page's form, sees Eve's call (department, agent, duration, on
 * hold while held), and listens, whispers, barges and stops from the page; who hears whom is asserted from the
 * simulator's audio model, the monitoring audit log from routing. A second test checks the recordings table against
 * a stand-in for routing: no call of the live test is recorded.
 */
class SupervisorPageIT {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String PASSWORD = "supervisor-page-password";
    private static final String AGENT_PHONE = "447700900741";
    /** Sue answers her monitor calls on this phone. */
    private static final String SUPERVISOR_PHONE = "447700900749";
    private static final Path SCREENSHOT = Screenshots.of("supervisor.png");

    private static ContactCenter center;
    private static String eve;

    @BeforeAll
    static void start() throws Exception {
        center = new ContactCenter();
        center.simulator.timeFactor(4);
        center.startWallboard();
        String care = center.department(4, "Care", 30, 120, 20);
        eve = center.agent("Eve", "phone", AGENT_PHONE, care);
        center.simulator.register(AgentEndpoint.answering("phone", AGENT_PHONE, 1, null));
        center.supervisorWithPassword("Sue", PASSWORD, SUPERVISOR_PHONE, care);
        center.awaitMenu(1);
    }

    @AfterAll
    static void stop() {
        if (center != null) {
            center.close();
        }
    }

    @Test
    void theSupervisorSeesTheCallAndListensWhispersBargesFromThePage() throws Exception {
        String call = center.simulator.dial("447700900740", CallerStep.pressWhenHeard("press 4", "4")).callId();
        try (HeadlessChromium page = HeadlessChromium.launch()) {
            page.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1400, "height", 400,
                    "deviceScaleFactor", 1, "mobile", false));
            page.navigate(center.wallboardUrl + "/wallboard/supervisor.html");
            page.waitFor("document.querySelector('#sign-in') && !document.querySelector('#sign-in').hidden", WAIT);
            page.eval("document.querySelector('#sign-in [name=name]').value = 'Sue';"
                    + "document.querySelector('#sign-in [name=password]').value = '" + PASSWORD + "';"
                    + "document.querySelector('#sign-in button').click(); true");
            page.waitFor("document.getElementById('status').textContent === 'live'", WAIT);
            // the page's own fetch, watched: which changes it sent where, with which Idempotency-Key
            page.eval("""
                    window.changes = [];
                    const send = window.fetch;
                    window.fetch = (url, options = {}) => {
                      if (options.method && options.method !== 'GET') window.changes.push({ method: options.method,
                        url: String(url), key: options.headers['Idempotency-Key'] || null });
                      return send(url, options);
                    }; true""");
            String sue = page.eval("sessionStorage.getItem('wallboard-token')");

            await().atMost(WAIT).until(() -> center.assignments.forKey(call).stream()
                    .anyMatch(a -> a.outcome() == AssignmentOutcome.ANSWERED && eve.equals(a.agentId())));
            String row = "document.querySelector('#calls tr[data-call=\"" + call + "\"]')";
            page.waitFor(row + " && " + row + ".textContent.includes('Care')", WAIT);
            String cells = page.eval(row + ".textContent");
            assertTrue(cells.contains("Eve") && !cells.contains(eve) && cells.contains("447700900740"),
                    "the agent by name, not id: " + cells);
            String duration = page.eval(row + ".querySelector('.duration').textContent");
            assertTrue(duration.matches("\\d+:\\d\\d"), duration);

            center.routing(sue).header("Idempotency-Key", "hold-" + call).post("/calls/" + call + "/hold").then()
                    .statusCode(200);
            page.waitFor(row + ".textContent.includes('on hold')", WAIT);
            center.routing(sue).header("Idempotency-Key", "resume-" + call).post("/calls/" + call + "/resume").then()
                    .statusCode(200);
            LegView agent = center.simulator.calls().stream()
                    .filter(l -> l.to().endsWith(AGENT_PHONE) && "answered".equals(l.status())).findFirst().orElseThrow();

            press(page, row, "listen");
            page.waitFor("document.getElementById('error').textContent.includes('endpoint')", WAIT);
            page.eval("document.getElementById('endpoint-value').value = '+" + SUPERVISOR_PHONE + "'");
            press(page, row, "listen");
            awaitPressed(page, row, "listen");
            String monitor = await().atMost(WAIT).until(() -> center.simulator.calls().stream()
                    .filter(l -> l.to().endsWith(SUPERVISOR_PHONE) && "answered".equals(l.status())
                            && ("cc-" + call).equals(l.conversationName())).findFirst().orElse(null),
                    l -> l != null).uuid();
            awaitSay(call, "my parcel never came", List.of(agent.uuid(), monitor)); // the caller, resumed
            assertEquals(Set.of(call, monitor), Set.copyOf(center.simulator.say(agent.uuid(), "let me look")));
            assertEquals(List.of(), center.simulator.say(monitor, "(listening)"), "listen: nobody hears the supervisor");
            page.waitFor("!" + row + ".textContent.includes('on hold')", WAIT);
            page.screenshot(SCREENSHOT);

            press(page, row, "whisper");
            awaitPressed(page, row, "whisper");
            awaitSay(monitor, "ask for the order number", List.of(agent.uuid()));
            assertEquals(List.of(), center.simulator.heardFrom(call, monitor), "whisper: the caller hears none of it");

            press(page, row, "barge");
            awaitPressed(page, row, "barge");
            awaitSay(monitor, "I am the supervisor, I can help", List.of(call, agent.uuid()));

            page.eval(row + ".querySelector('button[data-action=\"stop\"]').click()");
            page.waitFor(row + ".querySelector('button[data-action=\"stop\"]').hidden", WAIT);
            MonitorSession.assertEndedAndAudited(center, sue, call, monitor, agent.uuid(), WAIT);
            JsonNode changes = new ObjectMapper().readTree(page.eval("JSON.stringify(window.changes)"));
            String monitors = center.routingUrl + "/calls/" + call + "/monitors";
            assertEquals(List.of("POST", "PUT", "PUT", "DELETE"), changes.findValuesAsText("method"),
                    "the page's changes, in order");
            assertTrue(changes.findValuesAsText("url").stream().allMatch(u -> u.startsWith(monitors)),
                    "all to routing's monitors of the call: " + changes);
            assertEquals(4, changes.findValuesAsText("key").stream().distinct().count(), "one Idempotency-Key each");
            center.simulator.hangup(call);
        }
    }

    /**
     * The recordings table, against a stand-in for routing: the live test's call is not recorded (recording is
     * routing's per department and tested in CallControlsIT), so only here does the page show one.
     */
    @Test
    void theRecordingsAreListed() throws Exception {
        try (HeadlessChromium page = HeadlessChromium.launch()) {
            page.navigate(center.wallboardUrl + "/wallboard/supervisor.html");
            page.waitFor("typeof start === 'function' && !document.getElementById('sign-in').hidden", WAIT);
            page.eval("""
                    const json = (body) => new Response(JSON.stringify(body),
                      { status: 200, headers: { 'Content-Type': 'application/json' } });
                    window.fetch = async (url) => {
                      const path = String(url);
                      if (path === 'config.json') return json({ routingUrl: 'http://routing.test' });
                      if (path === '/wallboard/directory/departments') return json([{ id: 'd1', name: 'Care' }]);
                      if (path === 'http://routing.test/calls/live') return json([]);
                      if (path === 'http://routing.test/recordings') return json([{ callId: 'c0', departmentId: 'd1',
                        agentIds: ['agent-1'], url: 'https://api.example/v1/files/r1', durationSeconds: 65,
                        startedAt: '2026-12-06T10:00:00Z' }]);
                      return new Response('', { status: 404 });
                    };
                    sessionStorage.setItem('wallboard-token', 'e30.' + btoa(JSON.stringify({ sub: 'sup-1' })) + '.sig');
                    start(); true""");
            String recordings = "document.querySelector('#recordings tbody').textContent";
            page.waitFor(recordings + ".includes('1:05')", WAIT);
            String listed = page.eval(recordings);
            assertTrue(listed.contains("Care") && listed.contains("c0") && listed.contains("agent-1")
                    && listed.contains("https://api.example/v1/files/r1"), listed);
            assertTrue(Boolean.parseBoolean(page.eval("!document.getElementById('no-calls').hidden")),
                    "no live calls");
        }
    }

    private static void press(HeadlessChromium page, String row, String mode) throws Exception {
        page.eval(row + ".querySelector('button[data-mode=\"" + mode + "\"]').click()");
    }

    private static void awaitPressed(HeadlessChromium page, String row, String mode) throws Exception {
        page.waitFor(row + ".querySelector('button[data-mode=\"" + mode + "\"]').getAttribute('aria-pressed')"
                + " === 'true'", WAIT);
    }

    /** Says the text until exactly these legs hear it (a mode switch takes a moment to reach the simulator). */
    private static void awaitSay(String leg, String text, List<String> heardBy) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> Set.copyOf(center.simulator.say(leg, text)).equals(Set.copyOf(heardBy)));
    }
}
