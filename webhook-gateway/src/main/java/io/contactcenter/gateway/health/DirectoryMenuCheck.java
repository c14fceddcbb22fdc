package io.contactcenter.gateway.health;

import io.contactcenter.gateway.service.Menu;
import io.contactcenter.gateway.service.MenuCache;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the menu came from the directory at least once. A directory that goes away later keeps the gateway
 * ready (it serves the last known menu; the check says since when the directory fails); a directory never reached
 * since start makes it not ready (it serves the configured fallback menu).
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
                .status(menu.source() == Menu.Source.DIRECTORY)
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
            response.withData("note", "directory never reached since start: serving the configured fallback menu");
        }
        return response.build();
    }
}
