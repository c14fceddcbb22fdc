package io.contactcenter.survey.service;

import io.contactcenter.events.SurveyStatus;
import io.contactcenter.survey.domain.SurveyResponse;
import io.contactcenter.survey.domain.SurveyResponseRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads of the stored survey outcomes: filtered pages and aggregate figures. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SurveyQueryService {

    /** How the stats are grouped. */
    public enum GroupBy {
        DEPARTMENT("department_id", "survey_response"),
        /** A transferred call's outcome counts for each of its agents. */
        AGENT("agent.id", "survey_response CROSS JOIN LATERAL unnest(COALESCE(agent_ids, ARRAY[agent_id])) AS agent(id)"),
        DAY("to_char(survey_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')", "survey_response");

        private final String expression;
        private final String from;

        GroupBy(String expression, String from) {
            this.expression = expression;
            this.from = from;
        }
    }

    /** Filters shared by the list and the stats; null fields do not filter. {@code to} is exclusive. */
    public record Filter(String department, String agent, Instant from, Instant to, SurveyStatus status) {
    }

    public record PageOf(List<SurveyResponse> items, long total) {
    }

    /** One group's figures. */
    public record Stats(String key, long offered, long outcomes, long answered, Double average, Double top2BoxPercent,
            Double responseRate) {
    }

    private final SurveyResponseRepository responses;
    private final EntityManager entityManager;

    public SurveyQueryService(SurveyResponseRepository responses, EntityManager entityManager) {
        this.responses = responses;
        this.entityManager = entityManager;
    }

    public PageOf list(Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.department() != null) {
            where.append(" and departmentId = :department");
            params.put("department", filter.department());
        }
        if (filter.agent() != null) {
            where.append(" and array_contains(agentIds, :agent)");
            params.put("agent", filter.agent());
        }
        if (filter.from() != null) {
            where.append(" and surveyAt >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" and surveyAt < :to");
            params.put("to", filter.to());
        }
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.put("status", filter.status());
        }
        var query = responses.find(where.toString(), Sort.descending("surveyAt").and("callId"), params);
        return new PageOf(query.page(Page.of(page, size)).list(), query.count());
    }

    @SuppressWarnings("unchecked")
    public List<Stats> stats(GroupBy groupBy, Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + groupBy.expression + " AS k, "
                + "count(*) FILTER (WHERE offered_at IS NOT NULL), "
                + "count(*), "
                + "count(*) FILTER (WHERE status = 'ANSWERED'), "
                + "avg(score) FILTER (WHERE status = 'ANSWERED'), "
                + "count(*) FILTER (WHERE status = 'ANSWERED' AND score >= 4) "
                + "FROM " + groupBy.from + " WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.department() != null) {
            sql.append(" AND department_id = :department");
            params.put("department", filter.department());
        }
        if (filter.agent() != null) {
            sql.append(" AND agent_ids @> ARRAY[CAST(:agent AS VARCHAR)]");
            params.put("agent", filter.agent());
        }
        if (filter.from() != null) {
            sql.append(" AND survey_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND survey_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        if (filter.status() != null) {
            sql.append(" AND status = :status");
            params.put("status", filter.status().name());
        }
        sql.append(" GROUP BY 1 ORDER BY 1 NULLS LAST");
        Query query = entityManager.createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        List<Object[]> rows = query.getResultList();
        List<Stats> stats = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            long offered = ((Number) row[1]).longValue();
            long outcomes = ((Number) row[2]).longValue();
            long answered = ((Number) row[3]).longValue();
            Double average = row[4] == null ? null : round(((Number) row[4]).doubleValue(), 2);
            long top2 = ((Number) row[5]).longValue();
            Double top2Percent = answered == 0 ? null : round(100.0 * top2 / answered, 1);
            Double responseRate = offered == 0 ? null : round((double) answered / offered, 3);
            stats.add(new Stats(row[0] == null ? null : row[0].toString(), offered, outcomes, answered, average,
                    top2Percent, responseRate));
        }
        return stats;
    }

    private static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }
}
