package io.contactcenter.support.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WebhookUrlsTest {

    private static final String KEY = "webhook-signing-key-for-tests-0123456789";
    private final WebhookUrls urls = new WebhookUrls("https://gateway.example/", KEY);

    @Test
    void aUrlWeBuiltVerifiesWithItsParameters() {
        String url = urls.url("/webhooks/event", params("call", "CALL-1", "agent", "a 1", "region", "https://api-eu-3.vonage.com"));

        assertTrue(url.startsWith("https://gateway.example/webhooks/event?call=CALL-1&agent=a+1&region=https%3A%2F%2F"), url);
        assertTrue(urls.verify("/webhooks/event", query(url)));
    }

    @Test
    void changingAddingOrRemovingAnyParameterBreaksTheSignature() {
        Map<String, String> received = query(urls.url("/webhooks/event", params("call", "CALL-1", "agent", "A1")));

        assertFalse(urls.verify("/webhooks/event", with(received, "call", "CALL-2")));
        assertFalse(urls.verify("/webhooks/event", with(received, "region", "https://attacker.example")));
        Map<String, String> removed = new TreeMap<>(received);
        removed.remove("agent");
        assertFalse(urls.verify("/webhooks/event", removed));
        assertFalse(urls.verify("/webhooks/input", received), "signed for another path");
        assertFalse(urls.verify("/webhooks/event", with(received, WebhookUrls.SIGNATURE_PARAM, "AAAA")));
        assertFalse(new WebhookUrls("https://gateway.example", KEY + "x").verify("/webhooks/event", received),
                "another key");
    }

    @Test
    void parametersWithoutSignatureAreRefusedAndNoParametersNeedNone() {
        assertFalse(urls.verify("/webhooks/event", params("call", "CALL-1")));
        assertTrue(urls.verify("/webhooks/event", Map.of()));
        assertEquals("https://gateway.example/webhooks/survey", urls.url("/webhooks/survey", params("attempt", null)));
        assertFalse(urls.verify("/webhooks/event", params(WebhookUrls.SIGNATURE_PARAM, "x")));
    }

    @Test
    void aRepeatedParameterNeverVerifies() {
        String url = urls.url("/webhooks/event", params("call", "CALL-1"));
        String rawQuery = URI.create(url).getRawQuery();
        assertTrue(urls.verify("/webhooks/event", WebhookUrls.parseQuery(rawQuery)));
        assertFalse(urls.verify("/webhooks/event", WebhookUrls.parseQuery(rawQuery + "&call=CALL-1")));
        assertFalse(urls.verify("/webhooks/event", WebhookUrls.parseQuery(rawQuery + "&call=%zz")));
    }

    @Test
    void aShortKeyIsRefusedNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WebhookUrls("https://gateway.example", "short"));
        assertTrue(e.getMessage().contains("WEBHOOK_SIGNING_KEY"), e.getMessage());
    }

    private static Map<String, String> query(String url) {
        return WebhookUrls.parseQuery(URI.create(url).getRawQuery());
    }

    private static Map<String, String> with(Map<String, String> params, String name, String value) {
        Map<String, String> copy = new TreeMap<>(params);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }
}
