package io.contactcenter.survey.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class SurveyResponseRepository implements PanacheRepositoryBase<SurveyResponse, String> {

    /** The {@code WorkLoop} that publishes recorded outcomes. */
    public static final String LOOP = "survey-publish";

    /** Responses not yet on Kafka, locked (skipping rows another instance is publishing). */
    @SuppressWarnings("unchecked")
    public List<SurveyResponse> lockUnpublished(int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM survey_response WHERE published_at IS NULL
                ORDER BY recorded_at LIMIT :limit FOR UPDATE SKIP LOCKED""", SurveyResponse.class)
                .setParameter("limit", limit)
                .getResultList();
    }
}
