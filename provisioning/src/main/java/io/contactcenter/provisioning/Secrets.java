package io.contactcenter.provisioning;

/** How secrets appear on screen: never in full. */
final class Secrets {

    private Secrets() {
    }

    /** The first two characters and a fixed row of stars (the length is not revealed); short values all stars. */
    static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        return secret.length() < 12 ? "********" : secret.substring(0, 2) + "********";
    }
}
