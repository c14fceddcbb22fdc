package io.contactcenter.survey.service;

import io.contactcenter.events.SurveyStatus;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Prometheus metrics: {@code survey_offered_total{department}}, {@code survey_answered_total{department}},
 * {@code survey_outcomes_total{department,status}}, {@code survey_score{department}} (a summary: its
 * {@code _sum / _count} is the average score per department) and {@code survey_late_inputs_total{department}} (inputs
 * that came after their survey was settled, so were not counted: a Kafka outage longer than the reconciler's bound).
 */
@ApplicationScoped
public class SurveyMetrics {

    private final MeterRegistry registry;

    public SurveyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void offered(String department) {
        registry.counter("survey.offered", "department", tag(department)).increment();
    }

    public void outcome(String department, SurveyStatus status, Integer score) {
        registry.counter("survey.outcomes", "department", tag(department), "status", status.name()).increment();
        if (status == SurveyStatus.ANSWERED && score != null) {
            registry.counter("survey.answered", "department", tag(department)).increment();
            DistributionSummary.builder("survey.score")
                    .description("Survey scores (1-5); _sum/_count is the average per department")
                    .tag("department", tag(department))
                    .register(registry)
                    .record(score);
        }
    }

    public void lateInput(String department) {
        registry.counter("survey.late.inputs", "department", tag(department)).increment();
    }

    private static String tag(String department) {
        return department == null ? "unknown" : department;
    }
}
