package io.contactcenter.gateway.security;

import io.contactcenter.support.webhook.WebhookUrls;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The query parameters we (or routing and survey) put into a gateway URL handed to Vonage ({@code call},
 * {@code agent}, {@code region}, {@code attempt}): Vonage's signature does not cover a POST's query string, so they
 * are trusted only with our own HMAC ({@link WebhookUrls}). Checked after Vonage's signature, before anything is
 * acted on.
 */
@ApplicationScoped
public class OwnParameters {

    private final WebhookUrls urls;
    private final MeterRegistry meters;

    public OwnParameters(WebhookUrls urls, MeterRegistry meters) {
        this.urls = urls;
        this.meters = meters;
    }

    /**
     * The parameters of a webhook to {@code path}, when they are exactly the ones we signed; else 401.
     *
     * @param alwaysSigned whether every URL we hand out for {@code path} carries parameters, so that one without
     *        any (stripped of its signature) is refused too
     */
    public Map<String, String> verified(String path, String rawQuery, boolean alwaysSigned) {
        Map<String, String> params = WebhookUrls.parseQuery(rawQuery);
        if (!urls.verify(path, params) || (alwaysSigned && params.isEmpty())) {
            meters.counter("gateway.signature.failures", "reason", "tampered_url").increment();
            throw new InvalidSignatureException("the URL's parameters are not the ones this contact center signed");
        }
        return params;
    }
}
