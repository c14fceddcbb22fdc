package io.contactcenter.support.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class GatewayWebhooksTest {

    private static final String KEY = "test-webhook-signing-key-0123456789abcdef";

    @Test
    void anAgentLegsEventUrlNamesCallAgentAndRegionSignedUnderTheTrimmedPublicUrl() {
        GatewayWebhooks webhooks = new GatewayWebhooks("https://gateway.example/ ", KEY);
        String url = webhooks.callEvents("CALL-1", "A-1", "https://api-eu-1.vonage.com");
        assertTrue(url.startsWith("https://gateway.example/webhooks/event?call=CALL-1&agent=A-1&region=https%3A%2F%2F"),
                url);
        assertTrue(webhooks.urls().verify(GatewayWebhooks.EVENT, WebhookUrls.parseQuery(URI.create(url).getRawQuery())));
    }

    @Test
    void absentParametersAreLeftOut() {
        GatewayWebhooks webhooks = new GatewayWebhooks("https://gateway.example/", KEY);
        assertTrue(webhooks.callEvents("CALL-1", null, null).startsWith("https://gateway.example/webhooks/event?call=CALL-1&sig="));
        assertEquals("https://gateway.example/webhooks/survey", webhooks.surveyInput(null));
        assertTrue(webhooks.surveyInput(2).startsWith("https://gateway.example/webhooks/survey?attempt=2&sig="));
    }
}
