package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No manifest switches the gateway's signed-webhook verification off (issue 25, item 4). Verification is on unless
 * {@code gateway.signature.enabled} ({@code GATEWAY_SIGNATURE_CHECK}, or {@code GATEWAY_SIGNATURE_ENABLED} by
 * MicroProfile Config's environment mapping, or a {@code -D} system property) reads as false, and SmallRye Config reads
 * every value except true/1/yes/y/on as false: so any value that is not one of those fails, in any file of the
 * manifests and container builds (literal, ConfigMap literal, env entry, Secret data in base64, JSON patch, env file),
 * and in the environment every rendered container really gets. The gateway's refusal to start with verification
 * off holds only in the prod profile, so no manifest may pick another profile either.
 */
class SignatureCheckTest {

    /** What SmallRye Config's boolean converter reads as true; everything else is false. */
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "y", "on");
    private static final Pattern NAME = Pattern.compile("GATEWAY_SIGNATURE_(?:CHECK|ENABLED)|gateway\\.signature\\.enabled",
            Pattern.CASE_INSENSITIVE);
    /** {@code NAME=value}, {@code NAME: value}, {@code "NAME": "value"}, {@code -Dgateway.signature.enabled=value}. */
    private static final Pattern ASSIGNED = Pattern.compile("(?:" + NAME.pattern() + ")[\"']?\\s*[=:]\\s*[\"']?([^\"'\\s,}\\]]*)",
            Pattern.CASE_INSENSITIVE);
    /** An env entry: {@code name: NAME} then {@code value: x} (YAML), or {"name": "NAME", "value": "x"} (JSON). */
    private static final Pattern ENV_ENTRY = Pattern.compile("name[\"']?\\s*:\\s*[\"']?(?:" + NAME.pattern()
            + ")[\"']?\\s*[,\\n]\\s*-?\\s*[\"']?value[\"']?\\s*:\\s*[\"']?([^\"'\\s,}]*)", Pattern.CASE_INSENSITIVE);

    static boolean readsAsTrue(String value) {
        return TRUE.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    /** Every problem in one file's text: a switch-off, or a mention whose value this check cannot read. */
    static List<String> problems(String file, String text) {
        List<String> problems = new ArrayList<>();
        Matcher mention = NAME.matcher(text);
        while (mention.find()) {
            String from = text.substring(mention.start());
            Matcher assigned = ASSIGNED.matcher(from);
            Matcher entry = ENV_ENTRY.matcher(text.substring(Math.max(0, mention.start() - 12)));
            String value = null;
            if (assigned.lookingAt()) {
                value = assigned.group(1);
            } else if (entry.find() && entry.start() <= 12) {
                value = entry.group(1);
            }
            int line = text.substring(0, mention.start()).split("\n", -1).length;
            if (value == null || value.isEmpty()) {
                problems.add(file + ":" + line + ": " + mention.group() + " set in a form this check cannot read: remove it");
            } else if (!readsAsTrue(value)) {
                problems.add(file + ":" + line + ": " + mention.group() + "=" + value + " switches signed-webhook"
                        + " verification off");
            }
        }
        return problems;
    }

    /** The manifests, container files and image builds: deploy/ except the local run, and the poms. */
    static List<Path> deployFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        Path deploy = Project.root().resolve("deploy");
        try (Stream<Path> walk = Files.walk(deploy)) {
            walk.filter(Files::isRegularFile).filter(f -> !f.startsWith(deploy.resolve("local")))
                    .filter(f -> !f.getFileName().toString().endsWith(".md")).forEach(files::add);
        }
        files.add(Project.root().resolve("pom.xml"));
        ServiceModule.of("webhook-gateway").ifPresent(m -> files.add(m.directory().resolve("pom.xml")));
        return files;
    }

    @Test
    void noDeployFileSwitchesVerificationOff() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : deployFiles()) {
            String text = Files.readString(file);
            problems.addAll(problems(Project.root().relativize(file).toString(), text));
            // Secret data is base64: decode what could be a value
            Matcher base64 = Pattern.compile("(?:" + NAME.pattern() + ")[\"']?\\s*:\\s*[\"']?([A-Za-z0-9+/=]{4,})")
                    .matcher(text);
            while (base64.find() && text.contains("data:")) {
                try {
                    String decoded = new String(java.util.Base64.getDecoder().decode(base64.group(1)));
                    if (!readsAsTrue(decoded) && !readsAsTrue(base64.group(1))) {
                        problems.add(file + ": " + base64.group() + " (base64 of \"" + decoded + "\") switches it off");
                    }
                } catch (IllegalArgumentException notBase64) {
                    // a plain value, judged above
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noRenderedContainerGetsVerificationOffOrAnotherProfile(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        Manifest example = Manifest.read(Project.secretExample());
        for (Deployment deployment : manifest.deployments()) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                Map<String, String> environment = ContainerEnvironment.resolve(container, manifest, example);
                environment.forEach((name, value) -> {
                    String id = overlay + " " + deployment.getMetadata().getName() + ": " + name + "=" + value;
                    if (NAME.matcher(name).matches()) {
                        assertTrue(readsAsTrue(value), id + " switches signed-webhook verification off");
                    }
                    assertTrue(problems(name, name + "=" + value).isEmpty() || NAME.matcher(name).matches(), id);
                    assertFalse(value.toLowerCase(Locale.ROOT).contains("gateway.signature.enabled=")
                            && !problems(name, value).isEmpty(), id + " switches verification off by a system property");
                    if (name.equals("QUARKUS_PROFILE") || name.equals("QUARKUS_PROFILE".toLowerCase(Locale.ROOT))) {
                        assertEquals("prod", value, id + ": the gateway refuses verification off only in prod");
                    }
                });
            }
        }
    }

    @Test
    void everyFormOfSwitchingItOffIsCaught() {
        List<String> off = List.of(
                "literals:\n  - GATEWAY_SIGNATURE_CHECK=false\n",
                "literals:\n  - GATEWAY_SIGNATURE_CHECK=FALSE\n",
                "literals:\n  - gateway_signature_check=No\n",
                "stringData:\n  GATEWAY_SIGNATURE_CHECK: \"false\"\n",
                "data:\n  GATEWAY_SIGNATURE_CHECK: 'off'\n",
                "env:\n  - name: GATEWAY_SIGNATURE_CHECK\n    value: \"False\"\n",
                "env:\n  - name: \"GATEWAY_SIGNATURE_CHECK\"\n    value: '0'\n",
                "- op: add\n  path: /spec/template/spec/containers/0/env/-\n  value: {\"name\": \"GATEWAY_SIGNATURE_CHECK\", \"value\": \"false\"}\n",
                "env:\n  - value: \"false\"\n    name: GATEWAY_SIGNATURE_CHECK\n",
                "env:\n  - name: GATEWAY_SIGNATURE_ENABLED\n    value: \"disabled\"\n",
                "JAVA_OPTS_APPEND=-Dgateway.signature.enabled=false\n",
                "ENV GATEWAY_SIGNATURE_CHECK false\n");
        for (String text : off) {
            assertFalse(problems("example", text).isEmpty(), "not caught: " + text);
        }
        assertTrue(problems("example", "env:\n  - name: GATEWAY_SIGNATURE_CHECK\n    value: \"true\"\n").isEmpty());
        assertTrue(problems("example", "literals:\n  - GATEWAY_SIGNATURE_CHECK=true\n").isEmpty());
    }
}
