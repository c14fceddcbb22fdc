package io.contactcenter.wallboard.rest;

/**
 * A department's or agent's figures over one period (today, last 15 minutes, last hour). Rates are fractions
 * (0.8 = 80 %); a figure without any call to compute it from is null.
 *
 * @param serviceLevel answered within the target / (answered + abandoned + overflowed)
 * @param averageSpeedOfAnswerSeconds mean of requestedAt → ANSWERED over the answered calls
 * @param averageHandleTimeSeconds mean of ANSWERED → COMPLETED over the handled calls
 * @param abandonmentRate abandoned / (answered + abandoned + overflowed)
 * @param csatAverage mean score of the answered surveys
 * @param csatTopTwoBox share of 4 and 5 among the answered surveys
 * @param surveyResponseRate answered surveys / surveys offered
 * @param transferred transfers away from the department (an agent's part ended in {@code TRANSFERRED})
 */
public record Period(long offered, long answered, long abandoned, long overflowed, long handled,
        Double serviceLevel, Double averageSpeedOfAnswerSeconds, Double averageHandleTimeSeconds,
        Double abandonmentRate, long surveysOffered, long surveyResponses, Double csatAverage, Double csatTopTwoBox,
        Double surveyResponseRate, long transferred) {
}
