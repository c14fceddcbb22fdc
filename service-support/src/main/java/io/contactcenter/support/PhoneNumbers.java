package io.contactcenter.support;

/** Phone numbers as they may appear in logs and outside-facing records. */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /**
     * Keeps the first four and last four digits and stars the rest ({@code 447700900123} → {@code 4477****0123});
     * short numbers keep only their last two. Null stays null.
     */
    public static String mask(String number) {
        if (number == null) {
            return null;
        }
        int length = number.length();
        if (length <= 8) {
            return "*".repeat(Math.max(0, length - 2)) + number.substring(Math.max(0, length - 2));
        }
        return number.substring(0, 4) + "*".repeat(length - 8) + number.substring(length - 4);
    }
}
