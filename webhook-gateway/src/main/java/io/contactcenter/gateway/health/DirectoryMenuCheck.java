package io.contactcenter.gateway.health;

import io.contactcenter.gateway.service.Menu;
import io.contactcenter.gateway.service.MenuCache;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the gateway has a menu to serve: the directory's (current or last known), or, while the directory was
 * never reached since start, a configured fallback menu ({@code GATEWAY_FALLBACK_MENU}). Only a gateway that was
 * never answered by the directory and has no fallback is not ready: it could only apologise to callers, and a new pod
 * with a wrong directory address or key then stays out of a rollout. Whether the directory answers right now is
 * reported by {@link DependencyChecks}, outside readiness.
 */
@Readiness
@ApplicationScoped
public class DirectoryMenuCheck implements HealthCheck {

    private final MenuCache menus;

    public DirectoryMenuCheck(MenuCache menus) {
        this.menus = menus;
    }

    @Override
    public HealthCheckResponse call() {
        Menu menu = menus.menu();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("directory-menu")
                .status(menu.source() == Menu.Source.DIRECTORY || !menu.isEmpty())
                .withData("source", menu.source().name())
                .withData("departments", menu.departments().size());
        if (menu.loadedAt() != null) {
            response.withData("loadedAt", menu.loadedAt().toString());
        }
        if (menus.lastFailure() != null) {
            response.withData("directoryFailingSince", String.valueOf(menus.lastFailureAt()))
                    .withData("lastFailure", menus.lastFailure());
        }
        if (menu.source() == Menu.Source.FALLBACK) {
            response.withData("note", menu.isEmpty()
                    ? "directory never reached since start and no fallback menu (GATEWAY_FALLBACK_MENU): callers hear an apology"
                    : "directory never reached since start: serving the configured fallback menu");
        }
        return response.build();
    }
}
