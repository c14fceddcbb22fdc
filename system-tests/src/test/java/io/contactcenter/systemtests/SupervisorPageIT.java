package io.contactcenter.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.testsupport.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's live-calls page (wallboard's {@code /wallboard/supervisor.html}) in headless Chromium, without
 * services: its {@code fetch} answered by a stand-in for routing and the wallboard that keeps the call's monitors.
 * Listen without an endpoint is refused on the page; Listen rings the supervisor's endpoint, Whisper and Barge switch
 * the same monitor, Stop ends it; the recordings are listed.
 */
class SupervisorPageIT {

    private static final Path PAGE = Path.of("..", "wallboard", "src", "main", "resources", "META-INF", "resources",
            "wallboard", "supervisor.html");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Routing and the wallboard as the page sees them: requests recorded in window.requests. */
    private static final String STAND_IN = """
            window.requests = [];
            const call = { callId: 'c1', departmentId: 'd1', agentId: 'agent-1', callerNumber: '447700900123',
              answeredAt: new Date(Date.now() - 75000).toISOString(), onHold: true, holdSeconds: 12, recording: false,
              transfer: null, monitors: [] };
            const json = (body, status = 200) => new Response(body === null ? '' : JSON.stringify(body),
              { status, headers: { 'Content-Type': 'application/json' } });
            window.fetch = async (url, options = {}) => {
              const method = options.method || 'GET';
              const path = String(url).replace('http://routing.test', '');
              const body = options.body ? JSON.parse(options.body) : null;
              const headers = options.headers || {};
              if (String(url).startsWith('http://routing.test')) {
                window.requests.push({ method, path, body, key: headers['Idempotency-Key'] || null,
                  auth: headers.Authorization });
              }
              if (path === 'config.json') return json({ routingUrl: 'http://routing.test' });
              if (path === '/wallboard/directory/departments') return json([{ id: 'd1', name: 'Care' }]);
              if (path === '/calls/live') return json([call]);
              if (path === '/recordings') return json([{ callId: 'c0', departmentId: 'd1', agentIds: ['agent-1'],
                url: 'https://api.example/v1/files/r1', durationSeconds: 65, startedAt: '2026-12-06T10:00:00Z' }]);
              if (method === 'POST' && path === '/calls/c1/monitors') {
                call.monitors = [{ monitorId: 'm1', supervisorId: 'sup-1', mode: body.mode }];
                return json(call.monitors[0], 201);
              }
              if (method === 'PUT' && path === '/calls/c1/monitors/m1') {
                call.monitors[0].mode = body.mode;
                return json(call.monitors[0]);
              }
              if (method === 'DELETE' && path === '/calls/c1/monitors/m1') {
                call.monitors = [];
                return json(null, 204);
              }
              return json({ title: 'Not Found' }, 404);
            };
            // a supervisor token whose subject is sup-1 (the page reads it; routing would verify it)
            sessionStorage.setItem('wallboard-token', 'e30.' + btoa(JSON.stringify({ sub: 'sup-1' })) + '.sig');
            start();
            """;

    @Test
    void listenWhisperBargeAndStopGoToRoutingForTheSupervisorsEndpoint() throws Exception {
        try (HeadlessChromium page = HeadlessChromium.launch()) {
            page.navigate(PAGE.toAbsolutePath().normalize().toUri().toString());
            page.waitFor("typeof start === 'function' && !document.getElementById('sign-in').hidden", WAIT);
            page.eval(STAND_IN);
            page.waitFor(row() + " && " + row() + ".textContent.includes('Care')", WAIT);
            String cells = page.eval(row() + ".textContent");
            assertTrue(cells.contains("agent-1") && cells.contains("on hold (12 s)") && cells.contains("1:1"), cells);
            page.waitFor("document.querySelector('#recordings tbody').textContent.includes('1:05')", WAIT);

            press(page, "listen");
            page.waitFor("document.getElementById('error').textContent.includes('endpoint')", WAIT);
            page.eval("document.getElementById('endpoint-value').value = '+447700900729'");
            press(page, "listen");
            awaitPressed(page, "listen");
            press(page, "whisper");
            awaitPressed(page, "whisper");
            press(page, "barge");
            awaitPressed(page, "barge");
            page.eval(row() + ".querySelector('button[data-action=\"stop\"]').click()");
            page.waitFor(row() + ".querySelector('button[data-action=\"stop\"]').hidden", WAIT);

            JsonNode requests = new ObjectMapper().readTree(page.eval(
                    "JSON.stringify(window.requests.filter((r) => r.method !== 'GET'))"));
            assertEquals(List.of("POST /calls/c1/monitors", "PUT /calls/c1/monitors/m1", "PUT /calls/c1/monitors/m1",
                    "DELETE /calls/c1/monitors/m1"), describe(requests), "the changes, in order");
            assertEquals("listen", requests.get(0).get("body").get("mode").asText());
            assertEquals("phone", requests.get(0).get("body").get("endpoint").get("type").asText());
            assertEquals("+447700900729", requests.get(0).get("body").get("endpoint").get("number").asText());
            assertEquals("whisper", requests.get(1).get("body").get("mode").asText());
            assertEquals("barge", requests.get(2).get("body").get("mode").asText());
            assertEquals(4, requests.findValuesAsText("key").stream().distinct().count(), "one Idempotency-Key each");
            assertTrue(requests.findValuesAsText("auth").stream().allMatch(a -> a.startsWith("Bearer e30.")),
                    "the supervisor's token on every request");
        }
    }

    private static List<String> describe(JsonNode requests) {
        return java.util.stream.StreamSupport.stream(requests.spliterator(), false)
                .map(r -> r.get("method").asText() + " " + r.get("path").asText()).toList();
    }

    private static String row() {
        return "document.querySelector('#calls tr[data-call=\"c1\"]')";
    }

    private static void press(HeadlessChromium page, String mode) throws Exception {
        page.eval(row() + ".querySelector('button[data-mode=\"" + mode + "\"]').click()");
    }

    private static void awaitPressed(HeadlessChromium page, String mode) throws Exception {
        page.waitFor(row() + ".querySelector('button[data-mode=\"" + mode + "\"]').getAttribute('aria-pressed')"
                + " === 'true'", WAIT);
    }
}
