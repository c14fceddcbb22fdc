package io.contactcenter.gateway.service;

import io.contactcenter.gateway.client.Agent;
import io.contactcenter.gateway.client.DirectoryClient;
import io.contactcenter.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Which agent an in-app (Client SDK) user is, cached: a known user is remembered for
 * {@code gateway.agent-call.cache-ttl} and kept beyond that while the directory is down; an unknown user is
 * remembered for at most 30 seconds.
 */
@ApplicationScoped
public class AgentLookup {

    private static final Logger LOG = Logger.getLogger(AgentLookup.class);
    private static final Duration UNKNOWN_TTL = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 10_000;

    private final DirectoryClient directory;
    private final Duration ttl;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public AgentLookup(DirectoryClient directory, GatewayConfig config) {
        this.directory = directory;
        this.ttl = config.agentCall().cacheTtl();
    }

    public Optional<Agent> byAppUser(String appUser) {
        Instant now = Instant.now();
        Entry cached = cache.get(appUser);
        if (cached != null && cached.expiresAt().isAfter(now)) {
            return cached.agent();
        }
        try {
            List<Agent> agents = directory.agentsByAppUser(appUser);
            Optional<Agent> agent = agents == null ? Optional.empty() : agents.stream()
                    .filter(a -> a.endpoint() != null && "app".equals(a.endpoint().type())
                            && appUser.equals(a.endpoint().value()))
                    .findFirst();
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(appUser, new Entry(agent, now.plus(agent.isPresent() ? ttl : min(ttl, UNKNOWN_TTL))));
            return agent;
        } catch (RuntimeException e) {
            LOG.warnf("directory did not answer who app user %s is: %s", appUser, e.toString());
            return cached == null ? Optional.empty() : cached.agent();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record Entry(Optional<Agent> agent, Instant expiresAt) {
    }
}
