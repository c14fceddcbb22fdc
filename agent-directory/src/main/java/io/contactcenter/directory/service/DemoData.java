package io.contactcenter.directory.service;

import io.contactcenter.directory.config.DirectoryConfig;
import io.contactcenter.directory.domain.DepartmentRepository;
import io.contactcenter.directory.domain.EndpointType;
import io.contactcenter.directory.rest.AgentRequest;
import io.contactcenter.directory.rest.AgentView;
import io.contactcenter.directory.rest.DepartmentRequest;
import io.contactcenter.directory.rest.DepartmentView;
import io.contactcenter.directory.rest.DispositionChoice;
import io.contactcenter.directory.rest.EndpointDto;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The tutorial's contact center, loaded into an empty directory when {@code directory.demo-data=true} (the
 * local run sets it; prod never does): Sales on 1 with Jane, Support on 2 with Joe and in-app agent Alice (a
 * supervisor), each department's dispositions, and with {@code DIRECTORY_DEMO_PASSWORD} the three agents' password.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    private final DirectoryConfig config;
    private final DepartmentRepository departmentRepository;
    private final DepartmentService departments;
    private final AgentService agents;
    private final DispositionService dispositions;
    private final SignInService signIn;

    public DemoData(DirectoryConfig config, DepartmentRepository departmentRepository, DepartmentService departments,
            AgentService agents, DispositionService dispositions, SignInService signIn) {
        this.config = config;
        this.departmentRepository = departmentRepository;
        this.departments = departments;
        this.agents = agents;
        this.dispositions = dispositions;
        this.signIn = signIn;
    }

    @Transactional
    void load(@Observes StartupEvent start) {
        if (!config.demoData() || departmentRepository.count() > 0) {
            return;
        }
        DepartmentView sales = departments.create(new DepartmentRequest(1, "Sales", "Sales", 60, 20, 5, 3, true));
        DepartmentView support = departments.create(new DepartmentRequest(2, "Support", "Support", 60, 20, 5, 3, true));
        List<AgentView> demoAgents = List.of(
                agents.create(new AgentRequest("Jane", List.of(sales.id()),
                        new EndpointDto(EndpointType.PHONE, "14155550101"), null, false)),
                agents.create(new AgentRequest("Joe", List.of(support.id()),
                        new EndpointDto(EndpointType.PHONE, "14155550102"), null, false)),
                agents.create(new AgentRequest("Alice", List.of(support.id()),
                        new EndpointDto(EndpointType.APP, "alice"), null, true)));
        dispositions.replaceChoices(sales.id(), List.of(new DispositionChoice("SALE", "Sale"),
                new DispositionChoice("QUOTE_SENT", "Quote sent"), new DispositionChoice("NO_SALE", "No sale"),
                new DispositionChoice("CALL_BACK", "Call back")));
        dispositions.replaceChoices(support.id(), List.of(new DispositionChoice("RESOLVED", "Resolved"),
                new DispositionChoice("ESCALATED", "Escalated"), new DispositionChoice("FOLLOW_UP", "Follow-up needed"),
                new DispositionChoice("WRONG_DEPARTMENT", "Wrong department")));
        config.demoPassword().filter(password -> !password.isBlank()).ifPresent(password ->
                demoAgents.forEach(agent -> signIn.setPassword(agent.id(), password)));
        LOG.infof("demo data loaded: Sales (1) with Jane, Support (2) with Joe and in-app agent alice (a supervisor); "
                + "demo passwords %s", config.demoPassword().filter(p -> !p.isBlank()).isPresent()
                ? "set (DIRECTORY_DEMO_PASSWORD)" : "not set");
    }
}
