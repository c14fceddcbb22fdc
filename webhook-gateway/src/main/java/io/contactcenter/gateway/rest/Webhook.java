package io.contactcenter.gateway.rest;

import io.contactcenter.gateway.service.Payload;
import java.util.Map;

/** A verified webhook to one of our own URLs: Vonage's payload and our parameters, both checked. */
public record Webhook(Payload payload, Map<String, String> params) {

    /** One of our parameters; null when absent or blank. */
    public String param(String name) {
        String value = params.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
