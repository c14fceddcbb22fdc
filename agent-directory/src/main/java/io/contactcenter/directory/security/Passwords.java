package io.contactcenter.directory.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Agents' passwords as bcrypt hashes (Elytron's implementation through Quarkus; a random salt per hash, cost
 * {@value #COST}). bcrypt reads at most 72 bytes of a password; the API allows 8–128 characters.
 */
@ApplicationScoped
public class Passwords {

    static final int COST = 10;

    /** Checked when the name is unknown, so an unknown name costs the same time as a wrong password. */
    private final String dummyHash = BcryptUtil.bcryptHash("no agent has this password", COST);

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    /** Whether {@code password} matches {@code hash}; with a null hash a dummy is checked and false returned. */
    public boolean matches(String password, String hash) {
        if (hash == null) {
            BcryptUtil.matches(password, dummyHash);
            return false;
        }
        return BcryptUtil.matches(password, hash);
    }
}
