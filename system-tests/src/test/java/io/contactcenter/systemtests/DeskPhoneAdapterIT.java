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
 * The agent desk's VonagePhone adapter against a stand-in for the Vonage Client SDK's VonageClient, in headless
 * Chromium: the page {@code agent-directory/desk/test/vonage-phone-test.js} (built by agent-directory's npm build into
 * {@code agent-directory/target/desk-test/}) records every SDK call; this test checks them. No services needed.
 */
class DeskPhoneAdapterIT {

    private static final Path PAGE = Path.of("..", "agent-directory", "target", "desk-test", "vonage-phone-test.html");

    @Test
    void theAdapterMakesTheSdkCallsTheDeskAsksFor() throws Exception {
        assertTrue(Files.exists(PAGE), PAGE + " is built by agent-directory's npm build");
        JsonNode result;
        try (HeadlessChromium browser = HeadlessChromium.launch()) {
            browser.navigate(PAGE.toAbsolutePath().normalize().toUri().toString());
            browser.waitFor("window.adapterTest && window.adapterTest.done", Duration.ofSeconds(20));
            result = new ObjectMapper().readTree(browser.eval("JSON.stringify(window.adapterTest)"));
        }
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
}
