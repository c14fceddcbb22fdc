package io.contactcenter.directory.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An agent's sign-in: its name (case-insensitive) and password. */
public record SignInRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Size(max = 128) String password) {

    /** Never the password, whoever prints this. */
    @Override
    public String toString() {
        return "SignInRequest[name=" + name + "]";
    }
}
