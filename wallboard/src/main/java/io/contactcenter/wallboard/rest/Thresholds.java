package io.contactcenter.wallboard.rest;

import java.util.Map;

/** The page's colour thresholds per figure name: {@code amber}, {@code red}, and whether higher is better. */
public record Thresholds(Map<String, Threshold> figures) {

    public record Threshold(double amber, double red, boolean higherIsBetter) {
    }
}
