package io.contactcenter.routing.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The first answer to each control request that carried an {@code Idempotency-Key}, per call, written in the
 * request's transaction (the call's row locked, so two requests with one key never both act).
 */
@ApplicationScoped
public class IdempotentRequests {

    /** A stored answer: the request's fingerprint, the status and the JSON body it got. */
    public record Answer(String requestHash, int status, String body) {
    }

    private final EntityManager em;

    public IdempotentRequests(EntityManager em) {
        this.em = em;
    }

    public Optional<Answer> find(String callId, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select request_hash, status, body from idempotent_request where call_id = ?1 and request_key = ?2""")
                .setParameter(1, callId).setParameter(2, key).getResultList();
        return rows.stream().findFirst()
                .map(row -> new Answer((String) row[0], ((Number) row[1]).intValue(), (String) row[2]));
    }

    /**
     * Deletes up to {@code limit} answers stored before {@code before}; rows another replica is deleting are skipped.
     * Returns how many went.
     */
    public int expire(Instant before, int limit) {
        return em.createNativeQuery("""
                delete from idempotent_request where ctid in (
                    select ctid from idempotent_request where created_at < ?1 limit ?2 for update skip locked)""")
                .setParameter(1, before).setParameter(2, limit).executeUpdate();
    }

    public void store(String callId, String key, Answer answer) {
        em.createNativeQuery("""
                insert into idempotent_request (call_id, request_key, request_hash, status, body, created_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, callId).setParameter(2, key).setParameter(3, answer.requestHash())
                .setParameter(4, answer.status()).setParameter(5, answer.body()).setParameter(6, Instant.now())
                .executeUpdate();
    }
}
