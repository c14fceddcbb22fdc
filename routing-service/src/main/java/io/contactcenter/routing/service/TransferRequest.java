package io.contactcenter.routing.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /calls/{callId}/transfers}: {@code kind} cold or warm, and the target, one of
 * {@code {"type":"department","departmentId":…}}, {@code {"type":"agent","agentId":…}},
 * {@code {"type":"number","number":"+…"}}.
 */
public record TransferRequest(
        @NotNull @Pattern(regexp = "cold|warm", message = "must be cold or warm") String kind,
        @NotNull @Valid Target target) {

    public static final String DEPARTMENT = "department";
    public static final String AGENT = "agent";
    public static final String NUMBER = "number";

    /** Whom to transfer to; only the field of its {@code type} is read. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(
            @NotNull @Pattern(regexp = "department|agent|number", message = "must be department, agent or number")
            String type,
            @Size(max = 100) String departmentId,
            @Size(max = 100) String agentId,
            @Pattern(regexp = "\\+[1-9][0-9]{5,14}", message = "must be an E.164 number (+ and digits)") String number) {

        /** The id or number the type names; null when missing. */
        @JsonIgnore
        public String value() {
            return switch (type) {
                case DEPARTMENT -> departmentId;
                case AGENT -> agentId;
                default -> number;
            };
        }

        /** {@code <type>:<value>}, as the transfer records' detail names it. */
        @JsonIgnore
        public String describe() {
            return type + ":" + value();
        }

        public static Target of(String type, String value) {
            return new Target(type, DEPARTMENT.equals(type) ? value : null, AGENT.equals(type) ? value : null,
                    NUMBER.equals(type) ? value : null);
        }
    }
}
