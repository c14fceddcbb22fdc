package io.contactcenter.provisioning;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the command is told: secrets only from the environment, everything else from options (some with an
 * environment fallback). {@link #parse} validates it all before anything is changed anywhere.
 */
public record Options(
        String apiKey,
        String apiSecret,
        String signatureSecret,
        String gatewayUrl,
        String fallbackAnswerUrl,
        String applicationName,
        String applicationId,
        String region,
        String country,
        String number,
        String directoryUrl,
        String directoryToken,
        Path keyFile,
        Path stateFile,
        Path secretFile,
        Path envFile,
        String apiBaseUrl,
        boolean help) {

    static final Set<String> REGIONS = Set.of("na-east", "na-west", "eu-west", "eu-east", "apac-sng", "apac-australia");

    /** A usage error: exit code 2 with this one-line reason. */
    public static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    public static final String USAGE = """
            Usage: deploy/provision [options]

            Creates or updates the Vonage application of the contact center (Voice: answer, event and fallback
            webhooks, signed callbacks, region, timeouts) with a locally generated key pair, buys or links its
            number, creates the Vonage users of the directory's in-app agents, and prints (or writes) the
            configuration the services need. Every step is safe to re-run.

            Environment (secrets are only read from here):
              VONAGE_API_KEY, VONAGE_API_SECRET   the account's API key and secret (required)
              GATEWAY_PUBLIC_URL                  where Vonage reaches the gateway, e.g. https://cc.example.com
              VONAGE_SIGNATURE_SECRET             optional: copied (masked on screen) into the output
              DIRECTORY_URL, DIRECTORY_ADMIN_TOKEN  optional: the agent directory and an admin bearer token
              PROVISION_DATA_DIR                  where key and state files go by default (.local/vonage)

            Options:
              --gateway-url URL          instead of GATEWAY_PUBLIC_URL
              --fallback-answer-url URL  default: <gateway url>/webhooks/answer
              --name NAME                application name (default contact-center); found by name on re-runs
              --application-id ID        use this existing application (when several share the name)
              --region REGION            na-east, na-west, eu-west, eu-east, apac-sng or apac-australia
              --country CC               buy a voice number in this country (ISO 3166 alpha-2) unless one is linked
              --number MSISDN            link this number of the account instead (E.164 digits)
              --directory-url URL        instead of DIRECTORY_URL: create Vonage users for in-app agents
              --key-file PATH            private key (created 0600 when missing; default <data dir>/<name>.key)
              --state-file PATH          what earlier runs did (default: <key file without .key>.state.json)
              --secret-file PATH         write a Kubernetes Secret manifest (vonage-application, vonage-signature)
              --env-file PATH            write the environment as a shell file (0600) for deploy/local/run.sh
              --api-base-url URL         Vonage API base (api and rest hosts), e.g. the simulator's URL
              --help                     this text

            Exit status: 0 done; 1 a step failed (the message names it; re-run to finish); 2 bad usage.
            """;

    public static Options parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new java.util.HashMap<>();
        boolean help = false;
        Set<String> known = Set.of("gateway-url", "fallback-answer-url", "name", "application-id", "region", "country",
                "number", "directory-url", "key-file", "state-file", "secret-file", "env-file", "api-base-url");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "' (see --help)");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("api-key") || name.equals("api-secret") || name.equals("signature-secret")
                    || name.equals("directory-token")) {
                throw new UsageException("--" + name + " is not accepted on the command line (it would show in the "
                        + "process list): set it in the environment");
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name + " (see --help)");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            values.put(name, value.strip());
        }
        if (help) {
            return new Options(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, true);
        }
        String apiKey = required(env, "VONAGE_API_KEY");
        String apiSecret = required(env, "VONAGE_API_SECRET");
        String gateway = values.getOrDefault("gateway-url", blankToNull(env.get("GATEWAY_PUBLIC_URL")));
        if (gateway == null) {
            throw new UsageException("GATEWAY_PUBLIC_URL (or --gateway-url) is required: where Vonage reaches the gateway");
        }
        gateway = url(stripSlash(gateway), "GATEWAY_PUBLIC_URL");
        String fallback = url(values.getOrDefault("fallback-answer-url", gateway + "/webhooks/answer"),
                "--fallback-answer-url");
        String name = values.getOrDefault("name", "contact-center");
        if (name.isBlank() || name.length() > 100) {
            throw new UsageException("--name must be 1-100 characters");
        }
        String applicationId = values.get("application-id");
        if (applicationId != null) {
            try {
                java.util.UUID.fromString(applicationId);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--application-id must be a UUID, not '" + applicationId + "'");
            }
        }
        String region = values.get("region");
        if (region != null) {
            region = region.toLowerCase(Locale.ROOT);
            if (!REGIONS.contains(region)) {
                throw new UsageException("--region must be one of " + String.join(", ", REGIONS.stream().sorted().toList()));
            }
        }
        String country = values.get("country");
        String number = values.get("number");
        if (country != null && number != null) {
            throw new UsageException("give --country (buy a number) or --number (link one you own), not both");
        }
        if (country != null) {
            if (!country.matches("[A-Za-z]{2}")) {
                throw new UsageException("--country must be a two-letter ISO 3166 code such as GB or US");
            }
            country = country.toUpperCase(Locale.ROOT);
        }
        if (number != null) {
            number = number.replace("+", "").replace(" ", "");
            if (!number.matches("[1-9][0-9]{6,14}")) {
                throw new UsageException("--number must be an E.164 number such as 447700900000");
            }
        }
        String directoryUrl = values.getOrDefault("directory-url", blankToNull(env.get("DIRECTORY_URL")));
        String directoryToken = blankToNull(env.get("DIRECTORY_ADMIN_TOKEN"));
        if (directoryUrl != null) {
            directoryUrl = url(stripSlash(directoryUrl), "DIRECTORY_URL");
            if (directoryToken == null) {
                throw new UsageException("DIRECTORY_ADMIN_TOKEN is required with a directory URL (an admin bearer token)");
            }
        }
        String dataDir = blankToNull(env.get("PROVISION_DATA_DIR")) == null ? ".local/vonage" : env.get("PROVISION_DATA_DIR");
        Path keyFile = (values.containsKey("key-file") ? Path.of(values.get("key-file"))
                : Path.of(dataDir, name.replaceAll("[^A-Za-z0-9._-]", "_") + ".key")).toAbsolutePath().normalize();
        Path stateFile = values.containsKey("state-file") ? Path.of(values.get("state-file")).toAbsolutePath().normalize()
                : keyFile.resolveSibling(keyFile.getFileName().toString().replaceAll("\\.key$", "") + ".state.json");
        Path secretFile = values.containsKey("secret-file") ? Path.of(values.get("secret-file")).toAbsolutePath() : null;
        Path envFile = values.containsKey("env-file") ? Path.of(values.get("env-file")).toAbsolutePath() : null;
        String apiBase = values.get("api-base-url");
        if (apiBase != null) {
            apiBase = url(stripSlash(apiBase), "--api-base-url");
        }
        return new Options(apiKey, apiSecret, blankToNull(env.get("VONAGE_SIGNATURE_SECRET")), gateway, fallback,
                name, applicationId, region, country, number, directoryUrl, directoryToken, keyFile, stateFile,
                secretFile, envFile, apiBase, false);
    }

    String answerUrl() {
        return gatewayUrl + "/webhooks/answer";
    }

    String eventUrl() {
        return gatewayUrl + "/webhooks/event";
    }

    /** What the services use as VONAGE_API_BASE_URL. */
    String voiceBaseUrl() {
        return apiBaseUrl == null ? "https://api.nexmo.com" : apiBaseUrl;
    }

    private static String required(Map<String, String> env, String name) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            throw new UsageException(name + " is required (set it in the environment)");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String url(String value, String what) {
        try {
            URI uri = URI.create(value);
            if ((!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new UsageException(what + " must be an absolute http(s) URL, not '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return "Options[name=" + applicationName + ", gateway=" + gatewayUrl + "]"; // never the secrets
    }
}
