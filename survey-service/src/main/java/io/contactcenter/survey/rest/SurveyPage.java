package io.contactcenter.survey.rest;

import java.util.List;

/** A page of survey outcomes. */
public record SurveyPage(List<SurveyView> items, int page, int size, long total) {
}
