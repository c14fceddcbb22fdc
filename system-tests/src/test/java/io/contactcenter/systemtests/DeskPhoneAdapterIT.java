package io.contactcenter.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.testsupport.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent desk's scripts in headless Chromium, without services: the VonagePhone adapter against a stand-in for the
 * Vonage Client SDK's VonageClient, and the reader of the agent's event stream. The pages
 * ({@code agent-directory/desk/test/}, built by agent-directory's npm build into {@code agent-directory/target/desk-test/})
 * record what happened; this test checks it.
 */
class DeskPhoneAdapterIT {

    private static final Path PAGES = Path.of("..", "agent-directory", "target", "desk-test");

    @Test
    void theAdapterMakesTheSdkCallsTheDeskAsksFor() throws Exception {
        JsonNode result = run("vonage-phone-test.html", "adapterTest");
        assertTrue(result.path("error").isMissingNode(), "the page failed: " + result.path("error"));

        List<String> calls = result.get("calls").findValuesAsText("method");
        assertEquals(List.of("createSession", "refreshSession", "answer", "mute", "unmute", "hangup", "reject",
                "serverCall"), calls, "SDK calls in order");
        JsonNode sdk = result.get("calls");
        assertEquals("jwt-1", sdk.get(0).get("args").get(0).asText(), "session created with the /api/jwt token");
        assertEquals("jwt-2", sdk.get(1).get("args").get(0).asText(), "refreshed with the next /api/jwt token");
        long before = result.get("refreshedMillisBeforeExpiry").asLong();
        assertTrue(before > 0, "refreshed before the first token expired (" + before + " ms before)");
        for (int i = 2; i <= 5; i++) {
            assertEquals("call-A", sdk.get(i).get("args").get(0).asText(), sdk.get(i).toString());
        }
        assertEquals("call-B", sdk.get(6).get("args").get(0).asText(), "reject names the declined invite");
        assertEquals("447700900555", sdk.get(7).get("args").get(0).get("to").asText(), "serverCall context {to}");
        assertEquals("outbound-call-1", result.get("outbound").asText(), "call(to) returns the SDK's call id");
        assertEquals("call-A", result.get("incoming").get(0).get("id").asText());
        assertEquals("447700900123", result.get("incoming").get(0).get("from").asText());
        assertEquals("[\"call-A\",\"call-B\"]", result.get("hangups").toString(),
                "callHangup and callInviteCancel reach onHangup");
    }

    @Test
    void theStreamIsParsedWhereverItIsSplitAndReopenedAfterADrop() throws Exception {
        JsonNode result = run("stream-test.html", "streamTest");
        assertEquals("[{\"type\":\"agent\",\"data\":\"{\\\"state\\\":\\\"IDLE\\\"}\"},"
                + "{\"type\":\"agent\",\"data\":\"{\\\"state\\\":\\n\\\"RESERVED\\\"}\"}]",
                result.get("parsed").toString(), "CRLF, a comment, a two-line data field, fed one character at a time");
        assertEquals("[1,2]", result.get("received").toString(), "the events of both connections");
        assertEquals(3, result.get("opened").asInt(), "reopened after each drop until refused");
        assertTrue(result.get("reopenedAfterMillis").asLong() >= 900, "waits about a second before reopening");
        assertEquals(401, result.get("refusedWith").asInt(), "a 401 ends the stream (the desk signs out)");
        assertEquals("[\"open\",\"reconnecting\",\"open\",\"reconnecting\"]", result.get("states").toString());
    }

    @Test
    void theCallControlsShowRoutingsStateAndSendWhatTheAgentPressed() throws Exception {
        JsonNode result = run("controls-test.html", "controlsTest");
        assertTrue(result.path("error").isMissingNode(), "the page failed: " + result.path("error"));
        List<String> posts = result.get("posts").findValuesAsText("path");
        assertEquals(List.of("/calls/c1/hold", "/calls/c1/resume", "/calls/c1/recording", "/calls/c1/transfers",
                "/calls/c1/transfers", "/calls/c1/transfers/t1/complete"), posts, "routing requests in order");
        List<String> keys = result.get("posts").findValuesAsText("key");
        assertEquals(keys.size(), keys.stream().filter(k -> k.length() >= 32).distinct().count(),
                "every change carries its own Idempotency-Key");
        JsonNode transfer = result.get("posts").get(4).get("body");
        assertEquals("warm", transfer.get("kind").asText());
        assertEquals("agent-2", transfer.get("target").get("agentId").asText());
        assertEquals("agent", transfer.get("target").get("type").asText());
        assertTrue(result.get("onHold").asText().startsWith("On hold (4 s"), result.get("onHold").asText());
        assertTrue(result.get("recorded").asText().contains("recorded"), result.get("recorded").asText());
        assertTrue(result.get("agentFieldShown").asBoolean(), "the agent field replaces the department list");
        assertEquals("agent not available", result.get("refusal").asText(), "routing's reason is shown");
        assertTrue(result.get("consulting").asText().contains("talking with the target"), result.toString());
        assertTrue(result.get("transferDisabledWhileConsulting").asBoolean());
        assertTrue(result.get("completed").asText().endsWith("done"), result.get("completed").asText());
        assertTrue(result.get("hiddenAfterTheCall").asBoolean());
    }

    /** Loads a test page and returns its {@code window.<name>} once it says done. */
    private static JsonNode run(String page, String name) throws Exception {
        Path file = PAGES.resolve(page);
        assertTrue(Files.exists(file), file + " is built by agent-directory's npm build");
        try (HeadlessChromium browser = HeadlessChromium.launch()) {
            browser.navigate(file.toAbsolutePath().normalize().toUri().toString());
            browser.waitFor("window." + name + " && window." + name + ".done", Duration.ofSeconds(20));
            return new ObjectMapper().readTree(browser.eval("JSON.stringify(window." + name + ")"));
        }
    }
}
