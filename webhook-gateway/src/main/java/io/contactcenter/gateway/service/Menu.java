package io.contactcenter.gateway.service;

import io.contactcenter.directory.client.DirectoryModel.Department;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The IVR menu the gateway serves right now.
 *
 * @param departments in digit order
 * @param source where it came from
 * @param loadedAt when the directory last answered (null for the fallback menu)
 */
public record Menu(List<Department> departments, Source source, Instant loadedAt) {

    public enum Source { DIRECTORY, FALLBACK }

    public Menu {
        departments = List.copyOf(departments);
    }

    /** The department behind a key, if the key is exactly one digit of this menu. */
    public Optional<Department> forDigits(String digits) {
        if (digits == null || digits.length() != 1 || !Character.isDigit(digits.charAt(0))) {
            return Optional.empty();
        }
        int digit = digits.charAt(0) - '0';
        return departments.stream().filter(d -> d.digit() == digit).findFirst();
    }

    public boolean isEmpty() {
        return departments.isEmpty();
    }
}
