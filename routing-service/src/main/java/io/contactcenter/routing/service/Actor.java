package io.contactcenter.routing.service;

import java.util.Set;

/**
 * Who asks for a control: the token's subject (an agent id, or a supervisor's) and whether they are a supervisor,
 * who may do anything to any call; an agent only to the call they are on.
 */
public record Actor(String id, boolean supervisor) {

    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";

    public static Actor of(String subject, Set<String> groups) {
        return new Actor(subject, groups.contains(SUPERVISOR));
    }
}
