package io.contactcenter.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What kind of Vonage webhook a {@link CallEvent} was normalized from. */
@RegisterForReflection
public enum EventKind {
    /** The answer webhook or an event webhook (with or without a {@code status}). */
    STATUS,
    /** The result of the IVR menu's {@code input} action. */
    MENU_INPUT,
    /** The result of the survey prompt's {@code input} action. */
    SURVEY_INPUT,
    /**
     * The result of an input of the callback dialogue of a waiting caller; {@code detail.outcome}
     * {@code CALLBACK_REQUESTED} (then {@code to} is the number to call back), {@code DECLINED}, {@code RETRY} or
     * {@code INVALID}.
     */
    CALLBACK_INPUT,
    /**
     * Vonage's record event of a call recording (a department recording its calls; routing's record action): no
     * {@code status}; {@code detail} {@code recordingUrl}, {@code recordingUuid}, {@code durationSeconds},
     * {@code startTime}, {@code endTime} (docs/events.md).
     */
    RECORDING
}
