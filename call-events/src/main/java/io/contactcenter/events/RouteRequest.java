package io.contactcenter.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * A caller chose a department in the IVR and waits in conversation {@code conversationName}
 * (topic {@link Topics#ROUTE_REQUESTS}).
 *
 * @param department the department id in the agent directory
 * @param callerNumber the caller's number (E.164 without '+', as Vonage sends it)
 * @param conversationName the named Vonage conversation the caller is parked in, {@code cc-<callId>}
 * @param regionUrl the Vonage region that serves the call, when known
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteRequest(
        String eventId,
        int version,
        String callId,
        String department,
        String callerNumber,
        String conversationName,
        String regionUrl,
        Instant requestedAt) {

    public static final int VERSION = 1;

    /** The name of the conversation a call's caller and agent meet in. */
    public static String conversationNameFor(String callId) {
        return "cc-" + callId;
    }
}
