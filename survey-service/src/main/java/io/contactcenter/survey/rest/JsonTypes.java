package io.contactcenter.survey.rest;

import io.contactcenter.survey.client.SurveyTransfers;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: the read API's answers (and the transfer outcome types of the client package), registered for
 * reflection in one place (a new DTO that is missing here fails deploy-checks' {@code NativeReflectionTest}).
 */
@RegisterForReflection(targets = {
        SurveyPage.class, SurveyView.class, SurveyStatsView.class, SurveyStatsView.Group.class,
        SurveyTransfers.Outcome.class, SurveyTransfers.Result.class })
final class JsonTypes {

    private JsonTypes() {
    }
}
