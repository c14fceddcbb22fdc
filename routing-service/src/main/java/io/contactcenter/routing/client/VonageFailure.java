package io.contactcenter.routing.client;

/** A Voice API request failed. */
public class VonageFailure extends RuntimeException {

    private final int status;

    public VonageFailure(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, 0 when there was no answer (timeout, connection refused). */
    public int status() {
        return status;
    }

    /** 429, 5xx, 408 and no answer at all are worth retrying; other statuses are permanent. */
    public boolean retryable() {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }
}
