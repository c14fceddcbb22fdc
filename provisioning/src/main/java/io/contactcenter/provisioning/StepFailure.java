package io.contactcenter.provisioning;

/** A step could not finish: what it was doing, why, and what the operator should do before re-running. */
final class StepFailure extends RuntimeException {

    private final String advice;

    StepFailure(String message, String advice) {
        super(message);
        this.advice = advice;
    }

    StepFailure(String message, String advice, Throwable cause) {
        super(message, cause);
        this.advice = advice;
    }

    String advice() {
        return advice;
    }
}
