package io.contactcenter.simulator.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.contactcenter.simulator.client.Speech;
import io.contactcenter.simulator.transcript.Transcript;

/**
 * Named conversations (one per name and region) and who hears whom in them: each member's {@code canHear} /
 * {@code canSpeak} lists from its conversation action, its muted and earmuffed flags. A leg that is not in a
 * conversation (on hold in a stream or talk NCCO) hears and is heard by nobody there.
 */
@ApplicationScoped
public class Conversations {

    private static final Logger LOG = Logger.getLogger(Conversations.class);

    private final Map<String, Conversation> byKey = new ConcurrentHashMap<>();
    private final LegEvents events;
    private final Recordings recordings;

    public Conversations(LegEvents events, Recordings recordings) {
        this.events = events;
        this.recordings = recordings;
    }

    void reset() {
        byKey.clear();
    }

    /** Puts the leg into the conversation its {@code conversation} action names (the runner then waits in it). */
    void join(Leg leg, JsonNode action) {
        String name = action.path("name").asText();
        boolean startOnEnter = action.path("startOnEnter").asBoolean(true);
        boolean endOnExit = action.path("endOnExit").asBoolean(false);
        String moh = WebhookPayloads.firstUrl(action.get("musicOnHoldUrl"));
        // a named conversation exists per region: the same name in two regions is two conversations
        String key = leg.region == null ? name : leg.region.name() + "/" + name;
        Conversation conv = byKey.compute(key, (n, existing) ->
                existing == null || existing.ended() ? new Conversation(name) : existing);
        if (!conv.uuid().equals(leg.conversationUuid)) {
            String fromConv = leg.conversationUuid;
            leg.conversationUuid = conv.uuid();
            events.transfer(leg, fromConv, conv.uuid());
        }
        leg.conversationName = name;
        leg.conversationKey = key;
        leg.canHear = legIds(action.get("canHear"));
        leg.canSpeak = legIds(action.get("canSpeak"));
        if (action.has("mute")) {
            leg.muted = action.path("mute").asBoolean();
        }
        boolean startedNow = conv.join(new Conversation.Member(leg, startOnEnter, endOnExit));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("conversation_uuid", conv.uuid());
        data.put("startOnEnter", startOnEnter);
        data.put("endOnExit", endOnExit);
        data.put("members", conv.memberLegIds());
        if (leg.canHear != null) {
            data.put("canHear", leg.canHear);
        }
        if (leg.canSpeak != null) {
            data.put("canSpeak", leg.canSpeak);
        }
        if (leg.region != null) {
            data.put("region", leg.region.name());
        }
        events.record(leg, Transcript.CONVERSATION_JOINED, leg.to().value() + " joined conversation " + name, data);
        if (leg.region != null) {
            markSplit(leg, conv, name);
        }
        if (action.path("record").asBoolean(false)) {
            leg.conversationRecording = recordings.start(leg, "conversation " + name,
                    WebhookPayloads.firstUrl(action.get("eventUrl")), action.path("eventMethod").asText("POST"));
        }
        if (startedNow) {
            for (Leg other : conv.members()) {
                events.record(other, name, Transcript.HEARD,
                        "conversation " + name + " started: talking with the other members", Map.of("conversation", name));
            }
        } else if (!conv.started()) {
            events.record(leg, Transcript.HEARD, moh == null ? "silence while waiting in " + name : "music on hold " + moh,
                    moh == null ? Map.of("conversation", name) : Map.of("conversation", name, "musicOnHoldUrl", moh));
        }
    }

    /** Takes the leg out of its conversation (if any); a moderator leaving, or the last one, ends it for everyone. */
    void leave(Leg leg) {
        String name = leg.conversationName;
        if (name == null) {
            return;
        }
        leg.conversationName = null;
        String key = leg.conversationKey == null ? name : leg.conversationKey;
        leg.conversationKey = null;
        leg.canHear = null;
        leg.canSpeak = null;
        Runnable recording = leg.conversationRecording;
        leg.conversationRecording = null;
        if (recording != null) {
            recording.run();
        }
        Conversation conv = byKey.get(key);
        if (conv == null) {
            return;
        }
        List<Leg> others = conv.leave(leg);
        events.record(leg, name, Transcript.CONVERSATION_LEFT, leg.to().value() + " left conversation " + name,
                Map.of("name", name, "ended", conv.ended()));
        for (Leg other : others) {
            other.signal(new Signal.ConversationEnded(name));
        }
        if (conv.ended()) {
            events.record(leg, name, Transcript.CONVERSATION_LEFT, "conversation " + name + " ended",
                    Map.of("name", name, "ended", true));
        }
    }

    /**
     * The person on {@code speaker} says something: every leg that can hear it right now hears it (recorded on that
     * leg and in the transcript).
     *
     * @return the legs that heard it
     */
    List<Leg> say(Leg speaker, String text) {
        List<Leg> audience = audience(speaker);
        String at = WebhookPayloads.now();
        Map<String, Object> said = new LinkedHashMap<>();
        said.put("text", text);
        said.put("heardBy", audience.stream().map(Leg::uuid).toList());
        events.record(speaker, Transcript.SAID, "said \"" + text + "\"", said);
        for (Leg listener : audience) {
            listener.speechHeard.add(new Speech(speaker.uuid(), text, at));
            events.record(listener, Transcript.HEARD, "\"" + text + "\" (said on " + speaker.uuid() + ")",
                    Map.of("text", text, "from", speaker.uuid()));
        }
        return audience;
    }

    /** Who hears the speaker now: the members of its started conversation (or its connected peer) the rules allow. */
    private List<Leg> audience(Leg speaker) {
        if (speaker.ended || speaker.muted) {
            return List.of();
        }
        List<Leg> candidates = new ArrayList<>();
        Conversation conv = speaker.conversationKey == null ? null : byKey.get(speaker.conversationKey);
        if (conv != null && conv.started() && conv.contains(speaker)) {
            candidates.addAll(conv.members());
        } else if (speaker.conversationKey == null && speaker.peer != null) {
            candidates.add(speaker.peer); // connected by a connect action: the two legs talk directly
        }
        return candidates.stream()
                .filter(listener -> listener != speaker && !listener.ended && hears(listener, speaker))
                .toList();
    }

    static boolean hears(Leg listener, Leg speaker) {
        return !listener.earmuffed && allows(speaker.canSpeak, listener) && allows(listener.canHear, speaker);
    }

    /** A canHear/canSpeak list: absent (null) allows everyone, an empty list nobody. */
    private static boolean allows(List<String> legIds, Leg other) {
        return legIds == null || legIds.contains(other.uuid());
    }

    private static List<String> legIds(JsonNode list) {
        if (list == null || !list.isArray()) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        list.forEach(id -> ids.add(id.asText()));
        return List.copyOf(ids);
    }

    /**
     * Legs in the same-named conversation of another region: each side hears only its own region's members, so the
     * parties cannot hear each other (on Vonage: the agent leg created through the wrong region's host).
     */
    private void markSplit(Leg leg, Conversation conv, String name) {
        List<Leg> elsewhere = new ArrayList<>();
        for (Conversation other : byKey.values()) {
            if (other != conv && other.name().equals(name) && !other.ended()) {
                for (Leg m : other.members()) {
                    if (m.region != null && !m.region.name().equals(leg.region.name())) {
                        elsewhere.add(m);
                    }
                }
            }
        }
        if (elsewhere.isEmpty()) {
            return;
        }
        leg.split = true;
        for (Leg m : elsewhere) {
            m.split = true;
        }
        List<String> regionNames = new ArrayList<>();
        regionNames.add(leg.region.name());
        elsewhere.stream().map(m -> m.region.name()).filter(r -> !regionNames.contains(r)).forEach(regionNames::add);
        List<Leg> affected = new ArrayList<>(elsewhere);
        affected.add(leg);
        for (Leg m : affected) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("split", true);
            data.put("conversation", name);
            data.put("region", m.region.name());
            data.put("regions", regionNames);
            data.put("cannotHear", affected.stream().filter(o -> o != m && !o.region.name().equals(m.region.name()))
                    .map(Leg::uuid).toList());
            events.record(m, name, Transcript.HEARD, "conversation " + name
                    + " is split across regions " + regionNames + ": the parties cannot hear each other", data);
        }
        LOG.warnf("conversation %s is split across regions %s", name, regionNames);
    }
}
