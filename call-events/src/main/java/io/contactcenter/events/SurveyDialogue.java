package io.contactcenter.events;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Locale;

/**
 * The post-call survey's dialogue rules, in one place for the gateway (which answers the caller's keypad on
 * {@code /webhooks/survey}) and the survey service (which records the outcome from the gateway's {@code SURVEY_INPUT}
 * events): one digit from {@value #LOWEST_SCORE} to {@value #HIGHEST_SCORE} is the score; anything else on the first
 * of the {@value #PROMPTS} prompts is asked once more; on the last, nothing pressed is {@code NO_INPUT} and anything
 * else {@code INVALID}.
 */
public final class SurveyDialogue {

    public static final int LOWEST_SCORE = 1;
    public static final int HIGHEST_SCORE = 5;
    /** The prompt and the one re-prompt. */
    public static final int PROMPTS = 2;

    /**
     * What one input of the caller means, the {@code SURVEY_INPUT} event's {@code detail.outcome}
     * ({@link CallEvent.Detail#OUTCOME}).
     */
    @RegisterForReflection
    public enum Step {
        /** A score: the survey's outcome is {@code ANSWERED}. */
        ANSWERED(SurveyStatus.ANSWERED),
        /** Not a score on the first prompt: the caller is asked again, the next input decides. */
        RETRY(null),
        /** Not a score on the last prompt. */
        INVALID(SurveyStatus.INVALID),
        /** Nothing pressed on the last prompt. */
        NO_INPUT(SurveyStatus.NO_INPUT);

        private final SurveyStatus outcome;

        Step(SurveyStatus outcome) {
            this.outcome = outcome;
        }

        /** The survey's outcome this input settles, null when the dialogue goes on. */
        public SurveyStatus outcome() {
            return outcome;
        }
    }

    private SurveyDialogue() {
    }

    /** The score the digits give, null when they are not exactly one digit in the scale. */
    public static Integer score(String digits) {
        if (digits == null || digits.length() != 1) {
            return null;
        }
        int digit = digits.charAt(0) - '0';
        return digit >= LOWEST_SCORE && digit <= HIGHEST_SCORE ? digit : null;
    }

    /** The gateway's verdict on what the caller pressed ({@code digits}, null for nothing) at prompt {@code attempt}. */
    public static Step judge(String digits, int attempt) {
        if (score(digits) != null) {
            return Step.ANSWERED;
        }
        if (attempt < PROMPTS) {
            return Step.RETRY;
        }
        return digits == null || digits.isEmpty() ? Step.NO_INPUT : Step.INVALID;
    }

    /**
     * What a {@code SURVEY_INPUT} event settles: the gateway's verdict ({@code detail.outcome}), or, when an event
     * carries none, its digits judged as on the first prompt. A verdict of {@code ANSWERED} whose digits are no score
     * counts as {@code INVALID}; an unknown verdict as {@code RETRY} (the next input decides).
     */
    public static Step stepOf(CallEvent event) {
        String verdict = event.detail(CallEvent.Detail.OUTCOME);
        Step step;
        if (verdict == null || verdict.isBlank()) {
            step = judge(event.digits(), 1);
        } else {
            try {
                step = Step.valueOf(verdict.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                step = Step.RETRY;
            }
        }
        return step == Step.ANSWERED && score(event.digits()) == null ? Step.INVALID : step;
    }
}
