package io.contactcenter.simulator.client;

/** Answer every Voice REST request with {@code status} (500 or 429) for {@code seconds} real seconds. */
public record Fault(int status, double seconds) {
}
