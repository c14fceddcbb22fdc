package io.contactcenter.simulator.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.contactcenter.simulator.config.SimulatorConfig;
import io.contactcenter.simulator.transcript.Transcript;

/**
 * Recordings of a {@code record} action or of a conversation joined with {@code record: true}: started now, the
 * recording event (Vonage's shape) POSTed to the eventUrl once, when the recording ends.
 */
@ApplicationScoped
public class Recordings {

    private final SimulatorConfig config;
    private final LegEvents events;

    public Recordings(SimulatorConfig config, LegEvents events) {
        this.config = config;
        this.events = events;
    }

    /**
     * Starts recording what the leg's conversation hears.
     *
     * @return ends the recording and sends its event (only the first run counts)
     */
    Runnable start(Leg leg, String what, String eventUrl, String eventMethod) {
        String recordingUuid = UUID.randomUUID().toString();
        Instant started = Instant.now();
        String target = eventUrl == null ? leg.eventUrl : eventUrl;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("recording_uuid", recordingUuid);
        data.put("of", what);
        events.record(leg, Transcript.RECORD, "recording started (" + what + ")", data);
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                Map<String, Object> payload = WebhookPayloads.recording(leg, recordingUuid, started, baseUrl(leg));
                events.record(leg, Transcript.RECORD, "recording finished", payload);
                events.event(leg, target, eventMethod == null ? "POST" : eventMethod, payload);
            }
        };
    }

    private String baseUrl(Leg leg) {
        return leg.region != null ? leg.region.url() : config.regionUrl().orElse("https://api.nexmo.com");
    }
}
