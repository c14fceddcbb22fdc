package io.contactcenter.directory.rest;

/** Roles of the bearer tokens (the {@code groups} claim). */
public final class Roles {

    /** Operators: everything. */
    public static final String ADMIN = "admin";
    /** An agent; the token's subject is the agent's id. */
    public static final String AGENT = "agent";
    /** Our own services (gateway, routing, survey). */
    public static final String SERVICE = "service";
    /** Supervisors: read-only. */
    public static final String SUPERVISOR = "supervisor";

    private Roles() {
    }
}
