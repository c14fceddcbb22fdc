package io.contactcenter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the simulator's live transcript ({@code GET /simulator/stream}, server-sent events) and keeps, per
 * caller call id, the simulator's own wall-clock times of the moments the benchmark measures between:
 * <ul>
 *   <li>routing: the caller's menu {@code input} finished (the input webhook leaves right after) → the simulator
 *       received the agent leg's {@code POST /v1/calls} into {@code cc-<callId>};</li>
 *   <li>survey: the agent leg's {@code completed} status (its event webhook leaves right after) → the simulator
 *       received the caller leg's transfer {@code PUT /v1/calls/<callId>}.</li>
 * </ul>
 * Failures are the call's webhooks that failed or answered non-2xx, error entries and failed legs.
 */
public final class Transcripts implements AutoCloseable {

    private static final Pattern CONVERSATION = Pattern.compile("cc-([0-9a-fA-F-]{36})");

    /** Times of one caller's call, in epoch nanos (0: not yet). */
    public static final class CallTimes {
        volatile long menuInput;
        volatile long agentLegCreated;
        volatile long agentCompleted;
        volatile long transferred;
        volatile long surveyInput;
        volatile long callerEnded;
        volatile String callerEndStatus;
        final AtomicLong failures = new AtomicLong();
        volatile String firstFailure;

        boolean surveyed() {
            return surveyInput != 0 && callerEnded != 0;
        }
    }

    private final Map<String, CallTimes> calls = new ConcurrentHashMap<>();
    /** Agent leg uuid → its caller's times (a leg that ended has left its conversation, so its id is the link). */
    private final Map<String, CallTimes> agentLegs = new ConcurrentHashMap<>();
    /** Legs to agents' phones created and ended, for the dispatch gap; agent leg uuid → the agent's number. */
    private final List<DispatchGaps.AgentLegEvent> agentLegEvents = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> agentLegNumbers = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong entries = new AtomicLong();
    private final Thread reader;
    private volatile InputStream stream;
    private volatile boolean closed;

    public Transcripts(String simulatorUrl) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulatorUrl + "/simulator/stream"))
                .header("Accept", "text/event-stream").build();
        reader = new Thread(() -> {
            while (!closed) {
                try {
                    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                    stream = response.body();
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            if (line.startsWith("data:")) {
                                accept(line.substring(5).trim());
                            }
                        }
                    }
                } catch (Exception e) {
                    if (!closed) {
                        System.err.println("transcript stream: " + e + " (reconnecting)");
                        Proc.sleep(200);
                    }
                }
            }
        }, "transcript-stream");
        reader.setDaemon(true);
        reader.start();
    }

    /** Remembers a call before any of its lines arrive. */
    public CallTimes track(String callId) {
        return calls.computeIfAbsent(callId, id -> new CallTimes());
    }

    public CallTimes get(String callId) {
        return calls.get(callId);
    }

    public long entriesSeen() {
        return entries.get();
    }

    /** The agent legs created and ended since the last {@link #clear()}. */
    public List<DispatchGaps.AgentLegEvent> agentLegEvents() {
        synchronized (agentLegEvents) {
            return List.copyOf(agentLegEvents);
        }
    }

    /** Forgets every call (between points). */
    public void clear() {
        calls.clear();
        agentLegs.clear();
        agentLegEvents.clear();
        agentLegNumbers.clear();
    }

    void accept(String data) {
        JsonNode e;
        try {
            e = json.readTree(data);
        } catch (Exception notJson) {
            return;
        }
        entries.incrementAndGet();
        String type = e.path("type").asText("");
        String callId = e.path("callId").asText(null);
        String legId = e.path("legId").asText(null);
        String conversation = e.path("conversation").asText(null);
        String text = e.path("text").asText("");
        JsonNode details = e.path("data");
        long at = nanos(e.path("at").asText(null));
        if (at == 0) {
            return;
        }
        switch (type) {
            case "input" -> {
                CallTimes c = callId == null ? null : calls.get(callId);
                if (c != null && callId.equals(legId)) {
                    if (c.menuInput == 0) {
                        c.menuInput = at;
                    } else if (c.surveyInput == 0 && c.transferred != 0) {
                        c.surveyInput = at;
                    }
                }
            }
            case "rest-request" -> {
                if (text.startsWith("POST /v1/calls -> 201")) {
                    String number = details.path("body").path("to").path(0).path("number").asText(null);
                    if (number != null && legId != null) {
                        agentLegNumbers.put(legId, number);
                        agentLegEvents.add(new DispatchGaps.AgentLegEvent(number, at, true));
                    }
                    Matcher m = CONVERSATION.matcher(details.path("body").toString());
                    if (m.find()) {
                        CallTimes c = calls.get(m.group(1));
                        if (c != null && c.agentLegCreated == 0) {
                            c.agentLegCreated = at;
                        }
                        if (c != null && legId != null) {
                            agentLegs.put(legId, c);
                        }
                    }
                } else if (text.startsWith("PUT /v1/calls/") && callId != null) {
                    CallTimes c = calls.get(callId);
                    if (c != null && c.transferred == 0 && details.path("body").toString().contains("transfer")) {
                        c.transferred = at;
                    }
                }
                if (text.contains("refused") || text.contains("rejected")) {
                    fail(callId, text);
                }
            }
            case "leg-status" -> {
                String status = details.path("status").asText("");
                if (callId != null && callId.equals(legId) && calls.containsKey(callId)) {
                    if (status.equals("completed") || status.equals("failed") || status.equals("cancelled")
                            || status.equals("timeout") || status.equals("rejected") || status.equals("busy")) {
                        CallTimes c = calls.get(callId);
                        c.callerEnded = at;
                        c.callerEndStatus = status;
                        if (!status.equals("completed")) {
                            fail(callId, text);
                        }
                    }
                } else if (legId != null && "completed".equals(status)) {
                    String number = agentLegNumbers.remove(legId);
                    if (number != null) {
                        agentLegEvents.add(new DispatchGaps.AgentLegEvent(number, at, false));
                    }
                    CallTimes c = agentLegs.get(legId);
                    if (c != null && c.agentCompleted == 0) {
                        c.agentCompleted = at;
                    }
                }
            }
            case "webhook" -> {
                int status = details.path("status").asInt(0);
                if (details.has("error") || status < 200 || status >= 300) {
                    fail(callId, text);
                    if (conversation != null && conversation.startsWith("cc-")) {
                        fail(conversation.substring(3), text);
                    }
                }
            }
            case "error" -> fail(callId, text);
            default -> {
                // not measured
            }
        }
    }

    private void fail(String callId, String why) {
        CallTimes c = callId == null ? null : calls.get(callId);
        if (c != null) {
            if (c.failures.incrementAndGet() == 1) {
                c.firstFailure = why;
            }
        }
    }

    static long nanos(String iso) {
        if (iso == null) {
            return 0;
        }
        try {
            Instant instant = Instant.parse(iso);
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            InputStream s = stream;
            if (s != null) {
                s.close();
            }
        } catch (Exception ignored) {
            // closing
        }
        reader.interrupt();
    }
}
