package io.contactcenter.wallboard.rest;

import io.contactcenter.wallboard.config.WallboardConfig;
import io.contactcenter.wallboard.service.Figures;
import io.contactcenter.wallboard.service.WallboardQueries;
import io.contactcenter.wallboard.streams.Json;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The wallboard's read API (role {@code supervisor}). Any instance answers for all departments: it reads its own
 * stores and asks the other instances for theirs, with the caller's token.
 */
@Path("/wallboard")
@RolesAllowed("supervisor")
public class WallboardResource {

    private final WallboardQueries queries;
    private final WallboardConfig config;

    public WallboardResource(WallboardQueries queries, WallboardConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @GET
    @Path("/departments")
    @Produces(MediaType.APPLICATION_JSON)
    public List<DepartmentFigures> departments(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return queries.departments(authorization);
    }

    @GET
    @Path("/agents")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AgentFigures> agents(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return queries.agents(authorization);
    }

    /**
     * Server push for the live page: a {@link Snapshot} at once and then whenever a figure changed (looked at every
     * {@code wallboard.push-interval}). A moment when the figures cannot be read (instances rebalancing) is skipped.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<Snapshot> stream(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        AtomicReference<Snapshot> last = new AtomicReference<>();
        return Multi.createFrom().ticks().startingAfter(java.time.Duration.ofMillis(1)).every(config.pushInterval())
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> snapshot(authorization))
                .filter(Optional::isPresent).map(Optional::get)
                .filter(snapshot -> changed(last.getAndSet(snapshot), snapshot));
    }

    private Optional<Snapshot> snapshot(String authorization) {
        try {
            var all = queries.everything(authorization);
            Instant now = Instant.now();
            return Optional.of(new Snapshot(now, Figures.departments(all.boards(), all.agents(), now, config.zone()),
                    Figures.agents(all.boards(), all.agents(), now, config.zone()), PageThresholds.of(config)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean changed(Snapshot before, Snapshot now) {
        return before == null || !before.departments().equals(now.departments())
                || !before.agents().equals(now.agents());
    }

    /** This instance's own stores, for the other instances' queries. */
    @GET
    @Path("/internal/local")
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] local() {
        return Json.write(queries.local());
    }
}
