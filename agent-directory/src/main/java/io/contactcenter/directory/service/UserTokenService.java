package io.contactcenter.directory.service;

import com.vonage.jwt.Jwt;
import io.contactcenter.directory.config.DirectoryConfig;
import io.contactcenter.directory.domain.Agent;
import io.contactcenter.directory.domain.EndpointType;
import io.contactcenter.directory.rest.UserToken;
import io.contactcenter.support.problem.ProblemException;
import io.contactcenter.support.vonage.PrivateKeys;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Vonage Client SDK login tokens for in-app agents: RS256, signed with the Vonage application's private key,
 * {@code sub} = the agent's Vonage user name, an ACL limited to the paths the Client SDK uses.
 */
@ApplicationScoped
@Startup
public class UserTokenService {

    private static final Logger LOG = Logger.getLogger(UserTokenService.class);

    /**
     * The paths the agent desk (the web Client SDK) needs: Vonage's own sample token for in-app voice without the
     * devices and push paths, which its tutorials say only Android and iOS apps need
     * (developer.vonage.com/en/tutorials/vg-app-to-phone/generate-jwt-alice/javascript), and nothing administrative
     * (no applications path, no wildcard).
     */
    static final Map<String, Object> CLIENT_SDK_ACL = Map.of("paths", Map.of(
            "/*/rtc/**", Map.of(), "/*/users/**", Map.of(), "/*/conversations/**", Map.of(),
            "/*/sessions/**", Map.of(), "/*/knocking/**", Map.of(), "/*/legs/**", Map.of()));

    private final AgentService agents;
    private final DirectoryConfig config;
    private final Clock clock;
    private final Optional<String> privateKeyPem;

    public UserTokenService(AgentService agents, DirectoryConfig config, Clock clock) {
        this.agents = agents;
        this.config = config;
        this.clock = clock;
        this.privateKeyPem = config.vonage().privateKey().map(PrivateKeys::pemContents);
        if (config.vonage().applicationId().isEmpty() || privateKeyPem.isEmpty()) {
            LOG.warn("VONAGE_APPLICATION_ID or VONAGE_PRIVATE_KEY is not set: in-app agents cannot log in "
                    + "(POST /api/jwt answers 503)");
        }
    }

    @Transactional
    public UserToken issue(UUID agentId) {
        Agent agent = agents.find(agentId);
        if (agent.endpointType != EndpointType.APP) {
            throw ProblemException.conflict("agent " + agent.name + " is reached by " + agent.endpointType.json()
                    + ", not as an in-app user");
        }
        if (config.vonage().applicationId().isEmpty() || privateKeyPem.isEmpty()) {
            throw new ProblemException(503, "Service Unavailable",
                    "in-app login is not configured: set VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY");
        }
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        ZonedDateTime expiresAt = now.plus(config.vonage().userTokenTtl());
        String token = Jwt.builder()
                .applicationId(config.vonage().applicationId().get())
                .privateKeyContents(privateKeyPem.get())
                .subject(agent.endpointValue)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .addClaim("acl", CLIENT_SDK_ACL)
                .build()
                .generate();
        return new UserToken(agent.id, agent.endpointValue, token, expiresAt.toInstant());
    }
}
