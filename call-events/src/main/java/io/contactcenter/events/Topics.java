package io.contactcenter.events;

/** Kafka topic names (DESIGN §4, §9). Records are keyed by the call id, except {@link #AGENT_ACTIVITY}'s. */
public final class Topics {

    /** Normalized Vonage webhooks ({@link CallEvent}), produced by the gateway. */
    public static final String CALL_EVENTS = "call-events";
    /** A caller chose a department ({@link RouteRequest}), produced by the gateway. */
    public static final String ROUTE_REQUESTS = "route-requests";
    /** Agent assignment progress ({@link Assignment}), produced by routing. */
    public static final String CALL_ASSIGNMENTS = "call-assignments";
    /** Survey outcomes ({@link SurveyResult}), produced by the survey service. */
    public static final String SURVEY_RESULTS = "survey-results";
    /** Agent status/state changes and dispositions ({@link AgentActivity}), keyed by agent id, produced by the directory. */
    public static final String AGENT_ACTIVITY = "agent-activity";
    /** Suffix of the dead-letter topic a consumer sends poison records to, e.g. {@code call-events.dlq}. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
