package io.contactcenter.routing.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /calls/{callId}/monitors}: the mode, and the supervisor's own endpoint, one of
 * {@code {"type":"phone","number":"+…"}}, {@code {"type":"sip","uri":"sip:…"}}, {@code {"type":"app","user":…}}.
 */
public record MonitorRequest(@NotNull @Pattern(regexp = MonitorRequest.MODES, message = "must be listen, whisper or barge")
        String mode, @NotNull @Valid Endpoint endpoint) {

    static final String MODES = "listen|whisper|barge";
    public static final String LISTEN = "listen";
    public static final String WHISPER = "whisper";

    /** Where the supervisor is called; only the field of its {@code type} is read. */
    public record Endpoint(
            @NotNull @Pattern(regexp = "phone|sip|app", message = "must be phone, sip or app") String type,
            @Pattern(regexp = "\\+[1-9][0-9]{5,14}", message = "must be an E.164 number (+ and digits)") String number,
            @Size(max = 255) @Pattern(regexp = "sips?:.+", message = "must be a sip: URI") String uri,
            @Size(max = 100) String user) {

        /** The number, URI or user the type names; null when missing. */
        @JsonIgnore
        public String value() {
            return switch (type) {
                case "phone" -> number;
                case "sip" -> uri;
                default -> user;
            };
        }
    }

    /** {@code PUT /calls/{callId}/monitors/{monitorId}}: the new mode. */
    public record ModeChange(@NotNull @Pattern(regexp = MODES, message = "must be listen, whisper or barge")
            String mode) {
    }
}
