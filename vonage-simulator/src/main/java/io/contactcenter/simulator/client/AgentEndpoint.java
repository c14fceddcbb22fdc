package io.contactcenter.simulator.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the person behind an endpoint behaves when a leg rings it.
 *
 * @param type               phone, app or sip
 * @param value              the number (E.164 digits), app user name, or sip uri
 * @param behaviour          answer, never, busy, reject, fail, manual (rings until answered on the softphone page
 *                           or through the API)
 * @param answerAfterSeconds ringing time before answering (behaviour answer), simulated seconds
 * @param hangupAfterSeconds talk this long after answering, then hang up (null: stay until the other side ends)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentEndpoint(String type, String value, String behaviour, Double answerAfterSeconds,
                            Double hangupAfterSeconds) {

    public static AgentEndpoint answering(String type, String value, double afterSeconds, Double hangupAfterSeconds) {
        return new AgentEndpoint(type, value, "answer", afterSeconds, hangupAfterSeconds);
    }

    public static AgentEndpoint behaving(String type, String value, String behaviour) {
        return new AgentEndpoint(type, value, behaviour, null, null);
    }

    public String key() {
        return type + ":" + value;
    }
}
