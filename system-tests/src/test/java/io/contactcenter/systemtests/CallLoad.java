package io.contactcenter.systemtests;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.LegView;
import io.contactcenter.simulator.client.TranscriptEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A contact center under load: departments with agents who answer after random delays and talk for random times
 * (a few never answer or reject), callers who press random digits, rate the call, stay silent or hang up at random
 * moments; a caller still waiting after {@link #CALLBACK_OFFER_SECONDS} is offered a callback, which one caller in ten
 * takes (their phone answers the callback and stays silent in its survey). {@link #run} places the calls at an even rate while faults happen, waits until every call is over, and
 * checks the guarantees from what really happened: the simulator's legs and transcripts, the topics, the directory.
 */
final class CallLoad {

    /** Departments of the load: digit, name, agents, max wait (Returns has few agents and overflows under load). */
    private record DepartmentPlan(int digit, String name, int agents, int maxWaitSeconds) {
    }

    private static final List<DepartmentPlan> PLAN = List.of(
            new DepartmentPlan(1, "Sales", 12, 90),
            new DepartmentPlan(2, "Support", 12, 90),
            new DepartmentPlan(3, "Billing", 10, 90),
            new DepartmentPlan(4, "Returns", 6, 20));
    private static final Set<String> UNANSWERED_LEG = Set.of("busy", "cancelled", "failed", "rejected", "timeout",
            "unanswered");
    private static final Set<AssignmentOutcome> FINAL = Set.of(AssignmentOutcome.COMPLETED, AssignmentOutcome.NO_AGENT,
            AssignmentOutcome.ABANDONED);
    private static final String SURVEY_WEBHOOK = "/webhooks/survey";
    /** The departments' {@code callbackOfferSeconds}: short, so that callers of the short runs hear the offer. */
    private static final int CALLBACK_OFFER_SECONDS = 3;
    /** What a caller hears once the gateway has their callback request (then the call ends). */
    private static final String CALLBACK_CONFIRMED = "have your request to be called back";

    /** What one scripted caller does; {@code takesCallback}: 1 at the callback offer, then 1 to confirm their number. */
    record Caller(String number, int digit, Integer score, Double hangupAtSecond, boolean pressesMenu,
            boolean takesCallback) {
    }

    /** A fault injected at a moment of the run. */
    record Fault(Duration at, String name, Runnable action) {
    }

    private record Agent(String id, String number, String departmentId, AgentEndpoint endpoint) {
    }

    private final ContactCenter center;
    private final Random random;
    private final Map<Integer, String> departmentByDigit = new HashMap<>();
    private final Map<String, Agent> agentsByNumber = new HashMap<>();
    private final TopicRecorder<RouteRequest> routeRequests;
    private int runs;

    CallLoad(ContactCenter center, long seed) {
        this.center = center;
        this.random = new Random(seed);
        int agentIndex = 0;
        for (DepartmentPlan plan : PLAN) {
            String department = center.admin().body(Map.of("digit", plan.digit(), "name", plan.name(),
                            "wrapUpSeconds", 1, "maxWaitSeconds", plan.maxWaitSeconds(), "ringingTimeoutSeconds", 8,
                            "callbackOfferSeconds", CALLBACK_OFFER_SECONDS))
                    .post("/departments").then().statusCode(201).extract().<String>path("id");
            departmentByDigit.put(plan.digit(), department);
            for (int i = 0; i < plan.agents(); i++, agentIndex++) {
                String number = "1415556" + String.format("%04d", agentIndex);
                String id = center.agent(plan.name() + " agent " + i, "phone", number, department);
                agentsByNumber.put(number, new Agent(id, number, department, behaviour(number, agentIndex)));
            }
        }
        routeRequests = center.record(io.contactcenter.events.Topics.ROUTE_REQUESTS, RouteRequest.class);
        center.awaitMenu(PLAN.size());
    }

    /** Most agents answer after 1-5 s and talk 5-20 s (simulated); every tenth never answers, every twentieth rejects. */
    private AgentEndpoint behaviour(String number, int index) {
        if (index % 10 == 7) {
            return AgentEndpoint.behaving("phone", number, "never");
        }
        if (index % 20 == 3) {
            return AgentEndpoint.behaving("phone", number, "reject");
        }
        return AgentEndpoint.answering("phone", number, 1 + random.nextInt(5), 5.0 + random.nextInt(16));
    }

    /**
     * Places {@code calls} calls evenly over {@code over} while the faults happen at their moments, waits up to
     * {@code drain} for every call to end, then checks the guarantees and prints one summary line.
     */
    Report run(String scenario, int calls, Duration over, Duration drain, Fault... faults) {
        center.simulator.reset();
        center.simulator.timeFactor(3);
        agentsByNumber.values().forEach(agent -> {
            center.simulator.register(agent.endpoint());
            center.admin().body(Map.of("status", "AVAILABLE")).put("/agents/" + agent.id() + "/status")
                    .then().statusCode(200);
        });
        int run = ++runs;
        long deadLettersBefore = center.deadLetters();
        Map<String, Caller> placed = new ConcurrentHashMap<>();
        List<String> faultLog = new CopyOnWriteArrayList<>();
        List<String> failedFaults = new CopyOnWriteArrayList<>();
        List<Caller> scripts = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            Caller caller = caller(String.format("4477009%02d%03d", run, i));
            scripts.add(caller);
            if (caller.takesCallback()) {
                // the caller's phone answers the callback; silent in its survey (no script runs on a called leg)
                center.simulator.register(AgentEndpoint.answering("phone", caller.number(), 1, null));
            }
        }
        for (Fault fault : faults) {
            if (fault.at().isZero()) {
                fault.action().run(); // a condition of the whole run: in place before the first call
                faultLog.add(fault.name() + " from the start");
            }
        }
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
        Instant started = Instant.now();
        try {
            long spacingMicros = over.toNanos() / 1000 / calls;
            for (int i = 0; i < calls; i++) {
                Caller caller = scripts.get(i);
                scheduler.schedule(() -> placed.put(center.simulator.dial(caller.number(), steps(caller)).callId(), caller),
                        i * spacingMicros, TimeUnit.MICROSECONDS);
            }
            for (Fault fault : faults) {
                if (fault.at().isZero()) {
                    continue;
                }
                scheduler.schedule(() -> {
                    long at = Duration.between(started, Instant.now()).toMillis();
                    String outcome = "took";
                    try {
                        fault.action().run();
                    } catch (RuntimeException e) {
                        outcome = "FAILED: " + e.getMessage() + ", after";
                        failedFaults.add(fault.name());
                    }
                    faultLog.add(fault.name() + " at " + at / 1000.0 + "s (" + outcome + " "
                            + (Duration.between(started, Instant.now()).toMillis() - at) / 1000.0 + "s)");
                }, fault.at().toMillis(), TimeUnit.MILLISECONDS);
            }
            scheduler.shutdown();
            if (!scheduler.awaitTermination(over.toSeconds() + 300, TimeUnit.SECONDS)) {
                throw new AssertionError("placing calls or injecting faults did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            scheduler.shutdownNow();
        }
        if (placed.size() != calls) {
            throw new AssertionError("only " + placed.size() + " of " + calls + " calls could be placed");
        }
        long deadline = System.nanoTime() + drain.toNanos();
        Report report;
        do {
            sleep(Duration.ofSeconds(2));
            report = check(scenario, placed, faultLog);
        } while (!report.pending().isEmpty() && System.nanoTime() < deadline);
        if (report.pending().isEmpty()) {
            center.settle(); // "exactly one" is only true once a late duplicate would have arrived
        }
        report = check(scenario, placed, faultLog);
        if (!report.pending().isEmpty()) {
            report.diagnosis(center.diagnosis(report.shownPending()));
        }
        // a fault that could not be injected (or undone) makes the run prove less than it says
        report.check("every fault was injected as planned", failedFaults.isEmpty(), scenario, failedFaults.toString());
        // the load sends nothing unreadable or invalid: any dead letter is a transient fault given up on
        report.deadLetters(center.deadLetters() - deadLettersBefore);
        System.out.println(report.summary(Duration.between(started, Instant.now())));
        return report;
    }

    private Caller caller(String number) {
        int digit = 1 + random.nextInt(PLAN.size());
        double dice = random.nextDouble();
        if (dice < 0.03) {
            return new Caller(number, digit, null, null, false, false); // never presses: goodbye
        }
        if (dice < 0.13) {
            return new Caller(number, digit, 1 + random.nextInt(5), 2.0 + random.nextInt(40), true, false); // hangs up
        }
        if (dice < 0.16) {
            return new Caller(number, digit, null, null, true, false); // silent in the survey
        }
        // one in ten takes the callback offer if it comes (answered first, they rate the call as the others)
        return new Caller(number, digit, 1 + random.nextInt(5), null, true, random.nextInt(10) == 0);
    }

    private static CallerStep[] steps(Caller caller) {
        List<CallerStep> steps = new ArrayList<>();
        if (caller.pressesMenu()) {
            steps.add(CallerStep.pressWhenHeard("press 1", Integer.toString(caller.digit())));
        }
        if (caller.score() != null) {
            steps.add(CallerStep.pressWhenHeard("1 to 5", Integer.toString(caller.score())));
        }
        if (caller.takesCallback()) {
            steps.add(CallerStep.pressWhenHeard("to be called back", "1"));
            steps.add(CallerStep.pressWhenHeard("to confirm", "1"));
        }
        if (caller.hangupAtSecond() != null) {
            steps.add(CallerStep.hangupAt(caller.hangupAtSecond()));
        }
        return steps.toArray(CallerStep[]::new);
    }

    /** The guarantees, checked on everything recorded so far; calls not over yet are listed as pending. */
    private Report check(String scenario, Map<String, Caller> placed, List<String> faults) {
        List<TranscriptEntry> everything = center.simulator.transcript();
        // an agent leg is a call of its own for Vonage: it belongs to the caller whose conversation cc-<callId> it joined
        Map<String, String> callOfAgentLeg = new HashMap<>();
        everything.stream().filter(e -> "conversation-joined".equals(e.type()) && e.legId() != null
                        && e.conversation() != null && e.conversation().startsWith("cc-"))
                .forEach(e -> callOfAgentLeg.putIfAbsent(e.legId(), e.conversation().substring(3)));
        Map<String, LegView> callerLegs = new HashMap<>();
        Map<String, List<LegView>> agentLegsByCall = new HashMap<>();
        // every leg that rang an agent's phone, answered or not: two at once on one phone is a double booking
        List<LegView> agentPhoneLegs = new ArrayList<>();
        // the legs routing placed to call a caller back, by the call they belong to
        Map<String, String> callOfCallbackNumber = new HashMap<>();
        placed.forEach((callId, caller) -> {
            if (caller.takesCallback()) {
                callOfCallbackNumber.put(caller.number(), callId);
            }
        });
        Map<String, List<LegView>> callbackLegsByCall = new HashMap<>();
        for (LegView leg : center.simulator.calls()) {
            String call = callOfAgentLeg.get(leg.uuid());
            if (placed.containsKey(leg.uuid())) {
                callerLegs.put(leg.uuid(), leg);
            } else if ("outbound".equals(leg.direction()) && callOfCallbackNumber.containsKey(leg.to())
                    && ContactCenter.NUMBER.equals(leg.from())) {
                callbackLegsByCall.computeIfAbsent(callOfCallbackNumber.get(leg.to()), k -> new ArrayList<>()).add(leg);
            } else if ("outbound".equals(leg.direction()) && agentsByNumber.containsKey(leg.to())) {
                agentPhoneLegs.add(leg);
                if (call != null && placed.containsKey(call)) {
                    agentLegsByCall.computeIfAbsent(call, k -> new ArrayList<>()).add(leg);
                }
            }
        }
        Map<String, List<TranscriptEntry>> transcripts = everything.stream()
                .filter(e -> e.callId() != null && placed.containsKey(e.callId()))
                .collect(Collectors.groupingBy(TranscriptEntry::callId));
        Map<String, List<Assignment>> assignments = distinct(center.assignments.all(), placed, Assignment::eventId);
        Map<String, List<SurveyResult>> surveys = distinct(center.surveyResults.all(), placed, SurveyResult::eventId);
        Map<String, List<RouteRequest>> routed = distinct(routeRequests.all(), placed, RouteRequest::eventId);

        Report report = new Report(scenario, placed.size(), faults);
        for (Map.Entry<String, Caller> call : placed.entrySet()) {
            String callId = call.getKey();
            Caller caller = call.getValue();
            LegView callerLeg = callerLegs.get(callId);
            List<TranscriptEntry> transcript = transcripts.getOrDefault(callId, List.of());
            List<Assignment> steps = assignments.getOrDefault(callId, List.of());
            List<SurveyResult> results = surveys.getOrDefault(callId, List.of());
            List<LegView> agentLegs = agentLegsByCall.getOrDefault(callId, List.of());
            List<LegView> callbackLegs = callbackLegsByCall.getOrDefault(callId, List.of());
            // every final record counts: a second COMPLETED (another event id) is a duplicate, not the same fact
            List<AssignmentOutcome> finals = steps.stream().map(Assignment::outcome).filter(FINAL::contains).toList();

            if (callerLeg == null || callerLeg.endedAt() == null) {
                report.pending(callId, "caller leg still " + (callerLeg == null ? "unknown" : callerLeg.status()));
                continue;
            }
            boolean routeRequested = !routed.getOrDefault(callId, List.of()).isEmpty();
            report.check("every caller hears the menu (unless hanging up within 2 s)",
                    transcript.stream().anyMatch(e -> heard(e, callId, "press 1"))
                            || caller.hangupAtSecond() != null && caller.hangupAtSecond() <= 2, callId,
                    "caller leg " + callerLeg.status());
            if (routeRequested && finals.isEmpty()) {
                report.pending(callId, "no final assignment yet: " + outcomes(steps));
                continue;
            }
            List<Assignment> answered = steps.stream().filter(a -> a.outcome() == AssignmentOutcome.ANSWERED).toList();
            if (!answered.isEmpty() && results.isEmpty()) {
                report.pending(callId, "answered by an agent, no survey result yet");
                continue;
            }
            report.outcome(finals.isEmpty() ? "NOT_ROUTED_" + whyNotRouted(caller, transcript, callId)
                    : finals.get(0).name());
            results.forEach(r -> report.survey(r.status().name()));

            // the caller's choice reached routing as the right department
            if (routeRequested) {
                String department = routed.get(callId).get(0).department();
                report.check("route request names the chosen department",
                        department.equals(departmentByDigit.get(caller.digit())), callId, department);
            } else {
                report.check("a caller who pressed a digit before hanging up is routed",
                        !heardConnecting(transcript, callId), callId, "heard 'wait while we connect you' but no route request");
            }
            report.check("every route request ends as COMPLETED, NO_AGENT or ABANDONED, once",
                    !routeRequested || finals.size() == 1, callId, outcomes(steps));
            // what the topics say happened is what happened on the phones
            Set<String> answeredNumbers = agentLegs.stream().filter(l -> l.answeredAt() != null)
                    .map(LegView::to).collect(Collectors.toSet());
            Set<String> answeredAgents = answered.stream().map(Assignment::agentId).collect(Collectors.toSet());
            Set<String> answeredLegAgents = answeredNumbers.stream().map(agentsByNumber::get).filter(Objects::nonNull)
                    .map(Agent::id).collect(Collectors.toSet());
            report.check("ANSWERED records = agent legs answered in the caller's conversation",
                    answeredAgents.equals(answeredLegAgents) || (answeredAgents.isEmpty()
                            && agentLegs.stream().filter(l -> l.answeredAt() != null)
                                    .allMatch(l -> !instant(l.answeredAt()).isBefore(instant(callerLeg.endedAt())))),
                    callId, "records " + answeredAgents + ", legs " + answeredLegAgents);
            report.check("at most one agent answers a call", answeredAgents.size() <= 1, callId, outcomes(steps));
            // callbacks: never made twice, never lost (unless refused because an agent had answered meanwhile)
            long answeredCallbacks = callbackLegs.stream().filter(l -> l.answeredAt() != null).count();
            boolean calledBack = answeredCallbacks > 0;
            report.check("no callback is made twice", answeredCallbacks <= 1, callId, callbackLegs.size() + " legs");
            if (transcript.stream().anyMatch(e -> heard(e, callId, CALLBACK_CONFIRMED))) {
                report.callback();
                boolean agentAnsweredMeanwhile = steps.stream().anyMatch(a -> a.outcome() == AssignmentOutcome.ANSWERED
                        && a.detail(Assignment.Detail.CALLER_LEG_ID) == null);
                report.check("a callback request routing kept is called back exactly once", calledBack
                        || agentAnsweredMeanwhile, callId, outcomes(steps) + ", " + callbackLegs.size() + " legs");
                report.check("a called-back caller is answered by the agent on the callback leg",
                        !calledBack || steps.stream().filter(a -> a.outcome() == AssignmentOutcome.ANSWERED)
                                .allMatch(a -> a.detail(Assignment.Detail.CALLER_LEG_ID) != null), callId, outcomes(steps));
            } else {
                report.check("only a caller who asked is called back", !calledBack, callId, callbackLegs.size() + " legs");
            }
            // the survey
            report.check("exactly one survey result per call an agent took, none otherwise",
                    results.size() == (answeredAgents.isEmpty() ? 0 : 1), callId, results.toString());
            if (results.size() == 1 && answeredAgents.size() == 1) {
                SurveyResult result = results.get(0);
                report.check("the survey result names the agent who talked to the caller",
                        answeredAgents.contains(result.agentId()), callId, result.agentId() + " vs " + answeredAgents);
                report.check("the survey result names the chosen department",
                        Objects.equals(result.department(), departmentByDigit.get(caller.digit())), callId,
                        result.department());
                // whatever the status: a lost score recorded as NO_INPUT is a broken guarantee too
                if (caller.hangupAtSecond() == null && result.offeredAt() != null) {
                    // a called-back caller's phone is silent in the survey
                    Integer score = calledBack ? null : caller.score();
                    SurveyStatus expected = score == null ? SurveyStatus.NO_INPUT : SurveyStatus.ANSWERED;
                    report.check("the stored survey outcome is what the caller did",
                            result.status() == expected && Objects.equals(result.score(), score), callId,
                            result.status() + "/" + result.score() + " vs " + expected + "/" + score);
                } else if (result.status() == SurveyStatus.ANSWERED) {
                    report.check("the stored score is the digit the caller pressed",
                            Objects.equals(result.score(), caller.score()), callId,
                            result.score() + " vs " + caller.score());
                }
            }
            // a callback's survey transfers the callback leg (a call of its own for Vonage)
            Set<String> callerSide = new java.util.HashSet<>(Set.of(callId));
            callbackLegs.forEach(l -> callerSide.add(l.uuid()));
            long surveyTransfers = surveyTransfers(calledBack ? everything : transcript, callerSide);
            report.check("no survey is offered twice", surveyTransfers <= 1, callId, surveyTransfers + " transfers");
            report.check("a result says offered exactly when the caller was transferred to the survey",
                    results.stream().allMatch(r -> (r.offeredAt() != null) == (surveyTransfers == 1)), callId,
                    surveyTransfers + " transfers, " + results);
        }
        checkNoAgentInTwoCalls(report, agentPhoneLegs);
        if (report.pending().isEmpty()) {
            checkAgentsFree(report);
        }
        report.peakCallsInProgress(peak(callerLegs.values()));
        return report;
    }

    /** From the legs' own timings: an agent's phone never carries two calls at once. */
    private void checkNoAgentInTwoCalls(Report report, List<LegView> agentLegs) {
        Map<String, List<LegView>> byNumber = agentLegs.stream().collect(Collectors.groupingBy(LegView::to));
        byNumber.forEach((number, legs) -> {
            List<LegView> ordered = legs.stream().sorted(Comparator.comparing(l -> instant(l.createdAt()))).toList();
            for (int i = 1; i < ordered.size(); i++) {
                LegView before = ordered.get(i - 1);
                LegView after = ordered.get(i);
                report.check("no agent is ever in two live calls",
                        before.endedAt() != null && !instant(after.createdAt()).isBefore(instant(before.endedAt())), number,
                        before.uuid() + " (" + before.createdAt() + "-" + before.endedAt() + ") overlaps " + after.uuid()
                                + " (from " + after.createdAt() + ")");
            }
        });
    }

    /** After the run every agent is free again: nobody left reserved or on a call. */
    private void checkAgentsFree(Report report) {
        List<Map<String, Object>> agents = center.admin().get("/agents").then().statusCode(200).extract().jsonPath()
                .getList("$");
        for (Map<String, Object> agent : agents) {
            Object state = agent.get("state");
            report.check("every agent is free after the run", "IDLE".equals(state) || "WRAP_UP".equals(state),
                    String.valueOf(agent.get("name")), String.valueOf(state));
        }
    }

    private static int peak(Collection<LegView> legs) {
        TreeMap<Instant, Integer> changes = new TreeMap<>();
        for (LegView leg : legs) {
            changes.merge(instant(leg.createdAt()), 1, Integer::sum);
            if (leg.endedAt() != null) {
                changes.merge(instant(leg.endedAt()), -1, Integer::sum);
            }
        }
        int current = 0;
        int peak = 0;
        for (int change : changes.values()) {
            current += change;
            peak = Math.max(peak, current);
        }
        return peak;
    }

    /** Why a call never reached routing, from the caller's script and what happened in the menu. */
    private static String whyNotRouted(Caller caller, List<TranscriptEntry> transcript, String callId) {
        if (!caller.pressesMenu()) {
            return "NO_DIGIT";
        }
        if (transcript.stream().noneMatch(e -> heard(e, callId, "press 1"))) {
            return "NO_MENU_HEARD";
        }
        List<TranscriptEntry> inputs = transcript.stream()
                .filter(e -> "input".equals(e.type()) && callId.equals(e.legId())).toList();
        if (inputs.isEmpty()) {
            return "HUNG_UP_IN_MENU";
        }
        if (transcript.stream().anyMatch(e -> heard(e, callId, "cannot connect you"))) {
            return "DEGRADED";
        }
        return "INPUT_" + inputs.get(inputs.size() - 1).text();
    }

    private static boolean heardConnecting(List<TranscriptEntry> transcript, String callId) {
        return transcript.stream().anyMatch(e -> heard(e, callId, "wait while we connect you"));
    }

    private static boolean heard(TranscriptEntry entry, String legId, String text) {
        return "heard".equals(entry.type()) && legId.equals(entry.legId()) && entry.text() != null
                && entry.text().toLowerCase(java.util.Locale.ROOT).contains(text);
    }

    private static long surveyTransfers(List<TranscriptEntry> transcript, Set<String> callerLegIds) {
        return transcript.stream().filter(e -> "rest-request".equals(e.type()) && callerLegIds.contains(e.legId()))
                .map(TranscriptEntry::data).filter(Objects::nonNull)
                .filter(d -> "PUT".equals(d.get("method")) && Integer.valueOf(204).equals(d.get("status")))
                .filter(d -> String.valueOf(d.get("body")).contains(SURVEY_WEBHOOK))
                .count();
    }

    private static String outcomes(List<Assignment> steps) {
        return steps.stream().map(a -> a.outcome() + (a.agentId() == null ? "" : "(" + a.agentId().substring(0, 8) + ")"))
                .collect(Collectors.joining(","));
    }

    /** Records of the placed calls, each fact once (a republished record carries the same event id). */
    private static <T> Map<String, List<T>> distinct(List<TopicRecorder.Received<T>> records, Map<String, ?> placed,
            Function<T, String> eventId) {
        Map<String, T> byEventId = new LinkedHashMap<>();
        Map<String, String> keys = new HashMap<>();
        for (TopicRecorder.Received<T> record : records) {
            if (placed.containsKey(record.key())) {
                byEventId.putIfAbsent(eventId.apply(record.value()), record.value());
                keys.putIfAbsent(eventId.apply(record.value()), record.key());
            }
        }
        Map<String, List<T>> byCall = new HashMap<>();
        byEventId.forEach((id, value) -> byCall.computeIfAbsent(keys.get(id), k -> new ArrayList<>()).add(value));
        return byCall;
    }

    private static Instant instant(String iso) {
        return Instant.parse(iso);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
