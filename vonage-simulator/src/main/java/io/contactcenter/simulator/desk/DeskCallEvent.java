package io.contactcenter.simulator.desk;

/**
 * What a browser desk hears about an in-app user's calls, sent as the SSE event named {@code type}.
 *
 * @param type     {@code ringing} (a leg rings the user: answer or reject it), {@code answered}, {@code ended}
 * @param callId   the leg's uuid, the id the desk uses to answer, reject, mute and hang up
 * @param from     who is calling (ringing only): the number or user on the other end
 * @param status   the leg's Vonage status (answered, completed, rejected, timeout, cancelled, …)
 */
public record DeskCallEvent(String type, String callId, String from, String status) {
}
