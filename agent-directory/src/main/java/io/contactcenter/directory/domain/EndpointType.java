package io.contactcenter.directory.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How Vonage reaches an agent: a phone number, an in-app (Client SDK) user, or a SIP URI. */
public enum EndpointType {
    PHONE, APP, SIP;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static EndpointType fromJson(String value) {
        return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
