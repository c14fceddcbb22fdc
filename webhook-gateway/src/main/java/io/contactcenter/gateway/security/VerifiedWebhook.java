package io.contactcenter.gateway.security;

import io.contactcenter.gateway.service.Payload;
import java.util.Map;

/**
 * A verified webhook to one of our own URLs: Vonage's payload and our parameters, both checked. Never serialized:
 * it carries the request from the reader to the services.
 */
public record VerifiedWebhook(Payload payload, Map<String, String> params) {

    /** One of our parameters; null when absent or blank. */
    public String param(String name) {
        String value = params.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
