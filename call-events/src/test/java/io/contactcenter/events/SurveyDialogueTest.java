package io.contactcenter.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The survey's dialogue rules, as the gateway answers the caller and the survey service records the outcome. */
class SurveyDialogueTest {

    static CallEvent input(String digits, Map<String, String> detail) {
        return new CallEvent("e1", CallEvent.VERSION, "c1", "c1", Role.CALLER, null, EventKind.SURVEY_INPUT, null,
                digits, digits == null, null, null, null, null, Instant.EPOCH, Instant.EPOCH, detail);
    }

    @Test
    void oneDigitInTheScaleIsTheScore() {
        assertEquals(1, SurveyDialogue.score("1"));
        assertEquals(5, SurveyDialogue.score("5"));
        assertNull(SurveyDialogue.score("0"));
        assertNull(SurveyDialogue.score("6"));
        assertNull(SurveyDialogue.score("12"));
        assertNull(SurveyDialogue.score("#"));
        assertNull(SurveyDialogue.score(null));
    }

    @Test
    void anythingButAScoreIsAskedOnceMoreThenSettled() {
        assertEquals(SurveyDialogue.Step.ANSWERED, SurveyDialogue.judge("4", 1));
        assertEquals(SurveyDialogue.Step.RETRY, SurveyDialogue.judge("9", 1));
        assertEquals(SurveyDialogue.Step.RETRY, SurveyDialogue.judge(null, 1));
        assertEquals(SurveyDialogue.Step.INVALID, SurveyDialogue.judge("9", 2));
        assertEquals(SurveyDialogue.Step.NO_INPUT, SurveyDialogue.judge(null, 2));
        assertEquals(SurveyDialogue.Step.ANSWERED, SurveyDialogue.judge("2", 2));
        assertNull(SurveyDialogue.Step.RETRY.outcome(), "the dialogue goes on");
        assertEquals(SurveyStatus.NO_INPUT, SurveyDialogue.Step.NO_INPUT.outcome());
    }

    @Test
    void theSurveyServiceReadsTheGatewaysVerdict() {
        assertEquals(SurveyDialogue.Step.NO_INPUT, SurveyDialogue.stepOf(input(null, Map.of("outcome", "NO_INPUT"))));
        assertEquals(SurveyDialogue.Step.ANSWERED, SurveyDialogue.stepOf(input("3", Map.of("outcome", "answered"))));
        assertEquals(SurveyDialogue.Step.INVALID, SurveyDialogue.stepOf(input("7", Map.of("outcome", "ANSWERED"))),
                "a verdict of ANSWERED without a score");
        assertEquals(SurveyDialogue.Step.RETRY, SurveyDialogue.stepOf(input("7", Map.of("outcome", "LATER"))));
        assertEquals(SurveyDialogue.Step.ANSWERED, SurveyDialogue.stepOf(input("5", null)), "no verdict: the digits");
        assertEquals(SurveyDialogue.Step.RETRY, SurveyDialogue.stepOf(input("0", null)));
    }
}
