package io.contactcenter.simulator.client;

/** A simulated Vonage region: its name and the base URL (its host) its calls are controlled through. */
public record Region(String name, String url) {
}
