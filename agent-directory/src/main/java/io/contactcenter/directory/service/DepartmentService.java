package io.contactcenter.directory.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.directory.domain.AgentRepository;
import io.contactcenter.directory.domain.Department;
import io.contactcenter.directory.domain.DepartmentRepository;
import io.contactcenter.directory.rest.DepartmentRequest;
import io.contactcenter.directory.rest.DepartmentView;
import io.contactcenter.directory.rest.OpeningHoursDto;
import io.contactcenter.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

@ApplicationScoped
public class DepartmentService {

    private final DepartmentRepository departments;
    private final AgentRepository agents;
    private final ObjectMapper json;

    public DepartmentService(DepartmentRepository departments, AgentRepository agents, ObjectMapper json) {
        this.departments = departments;
        this.agents = agents;
        this.json = json;
    }

    @Transactional
    public List<DepartmentView> list() {
        return departments.listByDigit().stream().map(this::view).toList();
    }

    @Transactional
    public DepartmentView get(UUID id) {
        return view(find(id));
    }

    @Transactional
    public DepartmentView create(DepartmentRequest request) {
        Department department = new Department();
        department.id = UUID.randomUUID();
        apply(department, request);
        departments.persist(department);
        return view(department);
    }

    @Transactional
    public DepartmentView replace(UUID id, DepartmentRequest request) {
        Department department = find(id);
        apply(department, request);
        return view(department);
    }

    @Transactional
    public void delete(UUID id) {
        Department department = find(id);
        if (agents.countInDepartment(id) > 0) {
            throw ProblemException.conflict("department " + department.name + " still has agents; move them first");
        }
        departments.delete(department);
    }

    /** The department's opening hours, or 404 when it has none (always open). */
    @Transactional
    public OpeningHoursDto openingHours(UUID id) {
        OpeningHoursDto hours = hours(find(id));
        if (hours == null) {
            throw ProblemException.notFound("department " + id + " has no opening hours: it is always open");
        }
        return hours;
    }

    /** Replaces the opening hours as a whole (validated; 400 problem+json naming the bad entry). */
    @Transactional
    public OpeningHoursDto setOpeningHours(UUID id, OpeningHoursDto hours) {
        Department department = find(id);
        OpeningHoursDto normalized = OpeningHoursRules.normalized(hours);
        try {
            department.openingHours = json.writeValueAsString(normalized);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write opening hours", e);
        }
        return normalized;
    }

    /** Always open again. */
    @Transactional
    public void clearOpeningHours(UUID id) {
        find(id).openingHours = null;
    }

    Department find(UUID id) {
        Department department = id == null ? null : departments.findById(id);
        if (department == null) {
            throw ProblemException.notFound("unknown department " + id);
        }
        return department;
    }

    private DepartmentView view(Department d) {
        return new DepartmentView(d.id, d.digit, d.name, d.spokenName, d.maxWaitSeconds, d.ringingTimeoutSeconds,
                d.wrapUpSeconds, d.maxAttempts, d.surveyEnabled, d.musicOnHold, d.musicOnHoldUrl, d.voicemailEnabled,
                hours(d), d.announcementIntervalSeconds, d.callbackOfferSeconds, d.callbackRetries, d.recording,
                d.transferPriority);
    }

    private OpeningHoursDto hours(Department department) {
        if (department.openingHours == null) {
            return null;
        }
        try {
            return json.readValue(department.openingHours, OpeningHoursDto.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored opening hours of " + department.id + " are unreadable", e);
        }
    }

    private void apply(Department department, DepartmentRequest request) {
        String name = request.name().strip();
        if (departments.digitTaken(request.digit(), department.id)) {
            throw ProblemException.conflict("digit " + request.digit() + " is already used by another department");
        }
        if (departments.nameTaken(name, department.id)) {
            throw ProblemException.conflict("a department named " + name + " already exists");
        }
        department.digit = request.digit();
        department.name = name;
        department.spokenName = request.spokenName() == null || request.spokenName().isBlank()
                ? name : request.spokenName().strip();
        department.maxWaitSeconds = Objects.requireNonNullElse(request.maxWaitSeconds(), 120);
        department.ringingTimeoutSeconds = Objects.requireNonNullElse(request.ringingTimeoutSeconds(), 20);
        department.wrapUpSeconds = Objects.requireNonNullElse(request.wrapUpSeconds(), 10);
        department.maxAttempts = Objects.requireNonNullElse(request.maxAttempts(), 3);
        department.surveyEnabled = Objects.requireNonNullElse(request.surveyEnabled(), true);
        department.musicOnHold = Objects.requireNonNullElse(request.musicOnHold(), true);
        department.musicOnHoldUrl = musicUrl(request.musicOnHoldUrl());
        department.voicemailEnabled = Objects.requireNonNullElse(request.voicemailEnabled(), true);
        department.announcementIntervalSeconds = Objects.requireNonNullElse(request.announcementIntervalSeconds(), 30);
        department.callbackOfferSeconds = Objects.requireNonNullElse(request.callbackOfferSeconds(), 60);
        department.callbackRetries = Objects.requireNonNullElse(request.callbackRetries(), 2);
        department.recording = Objects.requireNonNullElse(request.recording(), "off");
        department.transferPriority = Objects.requireNonNullElse(request.transferPriority(), false);
    }

    /** Vonage fetches hold music from the internet: an absolute https URL with a host, else 400. */
    private static String musicUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String url = value.strip();
        try {
            URI uri = new URI(url);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null) {
                return url;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw ProblemException.badRequest("musicOnHoldUrl must be an https URL (without user info), not '" + value + "'");
    }
}
