package io.contactcenter.simulator.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A person calls the contact center: from a phone number ({@code from}) or as an in-app user ({@code fromUser},
 * then {@code to} is what the app asked to call). {@code to} defaults to the contact-center number. {@code region}
 * names the simulated region the call lands in (null: the simulator's placement rule).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DialRequest(String from, String fromUser, String to, List<CallerStep> steps, String region) {

    public DialRequest(String from, String fromUser, String to, List<CallerStep> steps) {
        this(from, fromUser, to, steps, null);
    }

    public static DialRequest phone(String from, CallerStep... steps) {
        return new DialRequest(from, null, null, List.of(steps));
    }

    /** A phone call that lands in the named region. */
    public static DialRequest phoneInRegion(String region, String from, CallerStep... steps) {
        return new DialRequest(from, null, null, List.of(steps), region);
    }

    /** The same call, landing in the named region. */
    public DialRequest inRegion(String regionName) {
        return new DialRequest(from, fromUser, to, steps, regionName);
    }
}
