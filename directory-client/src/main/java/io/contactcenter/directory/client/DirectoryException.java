package io.contactcenter.directory.client;

/**
 * A directory request failed. {@link #permanent()}: the directory refused it (4xx); retrying will not help. A 401 is
 * not permanent: it is about our token (renewed by then), not about the request, which must never be dropped for it.
 */
public class DirectoryException extends RuntimeException {

    private final int status;

    public DirectoryException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }

    /**
     * The directory says the thing is gone or already settled (404, 409): a task for it can never apply. Any other
     * failure (a 401 or 403 about our token or role, a 5xx, no answer) may pass later, so the task is retried.
     */
    public boolean provesGone() {
        return status == 404 || status == 409;
    }

    public boolean permanent() {
        return permanent(status);
    }

    static boolean permanent(int status) {
        return status >= 400 && status < 500 && status != 401 && status != 408 && status != 429;
    }

    /** A refusal ({@link #permanent()}): fault tolerance neither retries it nor counts it as a failure. */
    public static class Rejected extends DirectoryException {
        public Rejected(int status, String message, Throwable cause) {
            super(status, message, cause);
        }
    }
}
