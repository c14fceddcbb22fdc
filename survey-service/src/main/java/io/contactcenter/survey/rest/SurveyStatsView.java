package io.contactcenter.survey.rest;

import java.util.List;

/** Survey figures per group. */
public record SurveyStatsView(String groupBy, List<Group> groups) {

    /**
     * @param key department id, agent id or day (yyyy-MM-dd, UTC); null for outcomes without one
     * @param count answered surveys (with a score)
     * @param average mean score of the answered surveys, null when none
     * @param top2BoxPercent share of scores 4 and 5 among the answered, in percent, null when none
     * @param responseRate answered / offered (0..1), null when none was offered
     * @param offered surveys the caller was transferred to
     * @param outcomes all recorded outcomes, including CALLER_HUNG_UP before the survey could be offered
     */
    public record Group(String key, long count, Double average, Double top2BoxPercent, Double responseRate,
            long offered, long outcomes) {
    }
}
