package io.contactcenter.directory.service;

import io.contactcenter.directory.config.DirectoryConfig;
import io.contactcenter.directory.domain.DepartmentRepository;
import io.contactcenter.directory.domain.EndpointType;
import io.contactcenter.directory.rest.AgentRequest;
import io.contactcenter.directory.rest.DepartmentRequest;
import io.contactcenter.directory.rest.DepartmentView;
import io.contactcenter.directory.rest.EndpointDto;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The tutorial's contact center, loaded into an empty directory when {@code directory.demo-data=true} (the
 * local run sets it; prod never does): Sales on 1 with Jane, Support on 2 with Joe and in-app agent Alice.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    private final DirectoryConfig config;
    private final DepartmentRepository departmentRepository;
    private final DepartmentService departments;
    private final AgentService agents;

    public DemoData(DirectoryConfig config, DepartmentRepository departmentRepository, DepartmentService departments,
            AgentService agents) {
        this.config = config;
        this.departmentRepository = departmentRepository;
        this.departments = departments;
        this.agents = agents;
    }

    @Transactional
    void load(@Observes StartupEvent start) {
        if (!config.demoData() || departmentRepository.count() > 0) {
            return;
        }
        DepartmentView sales = departments.create(new DepartmentRequest(1, "Sales", "Sales", 60, 20, 5, 3, true));
        DepartmentView support = departments.create(new DepartmentRequest(2, "Support", "Support", 60, 20, 5, 3, true));
        agents.create(new AgentRequest("Jane", List.of(sales.id()), new EndpointDto(EndpointType.PHONE, "14155550101"), null));
        agents.create(new AgentRequest("Joe", List.of(support.id()), new EndpointDto(EndpointType.PHONE, "14155550102"), null));
        agents.create(new AgentRequest("Alice", List.of(support.id()), new EndpointDto(EndpointType.APP, "alice"), null));
        LOG.info("demo data loaded: Sales (1) with Jane, Support (2) with Joe and in-app agent alice");
    }
}
