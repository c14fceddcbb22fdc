package io.contactcenter.directory.service;

import io.contactcenter.directory.config.DirectoryConfig;
import io.contactcenter.directory.domain.Agent;
import io.contactcenter.directory.domain.AgentRepository;
import io.contactcenter.directory.domain.AgentState;
import io.contactcenter.directory.domain.AgentStatus;
import io.contactcenter.directory.domain.EndpointType;
import io.contactcenter.directory.domain.OutboundCallRepository;
import io.contactcenter.directory.domain.ReleaseOutcome;
import io.contactcenter.directory.rest.OutboundCallRequest;
import io.contactcenter.directory.rest.OutboundCallView;
import io.contactcenter.support.PhoneNumbers;
import io.contactcenter.support.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The rules for in-app agents' outbound calls, which go out from the contact-center number at our expense: only
 * while the agent is AVAILABLE, only to numbers under an allowed prefix ({@code DIRECTORY_OUTBOUND_PREFIXES}; none
 * configured = no outbound calls), and at most {@code DIRECTORY_OUTBOUND_DAILY_CAP} calls per agent and UTC day.
 */
@ApplicationScoped
@Startup
public class OutboundCallService {

    private static final Logger LOG = Logger.getLogger(OutboundCallService.class);
    private static final Pattern NUMBER = Pattern.compile("\\+?([1-9][0-9]{4,14})");
    private static final Pattern PREFIX = Pattern.compile("[1-9][0-9]{0,14}");
    /** The agents' outbound calls, by result (allowed or the refusal's reason). */
    private static final String OUTBOUND_CALLS = "directory_outbound_calls";
    /** Routing's checks of a number it is to hand a caller to, by result: not agents' calls, counted apart. */
    private static final String TRANSFER_NUMBER_CHECKS = "directory_transfer_number_checks";

    private final AgentRepository agents;
    private final OutboundCallRepository calls;
    private final AssignmentService assignments;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final List<String> prefixes;
    private final int dailyCap;

    public OutboundCallService(AgentRepository agents, OutboundCallRepository calls, AssignmentService assignments,
            DirectoryConfig config, MeterRegistry metrics, Clock clock) {
        this.agents = agents;
        this.calls = calls;
        this.assignments = assignments;
        this.metrics = metrics;
        this.clock = clock;
        this.prefixes = config.outbound().prefixes().orElse(List.of()).stream().map(String::strip)
                .map(p -> p.startsWith("+") ? p.substring(1) : p).toList();
        this.dailyCap = config.outbound().dailyCap();
        prefixes.stream().filter(p -> !PREFIX.matcher(p).matches()).findFirst().ifPresent(p -> {
            throw new IllegalArgumentException("DIRECTORY_OUTBOUND_PREFIXES: '" + p + "' is not an E.164 prefix");
        });
        if (prefixes.isEmpty()) {
            LOG.warn("DIRECTORY_OUTBOUND_PREFIXES is not set: in-app agents cannot place outbound calls");
        }
    }

    /**
     * Allows the call and records it, or refuses it (403 with the reason, 404 not an agent, 400 not a number). An
     * allowed call makes the agent ON_CALL until the call ends ({@link #endIfOutbound}).
     */
    @Transactional
    public OutboundCallView allow(OutboundCallRequest request) {
        String to = number(request.to(), OUTBOUND_CALLS);
        // a request racing this one (a repeated webhook, another call of the agent) waits here, then sees its effect
        Agent agent = agents.lockByEndpoint(EndpointType.APP, request.appUser())
                .orElseThrow(() -> refused(OUTBOUND_CALLS, "unknown_user", ProblemException.notFound(
                        "no agent is reached as in-app user " + request.appUser())));
        Instant now = clock.instant();
        Optional<OutboundCallRepository.Allowed> known = calls.find(request.callId());
        if (known.isPresent()) {
            // Vonage repeated the answer webhook: the same call, allowed once already and counted then
            return known.filter(call -> call.agentId().equals(agent.id) && call.toNumber().equals(to))
                    .map(call -> new OutboundCallView(request.callId(), agent.id, to))
                    .orElseThrow(() -> refused(OUTBOUND_CALLS, "call_id_reused", ProblemException.forbidden(
                            "call " + request.callId() + " was allowed for another agent or number")));
        }
        refuseUnlessAllowed(agent, to, OUTBOUND_CALLS);
        calls.record(request.callId(), agent.id, to, now);
        if (!calls.countBelowCap(agent.id, today(now), dailyCap)) {
            // the exception rolls the call's row back: a refused call is not recorded
            throw refused(OUTBOUND_CALLS, "daily_cap", dailyCapReached(agent));
        }
        assignments.startOutbound(agent, request.callId(), to, now);
        metrics.counter(OUTBOUND_CALLS, "result", "allowed").increment();
        return new OutboundCallView(request.callId(), agent.id, to);
    }

    /**
     * Whether the agent may dial {@code to} now, by the same rules as {@link #allow} (the desk asks before dialling):
     * returns when allowed, else throws the same refusal. Nothing is recorded or counted.
     */
    @Transactional
    public void check(UUID agentId, String toNumber) {
        String to = number(toNumber, null);
        Agent agent = agents.findById(agentId);
        if (agent == null || agent.endpointType != EndpointType.APP) {
            throw ProblemException.forbidden("only in-app agents place outbound calls from the desk");
        }
        refuseUnlessAllowed(agent, to, null);
        if (calls.countOn(agentId, today(clock.instant())) >= dailyCap) {
            throw dailyCapReached(agent);
        }
    }

    /**
     * The call {@code callId} ended: when it is an allowed outbound call, its agent wraps up (as after any call).
     * Anything else is ignored; repeats are harmless.
     */
    public void endIfOutbound(String callId) {
        QuarkusTransaction.requiringNew().call(() -> calls.find(callId))
                .ifPresent(call -> assignments.release(callId, call.agentId(), ReleaseOutcome.COMPLETED));
    }

    private String number(String to, String counter) {
        Matcher number = NUMBER.matcher(to.strip());
        if (!number.matches()) {
            throw refused(counter, "not_a_number", ProblemException.badRequest("'to' is not an E.164 phone number"));
        }
        return number.group(1);
    }

    private void refuseUnlessAllowed(Agent agent, String to, String counter) {
        if (agent.status != AgentStatus.AVAILABLE) {
            throw refused(counter, "not_available", ProblemException.forbidden(
                    "agent " + agent.name + " is " + agent.status + ": outbound calls only while AVAILABLE"));
        }
        if (agent.state == AgentState.RESERVED || agent.state == AgentState.ON_CALL) {
            throw refused(counter, "busy", ProblemException.forbidden(
                    "agent " + agent.name + " is " + agent.state + ": one call at a time"));
        }
        refuseUnlessListed(to, counter);
    }

    /**
     * Whether a call may be handed to {@code toNumber} from the contact-center number (routing's cold transfer to a
     * number): the allow-list of the agents' outbound calls. Returns when allowed, else throws the same refusal (403;
     * 400 not a number). The agent is on the call being transferred, so availability and the daily cap do not apply.
     */
    public void checkTransferNumber(String toNumber) {
        refuseUnlessListed(number(toNumber, TRANSFER_NUMBER_CHECKS), TRANSFER_NUMBER_CHECKS);
        metrics.counter(TRANSFER_NUMBER_CHECKS, "result", "allowed").increment();
    }

    private void refuseUnlessListed(String to, String counter) {
        if (prefixes.stream().noneMatch(to::startsWith)) {
            throw refused(counter, "prefix", ProblemException.forbidden(
                    "calls to " + PhoneNumbers.mask(to) + " are not allowed (DIRECTORY_OUTBOUND_PREFIXES)"));
        }
    }

    private ProblemException dailyCapReached(Agent agent) {
        return ProblemException.forbidden(
                "agent " + agent.name + " has placed the " + dailyCap + " outbound calls allowed today");
    }

    private static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    /** The refusal, counted under {@code counter} by its reason (null: not counted, e.g. the desk's own check). */
    private ProblemException refused(String counter, String reason, ProblemException problem) {
        if (counter != null) {
            metrics.counter(counter, "result", reason).increment();
        }
        return problem;
    }
}
