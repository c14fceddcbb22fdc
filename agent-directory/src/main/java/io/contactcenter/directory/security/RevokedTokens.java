package io.contactcenter.directory.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-out tokens (by {@code jti}), refused until they would have expired. Stored in PostgreSQL, so a sign-out
 * holds across restarts and replicas; every replica keeps the current list in memory (read again every second), so
 * checking a request's token never waits for the database. A replica learns of another's sign-out within a second.
 */
@ApplicationScoped
@Startup
public class RevokedTokens {

    private final EntityManager entityManager;
    private final Clock clock;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    public RevokedTokens(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Revokes the token {@code jti} until {@code expiresAt}; call inside a transaction. */
    public void revoke(String jti, Instant expiresAt) {
        entityManager.createNativeQuery("""
                insert into directory.revoked_token (jti, expires_at) values (:jti, :expires) on conflict do nothing""")
                .setParameter("jti", jti).setParameter("expires", expiresAt).executeUpdate();
        revoked.put(jti, expiresAt);
    }

    public boolean isRevoked(String jti) {
        return jti != null && revoked.containsKey(jti);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reload() {
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = clock.instant();
            entityManager.createNativeQuery("delete from directory.revoked_token where expires_at < :now")
                    .setParameter("now", now).executeUpdate();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(
                    "select jti, expires_at from directory.revoked_token").getResultList();
            rows.forEach(r -> revoked.put((String) r[0], r[1] instanceof Timestamp t ? t.toInstant() : (Instant) r[1]));
            // only expiry removes an entry: a revocation still being committed is never forgotten
            revoked.values().removeIf(expiresAt -> expiresAt.isBefore(now));
        });
    }
}
