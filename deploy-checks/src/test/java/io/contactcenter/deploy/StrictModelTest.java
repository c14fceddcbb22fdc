package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validators catch what they are there to catch (so a green RenderedObjectsTest means something). */
class StrictModelTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              replicas: 2
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      %s
            """;

    private static List<String> problems(String yaml) {
        return StrictModel.problems(Manifest.parse(yaml).objects().get(0));
    }

    private static ObjectNode one(String yaml) {
        return Manifest.parse(yaml).objects().get(0);
    }

    @Test
    void aValidDeploymentHasNoProblems() {
        assertEquals(List.of(), problems(DEPLOYMENT.formatted("securityContext: {readOnlyRootFilesystem: true}")));
    }

    @Test
    void aMisspeltFieldIsReportedWithItsPath() {
        List<String> problems = problems(DEPLOYMENT.formatted("securityContex: {readOnlyRootFilesystem: true}"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("spec.template.spec.containers[0]")
                && problems.get(0).contains("securityContex"), problems.get(0));
    }

    @Test
    void aMisspeltNestedFieldIsReported() {
        List<String> problems = problems(DEPLOYMENT.formatted("readinessProbe: {httpGet: {pat: /q/health/ready, port: 8080}}"));
        assertTrue(problems.toString().contains("[pat]"), problems.toString());
    }

    @Test
    void aWrongTypeIsReported() {
        List<String> problems = problems(DEPLOYMENT.formatted("ports: [{containerPort: eighty}]"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("Deployment model"), problems.get(0));
    }

    @Test
    void anUnknownKindIsReported() {
        assertTrue(problems("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n").get(0)
                .contains("no schema known"));
    }

    @Test
    void kafkaTopicsNeedTheirClusterLabelAndKnownFields() {
        String topic = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata:
                  name: t
                spec:
                  partition: 6
                  replicas: 3
                """;
        List<String> problems = problems(topic);
        assertTrue(problems.stream().anyMatch(p -> p.contains("strimzi.io/cluster")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.endsWith("spec.partitions: required")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("spec.partition: unknown field")), problems.toString());
    }

    @Test
    void kafkaUsersAndListenerSecurityAreChecked() {
        String user = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata:
                  name: u
                  labels: {strimzi.io/cluster: c}
                spec:
                  authentication: {type: scram-sha-256}
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: t, patternType: literal}
                        operation: Read
                      - resource: {type: topic, name: t}
                        operations: [Reed]
                      - resource: {type: cluster, name: c}
                        operations: [IdempotentWrite]
                """;
        List<String> problems = problems(user);
        assertTrue(problems.stream().anyMatch(p -> p.contains("authentication.type: expected one of")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("acls[0].operation: unknown field")),
                "v1 has no singular operation: " + problems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("acls[0].operations: required")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("acls[1].operations[0]")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("acls[2].resource.name: unknown field")),
                "a cluster resource has no name: " + problems);
        String kafka = """
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata:
                  name: k
                spec:
                  kafka:
                    listeners:
                      - {name: tls, port: 9093, type: internal, tls: true, authentication: {type: scram}, networkPolicyPeers: [{podSelectr: {}}]}
                    authorization: {type: simple, superUser: [a]}
                """;
        problems = problems(kafka);
        assertTrue(problems.stream().anyMatch(p -> p.contains("authentication.type: expected one of")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("networkPolicyPeers[0]")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("authorization.superUser: unknown field")), problems.toString());
    }

    @Test
    void customResourceValuesAreTypeChecked() {
        String pool = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaNodePool
                metadata:
                  name: p
                  labels: {strimzi.io/cluster: c}
                spec:
                  replicas: three
                  roles: [controller, brokers]
                  storage: {type: jbod, volumes: [{id: 0, type: persistent-claim, size: 1Gi}]}
                  resources: {requests: {memory: 1Gi}, limit: {memory: 1Gi}}
                """;
        List<String> problems = problems(pool);
        assertTrue(problems.stream().anyMatch(p -> p.contains("spec.replicas: expected an integer")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("spec.roles[1]")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("[limit]")), "resources checked against the k8s model: "
                + problems);
    }

    @Test
    void cloudNativePgClustersAreChecked() {
        String cluster = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: db}
                spec:
                  instances: 1
                  bootstrap: {initdb: {database: app}}
                """;
        List<String> problems = problems(cluster);
        assertTrue(problems.contains("postgresql.cnpg.io/v1 Cluster/db.spec.storage: required"), problems.toString());
        assertTrue(problems.contains("postgresql.cnpg.io/v1 Cluster/db.spec.bootstrap.initdb.owner: required"),
                problems.toString());
    }

    @Test
    void theExampleParserFindsSecretValues() {
        Manifest manifest = Manifest.parse("""
                apiVersion: v1
                kind: Secret
                metadata: {name: s}
                data: {A: YWJj}
                stringData: {B: def}
                """);
        assertEquals(java.util.Map.of("s", java.util.Map.of("A", "abc", "B", "def")), manifest.secrets());
        assertEquals("Secret/s", Manifest.id(one("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n")));
    }

    @Test
    void aBrokenKustomizationFailsToRender(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Kustomize.render(folder));
        assertTrue(failure.getMessage().contains("missing.yaml"), failure.getMessage());
    }
}
