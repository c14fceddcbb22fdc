package io.contactcenter.wallboard.service;

import io.contactcenter.events.AgentActivity;
import io.contactcenter.support.problem.ProblemException;
import io.contactcenter.wallboard.config.WallboardConfig;
import io.contactcenter.wallboard.domain.DepartmentBoard;
import io.contactcenter.wallboard.rest.AgentFigures;
import io.contactcenter.wallboard.rest.DepartmentFigures;
import io.contactcenter.wallboard.streams.Json;
import io.contactcenter.wallboard.streams.LocalState;
import io.contactcenter.wallboard.streams.WallboardStreams;
import io.contactcenter.wallboard.streams.WallboardTopology;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries over all instances: this instance's stores are read directly; for the partitions other
 * instances own (the streams metadata names their {@code application.server}), their
 * {@code GET /wallboard/internal/local} is asked with the caller's own bearer token.
 */
@ApplicationScoped
public class WallboardQueries {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(2);

    private final WallboardStreams streams;
    private final WallboardConfig config;
    private final HostInfo self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PEER_TIMEOUT).build();
    private final Clock clock = Clock.systemUTC();

    public WallboardQueries(WallboardStreams streams, WallboardConfig config) {
        this.streams = streams;
        this.config = config;
        this.self = HostInfo.buildFromEndpoint(streams.applicationServer());
    }

    public List<DepartmentFigures> departments(String authorization) {
        LocalState all = everything(authorization);
        return Figures.departments(all.boards(), all.agents(), clock.instant(), config.zone());
    }

    public List<AgentFigures> agents(String authorization) {
        LocalState all = everything(authorization);
        return Figures.agents(all.boards(), all.agents(), clock.instant(), config.zone());
    }

    /** Boards and agents of all instances. */
    public LocalState everything(String authorization) {
        KafkaStreams running = running();
        Collection<StreamsMetadata> clients = running.metadataForAllStreamsClients();
        if (clients.isEmpty()) {
            throw unavailable();
        }
        Map<String, DepartmentBoard> boards = new LinkedHashMap<>();
        Map<String, AgentActivity> agents = new LinkedHashMap<>();
        for (StreamsMetadata client : clients) {
            LocalState part = isSelf(client.hostInfo(), clients.size()) ? local() : peer(client.hostInfo(),
                    authorization);
            part.boards().forEach(board -> boards.putIfAbsent(board.department(), board));
            part.agents().forEach(agent -> agents.putIfAbsent(agent.agentId(), agent));
        }
        return new LocalState(new ArrayList<>(boards.values()), new ArrayList<>(agents.values()));
    }

    /** This instance's own (active) partitions. */
    public LocalState local() {
        KafkaStreams running = running();
        try {
            return new LocalState(values(running.store(StoreQueryParameters.fromNameAndType(
                    WallboardTopology.BOARDS_STORE, QueryableStoreTypes.<String, DepartmentBoard>keyValueStore()))),
                    values(running.store(StoreQueryParameters.fromNameAndType(WallboardTopology.AGENTS_STORE,
                            QueryableStoreTypes.<String, AgentActivity>keyValueStore()))));
        } catch (InvalidStateStoreException e) {
            throw unavailable();
        }
    }

    /** A lone instance is this one, whatever address it advertises (tests on a random port). */
    private boolean isSelf(HostInfo host, int instances) {
        return instances == 1 || self.equals(host);
    }

    private LocalState peer(HostInfo host, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://" + host.host() + ":" + host.port() + "/wallboard/internal/local"))
                .timeout(PEER_TIMEOUT).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new ProblemException(response.statusCode(), response.statusCode() == 401 ? "Unauthorized"
                        : "Forbidden", "the instance owning some departments refused the token");
            }
            if (response.statusCode() != 200) {
                throw unavailable();
            }
            return Json.read(response.body(), LocalState.class);
        } catch (IOException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private KafkaStreams running() {
        KafkaStreams running = streams.streams();
        if (running == null || !running.state().isRunningOrRebalancing()) {
            throw unavailable();
        }
        return running;
    }

    private static ProblemException unavailable() {
        return new ProblemException(503, "Service Unavailable",
                "the figures are being moved between wallboard instances; try again in a moment");
    }

    private static <V> List<V> values(ReadOnlyKeyValueStore<String, V> store) {
        List<V> values = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(entry -> values.add(entry.value));
        }
        return values;
    }
}
