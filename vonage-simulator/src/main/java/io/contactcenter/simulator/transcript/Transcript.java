package io.contactcenter.simulator.transcript;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.contactcenter.simulator.client.TranscriptEntry;
import io.contactcenter.simulator.engine.SimClock;

/** The single record of everything the simulator did; tests, the API and the softphone page read it. */
@ApplicationScoped
public class Transcript {

    public static final String REST_REQUEST = "rest-request";
    public static final String WEBHOOK = "webhook";
    public static final String NCCO = "ncco";
    public static final String LEG_STATUS = "leg-status";
    public static final String HEARD = "heard";
    public static final String SAID = "said";
    public static final String DTMF = "dtmf";
    public static final String INPUT = "input";
    public static final String CONVERSATION_JOINED = "conversation-joined";
    public static final String CONVERSATION_LEFT = "conversation-left";
    public static final String RECORD = "record";
    public static final String NOTIFY = "notify";
    public static final String CONTROL = "control";
    public static final String ERROR = "error";

    private final SimClock clock;
    private final AtomicLong seq = new AtomicLong();
    private final List<TranscriptEntry> entries = new CopyOnWriteArrayList<>();
    private final List<Consumer<TranscriptEntry>> listeners = new CopyOnWriteArrayList<>();

    public Transcript(SimClock clock) {
        this.clock = clock;
    }

    public TranscriptEntry add(String type, String callId, String legId, String conversation, String text,
                               Map<String, Object> data) {
        TranscriptEntry entry;
        synchronized (entries) { // numbered and appended together: the list stays in seq order across threads
            entry = new TranscriptEntry(seq.incrementAndGet(), Instant.now().toString(),
                    Math.round(clock.simSeconds() * 1000) / 1000.0, type, callId, legId, conversation, text, data);
            entries.add(entry);
        }
        for (Consumer<TranscriptEntry> listener : listeners) {
            try {
                listener.accept(entry);
            } catch (RuntimeException ignored) {
                // a slow or gone SSE listener never breaks a call
            }
        }
        return entry;
    }

    public void listen(Consumer<TranscriptEntry> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<TranscriptEntry> listener) {
        listeners.remove(listener);
    }

    /**
     * The timeline of one call: its own legs, plus every leg that shared a conversation with them (an agent leg
     * created over REST into the caller's named conversation belongs to the caller's call).
     */
    public List<TranscriptEntry> forCall(String callId) {
        Set<String> calls = new HashSet<>();
        calls.add(callId);
        Set<String> conversations = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (TranscriptEntry e : entries) {
                if (e.conversation() == null || e.callId() == null) {
                    continue;
                }
                if (calls.contains(e.callId()) && conversations.add(e.conversation())) {
                    grew = true;
                }
                if (conversations.contains(e.conversation()) && calls.add(e.callId())) {
                    grew = true;
                }
            }
        }
        List<TranscriptEntry> result = new ArrayList<>();
        for (TranscriptEntry e : entries) {
            if (calls.contains(e.callId())) {
                result.add(e);
            }
        }
        return result;
    }

    public List<TranscriptEntry> all() {
        return List.copyOf(entries);
    }

    public void clear() {
        entries.clear();
    }
}
