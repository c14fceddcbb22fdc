package io.contactcenter.survey.domain;

/** Where a call's survey stands. */
public enum SurveyState {
    /** Nothing decided yet: the agent has not ended an answered leg, and the caller is still on the line. */
    NONE,
    /** The agent hung up after answering; the caller's leg is to be transferred to the survey. */
    PENDING_TRANSFER,
    /** The caller's leg was transferred to the survey NCCO; waiting for the caller's digit. */
    OFFERED,
    /** The outcome is recorded (a {@link SurveyResponse} exists). */
    DONE,
    /** No survey for this call (switched off for the department). */
    SKIPPED,
    /** The transfer could not be made (non-retryable error, or retries exhausted); no survey. */
    FAILED;

    public boolean isSettled() {
        return this == DONE || this == SKIPPED || this == FAILED;
    }
}
