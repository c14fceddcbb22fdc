package io.contactcenter.directory.service;

import io.contactcenter.directory.config.DirectoryConfig;
import io.contactcenter.directory.domain.Agent;
import io.contactcenter.directory.domain.AgentRepository;
import io.contactcenter.directory.rest.SignInView;
import io.contactcenter.directory.security.AgentTokens;
import io.contactcenter.directory.security.Passwords;
import io.contactcenter.directory.security.RevokedTokens;
import io.contactcenter.directory.security.SignInThrottle;
import io.contactcenter.support.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Agents' passwords and sign-in. An unknown name and a wrong password look the same from outside: the same 401 and
 * the same work (a dummy hash is checked for an unknown name). Failures are throttled per account name and per client
 * address ({@link SignInThrottle}); the 429 says when to try again.
 */
@ApplicationScoped
public class SignInService {

    /** One body for every failed sign-in, whatever the reason. */
    public static final String WRONG_NAME_OR_PASSWORD = "wrong name or password";
    private static final Logger LOG = Logger.getLogger(SignInService.class);

    /** Throttled: try again after {@code retryAfter}. */
    public static final class Throttled extends RuntimeException {
        private final Duration retryAfter;

        Throttled(Duration retryAfter) {
            super("too many failed sign-ins; try again later", null, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    private final AgentRepository agents;
    private final Passwords passwords;
    private final AgentTokens tokens;
    private final RevokedTokens revoked;
    private final SignInThrottle throttle;
    private final DirectoryConfig.SignIn config;

    public SignInService(AgentRepository agents, Passwords passwords, AgentTokens tokens, RevokedTokens revoked,
            SignInThrottle throttle, DirectoryConfig config) {
        this.agents = agents;
        this.passwords = passwords;
        this.tokens = tokens;
        this.revoked = revoked;
        this.throttle = throttle;
        this.config = config.signIn();
    }

    public SignInView signIn(String name, String password, String clientAddress) {
        String accountKey = "account:" + name.strip().toLowerCase(Locale.ROOT);
        String addressKey = "address:" + clientAddress;
        refuseWhileThrottled(accountKey, config.failuresPerAccount());
        refuseWhileThrottled(addressKey, config.failuresPerAddress());
        Optional<Agent> agent = QuarkusTransaction.requiringNew().call(() -> {
            List<Agent> named = agents.byNameIgnoringCase(name.strip());
            return named.size() == 1 ? Optional.of(named.get(0)) : Optional.<Agent>empty(); // ambiguous: no sign-in
        });
        // checked outside any transaction: bcrypt is slow on purpose
        if (!passwords.matches(password, agent.map(a -> a.passwordHash).orElse(null))) {
            throttle.failed(config.failureWindow(), accountKey, addressKey);
            LOG.infof("failed sign-in for %s from %s", agent.map(a -> "agent " + a.id).orElse("an unknown name"),
                    clientAddress);
            throw new ProblemException(401, "Unauthorized", WRONG_NAME_OR_PASSWORD);
        }
        throttle.succeeded(accountKey);
        return signedIn(agent.get());
    }

    /** A fresh token for the agent of a valid agent token. */
    public SignInView renew(UUID agentId) {
        Agent agent = QuarkusTransaction.requiringNew().call(() -> agents.findById(agentId));
        if (agent == null) {
            throw new ProblemException(401, "Unauthorized", "the agent no longer exists");
        }
        return signedIn(agent);
    }

    /** The token {@code jti} is refused from now until it expires. */
    public void signOut(String jti, Instant expiresAt) {
        if (jti != null) {
            QuarkusTransaction.requiringNew().run(() -> revoked.revoke(jti, expiresAt));
        }
    }

    /** An admin sets the agent's password. */
    public void setPassword(UUID agentId, String password) {
        String hash = passwords.hash(password);
        QuarkusTransaction.joiningExisting().run(() -> lockAgent(agentId).passwordHash = hash);
    }

    /** The agent changes its own password; a wrong current one is a 401 and counts as a failed sign-in. */
    public void changePassword(UUID agentId, String currentPassword, String newPassword) {
        String accountKey = QuarkusTransaction.requiringNew().call(
                () -> "account:" + lockAgent(agentId).name.toLowerCase(Locale.ROOT));
        refuseWhileThrottled(accountKey, config.failuresPerAccount());
        String currentHash = QuarkusTransaction.requiringNew().call(() -> lockAgent(agentId).passwordHash);
        if (!passwords.matches(currentPassword, currentHash)) {
            throttle.failed(config.failureWindow(), accountKey);
            throw new ProblemException(401, "Unauthorized", "the current password is wrong");
        }
        setPassword(agentId, newPassword);
    }

    private SignInView signedIn(Agent agent) {
        AgentTokens.Signed signed = tokens.sign(agent.id, agent.supervisor);
        return new SignInView(agent.id, agent.name, signed.token(), signed.expiresAt(), signed.roles());
    }

    private void refuseWhileThrottled(String key, int limit) {
        throttle.refusedFor(key, limit, config.failureWindow()).ifPresent(wait -> {
            throw new Throttled(wait);
        });
    }

    private Agent lockAgent(UUID agentId) {
        Agent agent = agents.lockById(agentId);
        if (agent == null) {
            throw ProblemException.notFound("unknown agent " + agentId);
        }
        return agent;
    }
}
