package io.contactcenter.directory.service;

import io.contactcenter.directory.domain.AgentRepository;
import io.contactcenter.directory.domain.Voicemail;
import io.contactcenter.directory.domain.VoicemailRepository;
import io.contactcenter.directory.rest.VoicemailRequest;
import io.contactcenter.directory.rest.VoicemailView;
import io.contactcenter.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Messages callers left outside a department's opening hours: stored once per call, read by the department. */
@ApplicationScoped
public class VoicemailService {

    private final VoicemailRepository voicemails;
    private final DepartmentService departments;
    private final AgentRepository agents;
    private final Clock clock;

    public VoicemailService(VoicemailRepository voicemails, DepartmentService departments, AgentRepository agents,
            Clock clock) {
        this.voicemails = voicemails;
        this.departments = departments;
        this.agents = agents;
        this.clock = clock;
    }

    /** Stores the message (a repeat of the same call returns the first one unchanged). */
    @Transactional
    public VoicemailView store(VoicemailRequest request) {
        departments.find(request.departmentId());
        Voicemail v = new Voicemail();
        v.id = UUID.randomUUID();
        v.callId = request.callId().strip();
        v.departmentId = request.departmentId();
        v.callerNumber = request.callerNumber() == null || request.callerNumber().isBlank() ? null
                : request.callerNumber().strip();
        v.recordingUrl = recordingUrl(request.recordingUrl());
        v.recordingUuid = request.recordingUuid();
        v.durationSeconds = request.durationSeconds();
        v.recordedAt = request.recordedAt();
        v.receivedAt = Instant.now(clock);
        voicemails.insertOnce(v);
        return view(voicemails.findByCall(v.callId).orElseThrow());
    }

    /**
     * The department's messages, newest first.
     *
     * @param agentId the asking agent (its token's subject), or null for staff; an agent must belong to the department
     */
    @Transactional
    public List<VoicemailView> forDepartment(UUID departmentId, UUID agentId, int limit) {
        departments.find(departmentId);
        if (agentId != null) {
            var agent = agents.findByIdOptional(agentId);
            if (agent.isEmpty() || !agent.get().departmentIds.contains(departmentId)) {
                throw ProblemException.forbidden("only the department's own agents may read its messages");
            }
        }
        return voicemails.latest(departmentId, limit).stream().map(VoicemailService::view).toList();
    }

    private static String recordingUrl(String value) {
        try {
            URI uri = new URI(value.strip());
            if (("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw ProblemException.badRequest("recordingUrl must be an http(s) URL");
    }

    private static VoicemailView view(Voicemail v) {
        return new VoicemailView(v.id, v.callId, v.departmentId, v.callerNumber, v.recordingUrl, v.recordingUuid,
                v.durationSeconds, v.recordedAt, v.receivedAt);
    }
}
