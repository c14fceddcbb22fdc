package io.contactcenter.wallboard.rest;

import io.contactcenter.wallboard.config.WallboardConfig;
import java.util.Map;

/** The configured thresholds, by the figure names the page uses. */
final class PageThresholds {

    private PageThresholds() {
    }

    static Thresholds of(WallboardConfig config) {
        WallboardConfig.Thresholds t = config.thresholds();
        return new Thresholds(Map.of(
                "waiting", threshold(t.waiting(), false),
                "longestWaitSeconds", threshold(t.longestWaitSeconds(), false),
                "serviceLevel", threshold(t.serviceLevel(), true),
                "abandonmentRate", threshold(t.abandonmentRate(), false),
                "csatAverage", threshold(t.csat(), true)));
    }

    private static Thresholds.Threshold threshold(WallboardConfig.Threshold threshold, boolean higherIsBetter) {
        return new Thresholds.Threshold(threshold.amber(), threshold.red(), higherIsBetter);
    }
}
