package io.contactcenter.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How a post-call survey ended. */
@RegisterForReflection
public enum SurveyStatus {
    /** The caller pressed a digit from 1 to 5. */
    ANSWERED,
    /** The caller pressed something else, also after the re-prompt. */
    INVALID,
    /** The caller pressed nothing. */
    NO_INPUT,
    /** The caller hung up before answering (or before the survey could be offered). */
    CALLER_HUNG_UP
}
