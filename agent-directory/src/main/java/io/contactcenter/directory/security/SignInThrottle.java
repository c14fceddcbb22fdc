package io.contactcenter.directory.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Failed sign-ins counted per key (an account name, a client address) in fixed windows, in PostgreSQL so that every
 * replica counts the same attempts and a restart forgets nothing. A key with {@code limit} failures in its current
 * window is refused until the window ends.
 */
@ApplicationScoped
public class SignInThrottle {

    private final EntityManager entityManager;
    private final Clock clock;

    public SignInThrottle(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** How long {@code key} is still refused, when it reached {@code limit} failures in its current window. */
    public Optional<Duration> refusedFor(String key, int limit, Duration window) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(
                            "select failures, window_start from directory.sign_in_failure where throttle_key = :key")
                    .setParameter("key", key).getResultList();
            return rows.stream().findFirst().flatMap(row -> {
                Instant windowEnd = instant(row[1]).plus(window);
                return ((Number) row[0]).intValue() >= limit && windowEnd.isAfter(now)
                        ? Optional.of(Duration.between(now, windowEnd))
                        : Optional.empty();
            });
        });
    }

    /** Counts a failure of each key (committed at once: the caller answers 401 afterwards). */
    public void failed(Duration window, String... keys) {
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            for (String key : keys) {
                entityManager.createNativeQuery("""
                        insert into directory.sign_in_failure as f (throttle_key, failures, window_start)
                        values (:key, 1, :now)
                        on conflict (throttle_key) do update set
                            failures = case when f.window_start <= :expired then 1 else f.failures + 1 end,
                            window_start = case when f.window_start <= :expired then :now else f.window_start end""")
                        .setParameter("key", key).setParameter("now", now).setParameter("expired", now.minus(window))
                        .executeUpdate();
            }
        });
    }

    /** Forgets the failures of {@code key} (a successful sign-in of the account). */
    public void succeeded(String key) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from directory.sign_in_failure where throttle_key = :key")
                .setParameter("key", key).executeUpdate());
    }

    /** Windows long over are forgotten (the longest window of any key is well under a day). */
    @Scheduled(every = "1h", delayed = "1m")
    void forgetOld() {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from directory.sign_in_failure where window_start < :old")
                .setParameter("old", clock.instant().minus(Duration.ofDays(1))).executeUpdate());
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
    }
}
