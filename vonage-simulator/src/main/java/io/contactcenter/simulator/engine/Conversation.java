package io.contactcenter.simulator.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A named conversation: members join with startOnEnter/endOnExit; it ends when a moderator leaves or all do. */
public final class Conversation {

    public record Member(Leg leg, boolean startOnEnter, boolean endOnExit) {
    }

    private final String name;
    private final String uuid = "CON-" + UUID.randomUUID();
    private final Map<String, Member> members = new LinkedHashMap<>();
    private boolean started;
    private boolean ended;

    public Conversation(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String uuid() {
        return uuid;
    }

    public synchronized boolean started() {
        return started;
    }

    public synchronized boolean ended() {
        return ended;
    }

    /** @return true if this join started the conversation. */
    public synchronized boolean join(Member member) {
        members.put(member.leg().uuid(), member);
        if (member.startOnEnter() && !started) {
            started = true;
            return true;
        }
        return false;
    }

    /** @return the members to tell that the conversation ended (see {@link #ended()}). */
    public synchronized List<Leg> leave(Leg leg) {
        Member member = members.remove(leg.uuid());
        if (member == null || ended) {
            return List.of();
        }
        if (member.endOnExit() || members.isEmpty()) {
            ended = true;
            List<Leg> others = new ArrayList<>();
            members.values().forEach(m -> others.add(m.leg()));
            members.clear();
            return others;
        }
        return List.of();
    }

    public synchronized List<String> memberLegIds() {
        return new ArrayList<>(members.keySet());
    }

    /** The legs in the conversation now, in order of joining. */
    public synchronized List<Leg> members() {
        return members.values().stream().map(Member::leg).toList();
    }

    public synchronized boolean contains(Leg leg) {
        return members.containsKey(leg.uuid());
    }
}
