package io.contactcenter.directory.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An admin sets (or resets) an agent's password. */
public record PasswordReset(@NotNull @Size(min = 8, max = 128) String password) {

    @Override
    public String toString() {
        return "PasswordReset[…]";
    }
}
