package io.contactcenter.simulator.client;

/** Something a leg's person heard another leg say ({@code POST /simulator/calls/{uuid}/say}): who, what, when. */
public record Speech(String from, String text, String at) {
}
