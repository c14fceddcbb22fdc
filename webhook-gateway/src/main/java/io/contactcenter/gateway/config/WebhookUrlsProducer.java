package io.contactcenter.gateway.config;

import io.contactcenter.support.webhook.WebhookUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The one {@link WebhookUrls} of the gateway: builds the URLs we put into NCCOs and checks them when they return. */
@ApplicationScoped
public class WebhookUrlsProducer {

    @Produces
    @ApplicationScoped
    WebhookUrls webhookUrls(GatewayConfig config) {
        return new WebhookUrls(config.publicUrl(), config.webhookSigningKey());
    }
}
