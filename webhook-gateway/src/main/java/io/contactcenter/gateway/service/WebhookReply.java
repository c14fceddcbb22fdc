package io.contactcenter.gateway.service;

/**
 * What a webhook of Vonage's call flow is answered with: the NCCO, and what was decided (a metrics label such as
 * {@code routed}, {@code closed}, {@code callback_requested}).
 */
public record WebhookReply(String ncco, String outcome) {
}
