package io.contactcenter.directory.service;

import io.contactcenter.directory.domain.AgentRepository;
import io.contactcenter.directory.domain.Department;
import io.contactcenter.directory.domain.DepartmentRepository;
import io.contactcenter.directory.rest.DepartmentRequest;
import io.contactcenter.directory.rest.DepartmentView;
import io.contactcenter.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

@ApplicationScoped
public class DepartmentService {

    private final DepartmentRepository departments;
    private final AgentRepository agents;

    public DepartmentService(DepartmentRepository departments, AgentRepository agents) {
        this.departments = departments;
        this.agents = agents;
    }

    @Transactional
    public List<DepartmentView> list() {
        return departments.listByDigit().stream().map(Views::of).toList();
    }

    @Transactional
    public DepartmentView get(UUID id) {
        return Views.of(find(id));
    }

    @Transactional
    public DepartmentView create(DepartmentRequest request) {
        Department department = new Department();
        department.id = UUID.randomUUID();
        apply(department, request);
        departments.persist(department);
        return Views.of(department);
    }

    @Transactional
    public DepartmentView replace(UUID id, DepartmentRequest request) {
        Department department = find(id);
        apply(department, request);
        return Views.of(department);
    }

    @Transactional
    public void delete(UUID id) {
        Department department = find(id);
        if (agents.countInDepartment(id) > 0) {
            throw ProblemException.conflict("department " + department.name + " still has agents; move them first");
        }
        departments.delete(department);
    }

    Department find(UUID id) {
        Department department = id == null ? null : departments.findById(id);
        if (department == null) {
            throw ProblemException.notFound("unknown department " + id);
        }
        return department;
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
    }
}
