package io.contactcenter.gateway.security;

import io.contactcenter.support.problem.ProblemException;

/** A webhook that is not provably from Vonage: 401 problem+json. */
public class InvalidSignatureException extends ProblemException {

    public InvalidSignatureException(String detail) {
        super(401, "Unauthorized", detail);
    }
}
