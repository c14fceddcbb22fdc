package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The alert rules are picked up by the same Prometheus as the ServiceMonitor, a dead letter alerts, and every
 * counter an alert reads is one a service registers (a renamed metric would silently disarm its alert).
 */
class AlertRulesTest {

    private static final Pattern COUNTER = Pattern.compile("\\b([a-z][a-z0-9_]*)_total\\b");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void deadLettersAlertAndEveryAlertReadsAMetricAServiceRegisters(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        PrometheusRule rules = manifest.all("PrometheusRule", PrometheusRule.class).get(0);
        ServiceMonitor monitor = manifest.all("ServiceMonitor", ServiceMonitor.class).get(0);
        assertEquals(monitor.getMetadata().getLabels().get("release"), rules.getMetadata().getLabels().get("release"),
                "the rules are selected like the ServiceMonitor");
        List<Rule> alerts = rules.getSpec().getGroups().stream().flatMap(g -> g.getRules().stream()).toList();
        assertTrue(alerts.stream().anyMatch(r -> r.getExpr().getStrVal().contains("dead_letters_total")),
                "an alert on dead letters");
        for (Rule alert : alerts) {
            Matcher counter = COUNTER.matcher(alert.getExpr().getStrVal());
            assertTrue(counter.find(), alert.getAlert() + " reads a counter");
            do {
                String micrometerName = "\"" + counter.group(1).replace('_', '.') + "\"";
                assertTrue(registeredBySomeService(micrometerName),
                        alert.getAlert() + ": no service registers " + micrometerName);
            } while (counter.find());
            assertFalse(alert.getAnnotations().getOrDefault("summary", "").isBlank(), alert.getAlert());
        }
    }

    private static boolean registeredBySomeService(String quotedName) {
        try (Stream<Path> modules = Files.list(Project.root())) {
            return modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory)
                    .anyMatch(sources -> anySourceContains(sources, quotedName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean anySourceContains(Path sources, String text) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> read(f).contains(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
