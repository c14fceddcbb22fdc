package io.contactcenter.survey.support;

import io.contactcenter.events.SurveyStatus;
import io.contactcenter.survey.domain.Journey;
import io.contactcenter.survey.domain.SurveyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Reads (and, for the read API's data set, writes) the survey schema directly. */
@ApplicationScoped
@Transactional
public class TestDb {

    private final EntityManager em;

    public TestDb(EntityManager em) {
        this.em = em;
    }

    /** Whether all these Kafka records were applied (their ids are stored with the change they made). */
    public boolean applied(String topic, String... eventIds) {
        List<String> ids = Arrays.stream(eventIds).map(id -> topic + ":" + id).toList();
        Number count = (Number) em.createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id IN (:ids)")
                .setParameter("ids", ids).getSingleResult();
        return count.intValue() == ids.size();
    }

    /** How many transactions stored these records' ids (a row's {@code xmin} is the transaction that inserted it). */
    public long transactionsThatApplied(String topic, String... eventIds) {
        List<String> ids = Arrays.stream(eventIds).map(id -> topic + ":" + id).toList();
        Number count = (Number) em.createNativeQuery(
                "SELECT count(DISTINCT xmin::text) FROM processed_event WHERE event_id IN (:ids)")
                .setParameter("ids", ids).getSingleResult();
        return count.longValue();
    }

    /** Renames a table: the service's statements on it fail until it is renamed back (a database fault). */
    public void renameTable(String from, String to) {
        em.createNativeQuery("ALTER TABLE " + from + " RENAME TO " + to).executeUpdate();
    }

    public String surveyState(String callId) {
        Journey journey = em.find(Journey.class, callId);
        return journey == null ? null : journey.surveyState.name();
    }

    public boolean journeyExists(String callId) {
        return em.find(Journey.class, callId) != null;
    }

    public long responses(String callId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM survey_response WHERE call_id = :id")
                .setParameter("id", callId).getSingleResult()).longValue();
    }

    public SurveyResponse response(String callId) {
        SurveyResponse response = em.find(SurveyResponse.class, callId);
        if (response != null) {
            em.detach(response);
        }
        return response;
    }

    /** Moves the call's survey offer back in time (as if it had been offered {@code ago} before now). */
    public void backdateOffer(String callId, java.time.Duration ago) {
        em.createNativeQuery("UPDATE journey SET offered_at = :at WHERE call_id = :id")
                .setParameter("at", java.sql.Timestamp.from(Instant.now().minus(ago))).setParameter("id", callId)
                .executeUpdate();
    }

    public boolean pendingTransfer(String callId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM pending_transfer WHERE call_id = :id")
                .setParameter("id", callId).getSingleResult()).longValue() > 0;
    }

    /** A stored outcome for the read API's data set (marked published: nothing goes to Kafka). */
    public void insertResponse(String callId, String department, String agent, SurveyStatus status, Integer score,
            Instant offeredAt, Instant recordedAt) {
        SurveyResponse r = new SurveyResponse();
        r.callId = callId;
        r.eventId = "survey-result-" + callId;
        r.departmentId = department;
        r.agentId = agent;
        r.agentIds = agent == null ? null : new String[] { agent };
        r.status = status;
        r.score = score == null ? null : score.shortValue();
        r.callerNumber = "4477****0123";
        r.offeredAt = offeredAt;
        r.answeredAt = score == null ? null : offeredAt.plusSeconds(10);
        r.recordedAt = recordedAt;
        r.surveyAt = offeredAt != null ? offeredAt : recordedAt;
        r.publishedAt = recordedAt;
        em.persist(r);
    }
}
