package io.contactcenter.directory.service;

import io.contactcenter.directory.config.DirectoryConfig;
import io.contactcenter.directory.domain.Agent;
import io.contactcenter.directory.domain.AgentRepository;
import io.contactcenter.directory.domain.AgentStatus;
import io.contactcenter.directory.domain.EndpointType;
import io.contactcenter.directory.domain.OutboundCallRepository;
import io.contactcenter.directory.rest.OutboundCallRequest;
import io.contactcenter.directory.rest.OutboundCallView;
import io.contactcenter.support.PhoneNumbers;
import io.contactcenter.support.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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

    private final AgentRepository agents;
    private final OutboundCallRepository calls;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final List<String> prefixes;
    private final int dailyCap;

    public OutboundCallService(AgentRepository agents, OutboundCallRepository calls, DirectoryConfig config,
            MeterRegistry metrics, Clock clock) {
        this.agents = agents;
        this.calls = calls;
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

    @Transactional
    public OutboundCallView allow(OutboundCallRequest request) {
        Matcher number = NUMBER.matcher(request.to().strip());
        if (!number.matches()) {
            throw refused("not_a_number", ProblemException.badRequest("'to' is not an E.164 phone number"));
        }
        String to = number.group(1);
        Agent agent = agents.byEndpoint(EndpointType.APP, request.appUser()).stream().findFirst()
                .orElseThrow(() -> refused("unknown_user", ProblemException.notFound(
                        "no agent is reached as in-app user " + request.appUser())));
        if (agent.status != AgentStatus.AVAILABLE) {
            throw refused("not_available", ProblemException.forbidden(
                    "agent " + agent.name + " is " + agent.status + ": outbound calls only while AVAILABLE"));
        }
        if (prefixes.stream().noneMatch(to::startsWith)) {
            throw refused("prefix", ProblemException.forbidden(
                    "calls to " + PhoneNumbers.mask(to) + " are not allowed (DIRECTORY_OUTBOUND_PREFIXES)"));
        }
        Instant now = clock.instant();
        if (!calls.record(request.callId(), agent.id, to, now)) {
            // Vonage repeated the answer webhook: the same call, allowed once already and counted then
            return calls.find(request.callId())
                    .filter(known -> known.agentId().equals(agent.id) && known.toNumber().equals(to))
                    .map(known -> new OutboundCallView(request.callId(), agent.id, to))
                    .orElseThrow(() -> refused("call_id_reused", ProblemException.forbidden(
                            "call " + request.callId() + " was allowed for another agent or number")));
        }
        if (!calls.countBelowCap(agent.id, LocalDate.ofInstant(now, ZoneOffset.UTC), dailyCap)) {
            // the exception rolls the call's row back: a refused call is not recorded
            throw refused("daily_cap", ProblemException.forbidden(
                    "agent " + agent.name + " has placed the " + dailyCap + " outbound calls allowed today"));
        }
        metrics.counter("directory_outbound_calls", "result", "allowed").increment();
        return new OutboundCallView(request.callId(), agent.id, to);
    }

    private ProblemException refused(String reason, ProblemException problem) {
        metrics.counter("directory_outbound_calls", "result", reason).increment();
        return problem;
    }
}
