package io.contactcenter.directory.rest;

import java.util.Set;

/** Roles of the bearer tokens (the {@code groups} claim). */
public final class Roles {

    /** Operators: everything. */
    public static final String ADMIN = "admin";
    /** An agent; the token's subject is the agent's id. */
    public static final String AGENT = "agent";
    /** Supervisors: read-only. */
    public static final String SUPERVISOR = "supervisor";
    /** The webhook gateway (internet-facing): reads departments, asks whether an agent may place a call. */
    public static final String GATEWAY = "gateway";
    /** The routing service: reads departments, claims, answers and releases assignments. */
    public static final String ROUTING = "routing";
    /** The survey service: reads departments. */
    public static final String SURVEY = "survey";

    /**
     * The services' roles: each is granted only by a token signed with that service's own key (key id = the role),
     * never by the issuer's key ({@code security.ServiceKeys}).
     */
    public static final Set<String> SERVICES = Set.of(GATEWAY, ROUTING, SURVEY);

    private Roles() {
    }
}
