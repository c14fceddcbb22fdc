package io.contactcenter.survey.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JourneyRepository implements PanacheRepositoryBase<Journey, String> {

    /** The call's journey, created when unknown, locked for the rest of the transaction. */
    public Journey lockOrCreate(String callId) {
        Instant now = Instant.now();
        getEntityManager().createNativeQuery("""
                INSERT INTO journey (call_id, survey_state, created_at, updated_at)
                VALUES (:callId, 'NONE', :now, :now) ON CONFLICT (call_id) DO NOTHING""")
                .setParameter("callId", callId)
                .setParameter("now", now)
                .executeUpdate();
        return findById(callId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The call's journey locked for the rest of the transaction, if the call is known. */
    public Optional<Journey> lock(String callId) {
        return findByIdOptional(callId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Offered surveys whose caller hung up before {@code seenBefore}. */
    /** Surveys still offered although they were offered before {@code offeredBefore}. */
    public List<String> offeredBefore(Instant offeredBefore, int limit) {
        return find("surveyState = ?1 and offeredAt < ?2", SurveyState.OFFERED, offeredBefore)
                .page(0, limit).list().stream().map(j -> j.callId).toList();
    }

    public List<String> offeredAndCallerGoneBefore(Instant seenBefore, int limit) {
        return find("surveyState = ?1 and callerFinalSeenAt < ?2", SurveyState.OFFERED, seenBefore)
                .page(0, limit).list().stream().map(j -> j.callId).toList();
    }
}
