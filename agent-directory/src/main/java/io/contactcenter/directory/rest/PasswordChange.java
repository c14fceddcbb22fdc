package io.contactcenter.directory.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An agent changes its own password. */
public record PasswordChange(
        @NotNull @Size(max = 128) String currentPassword,
        @NotNull @Size(min = 8, max = 128) String newPassword) {

    @Override
    public String toString() {
        return "PasswordChange[…]";
    }
}
