package io.contactcenter.simulator.client;

/**
 * Answer the next {@code count} requests of {@code method} {@code path} (e.g. {@code POST /number/buy}; a trailing
 * {@code /*} matches everything below) with {@code status}.
 */
public record FailureSwitch(String method, String path, int status, int count) {
}
