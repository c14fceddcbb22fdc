package io.contactcenter.simulator.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing a scripted caller does. Either at a moment ({@code atSecond}, simulated seconds after the call was
 * answered) or when a {@code talk} containing {@code whenHeard} (case-insensitive) is played to the caller
 * ({@code delaySeconds} after the talk ended, or after it started when {@code duringTalk}). It presses
 * {@code digits} or, with {@code hangup}, hangs up.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallerStep(Double atSecond, String whenHeard, Double delaySeconds, Boolean duringTalk, String digits,
                         Boolean hangup) {

    public static CallerStep pressAt(double atSecond, String digits) {
        return new CallerStep(atSecond, null, null, null, digits, null);
    }

    public static CallerStep pressWhenHeard(String text, String digits) {
        return new CallerStep(null, text, null, null, digits, null);
    }

    public static CallerStep pressWhileHearing(String text, String digits, double delaySeconds) {
        return new CallerStep(null, text, delaySeconds, true, digits, null);
    }

    public static CallerStep hangupAt(double atSecond) {
        return new CallerStep(atSecond, null, null, null, null, true);
    }

    public static CallerStep hangupWhenHeard(String text) {
        return new CallerStep(null, text, null, null, null, true);
    }
}
