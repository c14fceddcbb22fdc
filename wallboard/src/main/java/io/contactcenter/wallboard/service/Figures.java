package io.contactcenter.wallboard.service;

import io.contactcenter.events.AgentActivity;
import io.contactcenter.wallboard.domain.Bucket;
import io.contactcenter.wallboard.domain.DepartmentBoard;
import io.contactcenter.wallboard.rest.AgentCounts;
import io.contactcenter.wallboard.rest.AgentFigures;
import io.contactcenter.wallboard.rest.ChartPoint;
import io.contactcenter.wallboard.rest.DepartmentFigures;
import io.contactcenter.wallboard.rest.Period;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The wallboard's figures, computed from the stores' contents as of a moment. */
public final class Figures {

    private Figures() {
    }

    /** Every department that has a board or an agent, sorted by id. */
    public static List<DepartmentFigures> departments(Collection<DepartmentBoard> boards,
            Collection<AgentActivity> agents, Instant now, ZoneId zone) {
        Map<String, DepartmentBoard> byId = new HashMap<>();
        boards.forEach(board -> byId.put(board.department(), board));
        Set<String> ids = new TreeSet<>(byId.keySet());
        agents.forEach(agent -> ids.addAll(departmentsOf(agent)));
        List<DepartmentFigures> figures = new ArrayList<>();
        for (String id : ids) {
            figures.add(department(id, byId.getOrDefault(id, new DepartmentBoard(id)), agents, now, zone));
        }
        return figures;
    }

    static DepartmentFigures department(String id, DepartmentBoard board, Collection<AgentActivity> agents,
            Instant now, ZoneId zone) {
        Instant oldest = board.waiting().values().stream().min(Comparator.naturalOrder()).orElse(null);
        long longestWait = oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds());
        List<ChartPoint> chart = board.lastHourByMinute(now).entrySet().stream()
                .map(e -> new ChartPoint(Instant.ofEpochSecond(e.getKey() * 60), e.getValue().offered(),
                        e.getValue().answered(), e.getValue().abandoned()))
                .toList();
        return new DepartmentFigures(id, board.waiting().size(), longestWait, oldest, agentCounts(id, agents),
                period(board.today(now, zone)), period(board.lastMinutes(now, 15)), period(board.lastMinutes(now, 60)),
                chart);
    }

    private static AgentCounts agentCounts(String department, Collection<AgentActivity> agents) {
        Map<String, Integer> counts = new HashMap<>();
        agents.stream().filter(agent -> departmentsOf(agent).contains(department))
                .forEach(agent -> counts.merge(activity(agent), 1, Integer::sum));
        return new AgentCounts(counts.getOrDefault("available", 0), counts.getOrDefault("ringing", 0),
                counts.getOrDefault("onCall", 0), counts.getOrDefault("wrapUp", 0), counts.getOrDefault("away", 0));
    }

    /** What the agent is doing: a call's state first (ringing, on call, wrap-up), else their own status. */
    static String activity(AgentActivity agent) {
        if (agent == null) {
            return "unknown";
        }
        String state = agent.state() == null ? "" : agent.state();
        return switch (state) {
            case "RESERVED" -> "ringing";
            case "ON_CALL" -> "onCall";
            case "WRAP_UP" -> "wrapUp";
            default -> switch (agent.status() == null ? "" : agent.status()) {
                case "AVAILABLE" -> "available";
                case "AWAY" -> "away";
                default -> "offline";
            };
        };
    }

    private static List<String> departmentsOf(AgentActivity agent) {
        return agent.departments() == null ? List.of() : agent.departments();
    }

    /** Every agent with a state or with calls today, sorted by id; calls summed over their departments. */
    public static List<AgentFigures> agents(Collection<DepartmentBoard> boards, Collection<AgentActivity> agents,
            Instant now, ZoneId zone) {
        Map<String, Bucket> today = new HashMap<>();
        boards.forEach(board -> board.agentsToday(now, zone).forEach((agent, bucket) -> today.merge(agent, bucket,
                Bucket::plus)));
        Map<String, AgentActivity> states = new HashMap<>();
        agents.forEach(agent -> states.put(agent.agentId(), agent));
        Set<String> ids = new TreeSet<>(today.keySet());
        ids.addAll(states.keySet());
        List<AgentFigures> figures = new ArrayList<>();
        for (String id : ids) {
            AgentActivity state = states.get(id);
            Bucket calls = today.getOrDefault(id, Bucket.EMPTY);
            figures.add(new AgentFigures(id, activity(state), state == null ? null : state.at(),
                    state == null ? List.of() : departmentsOf(state), calls.handled(),
                    average(calls.handleMillis() / 1000.0, calls.handled()), calls.surveysAnswered(),
                    average(calls.scoreSum(), calls.surveysAnswered()), calls.transferred()));
        }
        return figures;
    }

    static Period period(Bucket b) {
        long ended = b.answered() + b.abandoned() + b.overflowed();
        return new Period(b.offered(), b.answered(), b.abandoned(), b.overflowed(), b.handled(),
                average(b.answeredWithinTarget(), ended), average(b.waitMillis() / 1000.0, b.answered()),
                average(b.handleMillis() / 1000.0, b.handled()), average(b.abandoned(), ended), b.surveysOffered(),
                b.surveysAnswered(), average(b.scoreSum(), b.surveysAnswered()),
                average(b.topTwo(), b.surveysAnswered()), average(b.surveysAnswered(), b.surveysOffered()),
                b.transferred());
    }

    private static Double average(double sum, long count) {
        return count == 0 ? null : sum / count;
    }
}
