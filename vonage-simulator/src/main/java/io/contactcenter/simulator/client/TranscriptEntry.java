package io.contactcenter.simulator.client;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a call's timeline.
 *
 * @param seq        global order of recording
 * @param at         wall-clock time (ISO-8601)
 * @param simSeconds simulated seconds since the simulator started (time factor applied)
 * @param type       what happened (e.g. webhook, leg-status, heard, dtmf, ncco, conversation-joined)
 * @param callId     the root leg of the call this line belongs to
 * @param legId      the leg concerned, if any
 * @param conversation the conversation name or uuid concerned, if any
 * @param text       a one-line human summary
 * @param data       the details (webhook request and response, NCCO, status, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TranscriptEntry(long seq, String at, double simSeconds, String type, String callId, String legId,
                              String conversation, String text, Map<String, Object> data) {
}
