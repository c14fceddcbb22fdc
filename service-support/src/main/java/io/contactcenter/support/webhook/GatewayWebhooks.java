package io.contactcenter.support.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one builder of the gateway's webhook URLs that services hand to Vonage: the paths, our parameter names and their
 * signature ({@link WebhookUrls}) in one place, under {@code GATEWAY_PUBLIC_URL} with a trailing {@code /} trimmed.
 */
public final class GatewayWebhooks {

    public static final String ANSWER = "/webhooks/answer";
    public static final String INPUT = "/webhooks/input";
    public static final String EVENT = "/webhooks/event";
    public static final String SURVEY = "/webhooks/survey";
    /**
     * Vonage's record events: a voicemail left outside opening hours (the gateway's own NCCO), or with
     * {@code kind=call} the recording of a connected call (routing's record action, {@link #callRecording}).
     */
    public static final String RECORDING = "/webhooks/recording";
    /** The callback dialogue's inputs: the offer routing makes, then the number to call. */
    public static final String CALLBACK = "/webhooks/callback";

    /** The caller's call id, on the event URLs of the legs and recordings that belong to a call. */
    public static final String CALL = "call";
    /** The agent (directory id) of an agent leg. */
    public static final String AGENT = "agent";
    /** A leg's role when it is neither the caller's nor an agent's: {@link #MONITOR}. */
    public static final String ROLE = "role";
    /** A supervisor's monitor leg (listen, whisper, barge). */
    public static final String MONITOR = "monitor";
    /** What a recording is: {@link #CALL_RECORDING}; absent for a voicemail. */
    public static final String KIND = "kind";
    /** The recording of a connected call (caller and agents). */
    public static final String CALL_RECORDING = "call";
    /** The Vonage region the caller's call lives in. */
    public static final String REGION = "region";
    /** Which prompt of the call an input answers. */
    public static final String ATTEMPT = "attempt";
    /** The department a waiting caller waits for (the callback dialogue puts them back into its hold music). */
    public static final String DEPARTMENT = "department";
    /** Which step of the callback dialogue an input answers: {@link #OFFER} or {@link #NUMBER}. */
    public static final String STEP = "step";
    /** The callback offer ("press 1 to be called back"). */
    public static final String OFFER = "offer";
    /** The number to call back (confirm the caller's own, or key another). */
    public static final String NUMBER = "number";

    private final WebhookUrls urls;

    /**
     * @param gatewayPublicUrl {@code GATEWAY_PUBLIC_URL}
     * @param signingKey {@code WEBHOOK_SIGNING_KEY}
     */
    public GatewayWebhooks(String gatewayPublicUrl, String signingKey) {
        this.urls = new WebhookUrls(gatewayPublicUrl, signingKey);
    }

    /**
     * The event URL of an agent's leg into the caller's call ({@code agentId} null: of another part of the call, such
     * as a voicemail recording): the gateway is stateless, so it names the call, the agent and the call's region.
     */
    public String callEvents(String callId, String agentId, String regionUrl) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(CALL, callId);
        params.put(AGENT, agentId);
        params.put(REGION, regionUrl);
        return urls.url(EVENT, params);
    }

    /**
     * The event URL of a supervisor's monitor leg on the caller's call: {@code role=monitor}, so that the gateway
     * publishes its events as {@code MONITOR} and nobody mistakes its end for the caller or an agent leaving.
     */
    public String monitorEvents(String callId, String regionUrl) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(CALL, callId);
        params.put(ROLE, MONITOR);
        params.put(REGION, regionUrl);
        return urls.url(EVENT, params);
    }

    /** The event URL of the record action that records a connected call ({@code kind=call}). */
    public String callRecording(String callId, String regionUrl) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(CALL, callId);
        params.put(KIND, CALL_RECORDING);
        params.put(REGION, regionUrl);
        return urls.url(RECORDING, params);
    }

    /** The URL of the survey prompt's input ({@code attempt} null: the first prompt, without parameters). */
    public String surveyInput(Integer attempt) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(ATTEMPT, attempt == null ? null : attempt.toString());
        return urls.url(SURVEY, params);
    }

    /** The URL of an input of the callback dialogue of a waiting call. */
    public String callbackInput(String callId, String departmentId, String step, int attempt, String regionUrl) {
        return urls.url(CALLBACK, callbackParams(callId, departmentId, step, attempt, regionUrl));
    }

    /** The parameters of {@link #callbackInput}, for the gateway's own URLs of the dialogue's later steps. */
    public static Map<String, String> callbackParams(String callId, String departmentId, String step, int attempt,
            String regionUrl) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(CALL, callId);
        params.put(DEPARTMENT, departmentId);
        params.put(STEP, step);
        params.put(ATTEMPT, Integer.toString(attempt));
        params.put(REGION, regionUrl);
        return params;
    }

    /** The signer and checker beneath, for the gateway's own URLs. */
    public WebhookUrls urls() {
        return urls;
    }
}
