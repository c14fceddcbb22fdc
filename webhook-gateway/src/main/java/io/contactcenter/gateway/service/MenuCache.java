package io.contactcenter.gateway.service;

import io.contactcenter.directory.client.DirectoryModel.Department;
import io.contactcenter.directory.client.DirectoryClient;
import io.contactcenter.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The menu from the directory's departments, refreshed in the background. Webhooks only read the cached
 * value, so they never wait on the directory: directory down means the last known menu, and a directory never
 * reached since start means the configured fallback menu.
 */
@ApplicationScoped
public class MenuCache {

    private static final Logger LOG = Logger.getLogger(MenuCache.class);

    private final DirectoryClient directory;
    private final Menu fallback;
    private final AtomicReference<Menu> current;
    private volatile Instant lastFailureAt;
    private volatile String lastFailure;
    private volatile boolean stopping;

    public MenuCache(DirectoryClient directory, GatewayConfig config) {
        this.directory = directory;
        this.fallback = new Menu(parseFallback(config.menu().fallbackDepartments().orElse(List.of())),
                Menu.Source.FALLBACK, null);
        this.current = new AtomicReference<>(fallback);
    }

    /** First run right after start, then every {@code gateway.directory.refresh-every}. */
    @Scheduled(every = "${gateway.directory.refresh-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        if (!stopping) {
            refresh();
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopping = true;
    }

    /** Asks the directory now; keeps the previous menu when it does not answer. */
    public void refresh() {
        try {
            List<Department> departments = new ArrayList<>(directory.departments());
            departments.removeIf(d -> d == null || d.id() == null || d.digit() < 0 || d.digit() > 9);
            departments.sort(Comparator.comparingInt(Department::digit));
            Menu previous = current.getAndSet(new Menu(departments, Menu.Source.DIRECTORY, Instant.now()));
            if (previous.source() != Menu.Source.DIRECTORY || lastFailure != null) {
                LOG.infof("menu loaded from the directory: %d departments", departments.size());
            }
            lastFailure = null;
        } catch (RuntimeException e) {
            lastFailureAt = Instant.now();
            if (lastFailure == null) {
                LOG.warnf("directory not reachable, serving the %s menu: %s",
                        current.get().source() == Menu.Source.DIRECTORY ? "last known" : "fallback", e.toString());
            }
            lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    public Menu menu() {
        return current.get();
    }

    public String lastFailure() {
        return lastFailure;
    }

    public Instant lastFailureAt() {
        return lastFailureAt;
    }

    static List<Department> parseFallback(List<String> entries) {
        List<Department> departments = new ArrayList<>();
        for (String entry : entries) {
            String[] parts = entry.trim().split(":", 3);
            if (parts.length != 3 || parts[0].length() != 1 || !Character.isDigit(parts[0].charAt(0))) {
                throw new IllegalArgumentException(
                        "gateway.menu.fallback-departments entries are digit:departmentId:Spoken Name, not: " + entry);
            }
            departments.add(new Department(parts[1].trim(), parts[0].charAt(0) - '0', parts[2].trim(), parts[2].trim()));
        }
        departments.sort(Comparator.comparingInt(Department::digit));
        return departments;
    }
}
