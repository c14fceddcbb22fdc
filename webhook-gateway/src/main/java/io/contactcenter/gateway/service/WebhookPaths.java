package io.contactcenter.gateway.service;

/** The gateway's own webhook URLs, as we build them into NCCOs and as their parameters are signed. */
public final class WebhookPaths {

    public static final String INPUT = "/webhooks/input";
    public static final String EVENT = "/webhooks/event";
    public static final String SURVEY = "/webhooks/survey";
    /** Vonage's record event of a voicemail left outside opening hours. */
    public static final String RECORDING = "/webhooks/recording";

    private WebhookPaths() {
    }
}
