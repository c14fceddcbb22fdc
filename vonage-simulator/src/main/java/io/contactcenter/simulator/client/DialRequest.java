package io.contactcenter.simulator.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A person calls the contact center: from a phone number ({@code from}) or as an in-app user ({@code fromUser},
 * then {@code to} is what the app asked to call). {@code to} defaults to the contact-center number.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DialRequest(String from, String fromUser, String to, List<CallerStep> steps) {

    public static DialRequest phone(String from, CallerStep... steps) {
        return new DialRequest(from, null, null, List.of(steps));
    }
}
