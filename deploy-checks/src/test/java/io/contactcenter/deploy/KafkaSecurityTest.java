package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.events.Topics;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka is reached only over TLS with a SCRAM-SHA-512 login, every client is a {@code KafkaUser} of its own, and
 * each user's ACLs are exactly what docs/events.md (the topic contract) gives that client: producers Write and
 * Describe their topics; consumers Read and Describe theirs, Read their consumer groups (the services'
 * {@code group.id}s; a group id with a per-process part, {@code name-${...}}, as a prefix) and Write and Describe the
 * dead-letter topic of each topic they dead-letter to; a Kafka Streams service also has its application id as group,
 * its internal topics (prefix {@code <application id>-}) and its transactional ids (same prefix). A widened ACL (another
 * topic, a wildcard, a prefix, another operation, a cluster right) fails, and so does a missing one. Every
 * Deployment of a Kafka client logs in as its own user, from the user's Strimzi Secret, and trusts the cluster CA.
 */
class KafkaSecurityTest {

    /** Clients of the topic table in docs/events.md that are not one of our services. */
    private static final String DASHBOARDS = "dashboards";
    /** The consumer groups of the dashboards' user must start with this (kafka/users.yaml). */
    private static final String DASHBOARD_GROUP_PREFIX = "dashboards-";

    /** One row of the topic table of docs/events.md. */
    record TopicContract(String topic, String producer, Set<String> consumers) {
    }

    /** The topic table of docs/events.md: topic → producer, consumers (client names as written, "(external)" cut). */
    static List<TopicContract> topicContract() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Project.root().resolve("docs/events.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<TopicContract> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines) {
            List<String> cells = List.of(line.split("\\|", -1)).stream().map(String::strip).toList();
            if (!inTable) {
                inTable = cells.size() > 5 && cells.get(1).equals("topic") && cells.get(3).equals("producer")
                        && cells.get(4).equals("consumers");
                continue;
            }
            if (!line.startsWith("|")) {
                break;
            }
            if (cells.get(1).startsWith("---")) {
                continue;
            }
            Set<String> consumers = new TreeSet<>();
            for (String consumer : cells.get(4).split(",")) {
                consumers.add(consumer.replace("(external)", "").strip());
            }
            rows.add(new TopicContract(cells.get(1).replace("`", ""), cells.get(3), consumers));
        }
        assertFalse(rows.isEmpty(), "docs/events.md has the table | topic | record | producer | consumers | key |");
        return rows;
    }

    /** A flattened ACL entry: resource type, pattern type, name, operation. */
    private static String acl(String type, String pattern, String name, String operation) {
        return type + ":" + pattern + ":" + name + ":" + operation;
    }

    /** The consumer groups of a service (prod profile): the incoming channels' group.id, else kafka.group.id. */
    static Set<String> consumerGroups(ServiceModule module) {
        Properties properties = module.prodProperties();
        Set<String> groups = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher channel = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic").matcher(key);
            if (channel.matches()) {
                String group = properties.getProperty("mp.messaging.incoming." + channel.group(1) + ".group.id",
                        properties.getProperty("kafka.group.id"));
                assertNotNull(group, module.name() + ": channel " + channel.group(1) + " names its consumer group");
                groups.add(group.strip());
            }
        }
        return groups;
    }

    /** The Kafka Streams application id of a service built on Kafka Streams ({@code *.streams.application-id}). */
    static Optional<String> streamsApplicationId(ServiceModule module) {
        if (!module.hasDependency("kafka-streams")) {
            return Optional.empty();
        }
        Properties properties = module.prodProperties();
        return Optional.of(properties.stringPropertyNames().stream().filter(k -> k.endsWith(".streams.application-id"))
                .map(properties::getProperty).map(String::strip).findFirst()
                .orElseThrow(() -> new AssertionError(module.name() + " names its Kafka Streams application id")));
    }

    /** The dead-letter topics a service writes: its channels' DLQs; a Kafka Streams service's, one per source topic. */
    private static Set<String> deadLetters(ServiceModule module, Set<String> consumed) {
        if (streamsApplicationId(module).isPresent()) {
            return consumed.stream().map(Topics::deadLetter).collect(Collectors.toCollection(TreeSet::new));
        }
        Properties properties = module.prodProperties();
        return properties.stringPropertyNames().stream()
                .filter(k -> k.startsWith("mp.messaging.incoming.") && k.endsWith(".dead-letter-queue.topic"))
                .map(properties::getProperty).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The ACLs docs/events.md and the service's configuration give a client. */
    static Set<String> expectedAcls(String client, List<TopicContract> contract) {
        Set<String> acls = new TreeSet<>();
        Set<String> consumed = new TreeSet<>();
        for (TopicContract row : contract) {
            if (row.producer().equals(client)) {
                acls.add(acl("topic", "literal", row.topic(), "Write"));
                acls.add(acl("topic", "literal", row.topic(), "Describe"));
            }
            if (row.consumers().contains(client)) {
                acls.add(acl("topic", "literal", row.topic(), "Read"));
                acls.add(acl("topic", "literal", row.topic(), "Describe"));
                consumed.add(row.topic());
            }
        }
        if (client.equals(DASHBOARDS)) {
            acls.add(acl("group", "prefix", DASHBOARD_GROUP_PREFIX, "Read"));
            return acls;
        }
        Optional<ServiceModule> module = ServiceModule.of(client);
        // poison records go to <topic>.dlq (docs/events.md, "Poison records"); a service not in this checkout: all
        Set<String> deadLetters = module.map(m -> deadLetters(m, consumed)).orElse(consumed.stream()
                .map(Topics::deadLetter).collect(Collectors.toCollection(TreeSet::new)));
        for (String deadLetter : deadLetters) {
            acls.add(acl("topic", "literal", deadLetter, "Write"));
            acls.add(acl("topic", "literal", deadLetter, "Describe"));
        }
        module.ifPresent(m -> consumerGroups(m).forEach(group -> acls.add(group.contains("${")
                ? acl("group", "prefix", group.substring(0, group.indexOf("${")), "Read")
                : acl("group", "literal", group, "Read"))));
        module.flatMap(KafkaSecurityTest::streamsApplicationId).ifPresent(id -> {
            acls.add(acl("group", "literal", id, "Read"));
            acls.add(acl("topic", "prefix", id + "-", "All"));
            acls.add(acl("transactionalId", "prefix", id + "-", "Write"));
            acls.add(acl("transactionalId", "prefix", id + "-", "Describe"));
        });
        return acls;
    }

    /** What a KafkaUser's ACL rules allow, flattened; deny rules and host restrictions are reported. */
    static Set<String> actualAcls(JsonNode user) {
        Set<String> acls = new TreeSet<>();
        String id = Manifest.id(user);
        JsonNode authorization = user.path("spec").path("authorization");
        assertEquals("simple", authorization.path("type").asText(), id + ": simple authorization");
        for (JsonNode rule : authorization.path("acls")) {
            assertEquals("allow", rule.path("type").asText("allow"), id + ": allow rules only");
            JsonNode resource = rule.path("resource");
            String type = resource.path("type").asText();
            String name = type.equals("cluster") ? "*cluster*" : resource.path("name").asText();
            for (JsonNode operation : rule.path("operations")) {
                acls.add(acl(type, resource.path("patternType").asText("literal"), name, operation.asText()));
            }
        }
        return acls;
    }

    private static String clientName(String documented) {
        return documented.strip();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyClientOfTheTopicContractIsAKafkaUserAndNothingElseIs(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        Set<String> clients = new TreeSet<>();
        for (TopicContract row : topicContract()) {
            clients.add(clientName(row.producer()));
            row.consumers().forEach(c -> clients.add(clientName(c)));
        }
        Set<String> users = manifest.ofKind("KafkaUser").stream().map(Manifest::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(clients, users, "one KafkaUser per client of docs/events.md");
        String cluster = Manifest.name(manifest.ofKind("Kafka").get(0));
        for (JsonNode user : manifest.ofKind("KafkaUser")) {
            assertEquals(cluster, user.path("metadata").path("labels").path("strimzi.io/cluster").asText());
            assertEquals("scram-sha-512", user.path("spec").path("authentication").path("type").asText(),
                    Manifest.id(user) + ": SCRAM-SHA-512 (the listener's authentication)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachUsersAclsAreExactlyItsTopicsFromDocsEventsMd(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        List<TopicContract> contract = topicContract();
        for (JsonNode user : manifest.ofKind("KafkaUser")) {
            String client = Manifest.name(user);
            assertEquals(expectedAcls(client, contract), actualAcls(user), overlay + ": ACLs of " + Manifest.id(user)
                    + " (docs/events.md + group ids of " + client + ")");
        }
    }

    @Test
    void theExpectedAclsOfTheServicesAreWhatTheirConfigurationDoes() {
        List<TopicContract> contract = topicContract();
        for (String service : List.of("routing-service", "survey-service")) {
            Optional<ServiceModule> module = ServiceModule.of(service);
            if (module.isEmpty()) {
                continue;
            }
            Properties properties = module.get().prodProperties();
            Set<String> consumed = contract.stream().filter(r -> r.consumers().contains(service)).map(TopicContract::topic)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(consumed, module.get().incomingTopics(), service + " consumes what docs/events.md says");
            Set<String> produced = new TreeSet<>();
            Set<String> deadLetters = new TreeSet<>();
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith("mp.messaging.outgoing.") && key.endsWith(".topic")) {
                    produced.add(properties.getProperty(key).strip());
                }
                if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".dead-letter-queue.topic")) {
                    deadLetters.add(properties.getProperty(key).strip());
                }
                assertFalse(key.contains("transactional.id"), service + ": transactions would need transactionalId ACLs");
            }
            assertEquals(contract.stream().filter(r -> r.producer().equals(service)).map(TopicContract::topic)
                    .collect(Collectors.toCollection(TreeSet::new)), produced, service + " produces what docs/events.md says");
            assertEquals(consumed.stream().map(Topics::deadLetter).collect(Collectors.toCollection(TreeSet::new)),
                    deadLetters, service + ": every consumed topic dead-letters to <topic>.dlq");
            assertFalse(consumerGroups(module.get()).isEmpty());
        }
        ServiceModule.of("webhook-gateway").ifPresent(gateway -> {
            // the gateway's plain producer names its topics with the Topics constants
            Set<String> named = new TreeSet<>();
            Matcher constant = Pattern.compile("Topics\\.([A-Z_]+)\\b(?!\\()").matcher(gateway.mainSources());
            while (constant.find()) {
                if (!constant.group(1).equals("DEAD_LETTER_SUFFIX")) {
                    named.add(constant.group(1));
                }
            }
            Set<String> topics = named.stream().map(KafkaSecurityTest::topicOfConstant)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(contract.stream().filter(r -> r.producer().equals("webhook-gateway")).map(TopicContract::topic)
                    .collect(Collectors.toCollection(TreeSet::new)), topics, "the gateway produces what docs/events.md says");
        });
        ServiceModule.of("agent-directory").ifPresent(directory -> {
            Set<String> produced = new TreeSet<>();
            Properties properties = directory.prodProperties();
            properties.stringPropertyNames().stream()
                    .filter(k -> k.startsWith("mp.messaging.outgoing.") && k.endsWith(".topic"))
                    .forEach(k -> produced.add(properties.getProperty(k).strip()));
            assertEquals(contract.stream().filter(r -> r.producer().equals("agent-directory")).map(TopicContract::topic)
                    .collect(Collectors.toCollection(TreeSet::new)), produced, "the directory produces what docs/events.md says");
            assertEquals(contract.stream().filter(r -> r.consumers().contains("agent-directory")).map(TopicContract::topic)
                    .collect(Collectors.toCollection(TreeSet::new)), directory.incomingTopics(),
                    "the directory consumes what docs/events.md says");
        });
        ServiceModule.of("wallboard").ifPresent(wallboard -> assertEquals(Optional.of("wallboard"),
                streamsApplicationId(wallboard), "the wallboard's application id: its group and internal topics' prefix"));
    }

    private static String topicOfConstant(String constant) {
        try {
            return (String) Topics.class.getField(constant).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Topics." + constant, e);
        }
    }

    @Test
    void anAclWidenedOrMissingIsNoticed() {
        // the comparison above is exact: prove it on a copy of the survey user with one more and one less rule
        Manifest manifest = Project.rendered("prod");
        JsonNode user = manifest.get("KafkaUser", "survey-service").deepCopy();
        Set<String> expected = expectedAcls("survey-service", topicContract());
        assertEquals(expected, actualAcls(user));
        var acls = (com.fasterxml.jackson.databind.node.ArrayNode) user.path("spec").path("authorization").path("acls");
        var widened = acls.addObject();
        widened.putObject("resource").put("type", "topic").put("name", "call").put("patternType", "prefix");
        widened.putArray("operations").add("Read");
        assertFalse(expected.equals(actualAcls(user)), "a prefix rule widens the ACLs");
        acls.remove(acls.size() - 1);
        acls.remove(0);
        assertFalse(expected.equals(actualAcls(user)), "a missing rule is noticed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theOnlyClientListenerIsTlsWithScramAndAclsAreEnforced(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        JsonNode kafka = manifest.ofKind("Kafka").get(0).path("spec").path("kafka");
        assertEquals("simple", kafka.path("authorization").path("type").asText(), "authorization: simple");
        assertTrue(kafka.path("authorization").path("superUsers").isMissingNode(),
                "no super users of ours (Strimzi's components are super users already)");
        assertTrue(manifest.ofKind("Kafka").get(0).path("spec").path("entityOperator").has("userOperator"),
                "the User Operator turns the KafkaUsers into credentials and ACLs");
        assertEquals(1, kafka.path("listeners").size(), "one client listener");
        JsonNode listener = kafka.path("listeners").get(0);
        assertTrue(listener.path("tls").asBoolean(), "TLS");
        assertEquals("scram-sha-512", listener.path("authentication").path("type").asText(), "SCRAM-SHA-512 login");
        // Strimzi makes the listener's NetworkPolicy from these peers: the Kafka clients' pods only
        Set<String> peers = new TreeSet<>();
        for (JsonNode peer : listener.path("networkPolicyPeers")) {
            assertTrue(peer.path("namespaceSelector").isMissingNode() && peer.path("ipBlock").isMissingNode(),
                    "peers are pods of this namespace: " + peer);
            peers.add(peer.path("podSelector").path("matchLabels").toString());
        }
        Set<String> clients = new TreeSet<>();
        for (Deployment deployment : manifest.deployments()) {
            if (kafkaClient(manifest, deployment)) {
                clients.add(Manifest.YAML.valueToTree(deployment.getSpec().getSelector().getMatchLabels()).toString());
            }
        }
        clients.add("{\"contact-center.io/kafka-reader\":\"true\"}"); // the dashboards' pods
        assertEquals(clients, peers, "the listener admits the Kafka clients' pods and nothing else");
    }

    private static boolean kafkaClient(Manifest manifest, Deployment deployment) {
        return manifest.find("KafkaUser", deployment.getMetadata().getName()).isPresent()
                || env(deployment).keySet().stream().anyMatch(name -> name.startsWith("KAFKA_"));
    }

    private static Map<String, EnvVar> env(Deployment deployment) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        Optional.ofNullable(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .orElse(List.of()).forEach(v -> env.put(v.getName(), v));
        return env;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyKafkaClientLogsInAsItsOwnUserOverTls(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        Manifest example = Manifest.read(Project.secretExample());
        String cluster = Manifest.name(manifest.ofKind("Kafka").get(0));
        Set<String> clients = new TreeSet<>();
        for (Deployment deployment : manifest.deployments()) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            Map<String, String> environment = ContainerEnvironment.resolve(container, manifest, example);
            boolean usesKafka = ServiceModule.of(name).map(m -> m.referencedEnvironment().contains("KAFKA_BOOTSTRAP_SERVERS"))
                    .orElse(environment.containsKey("KAFKA_BOOTSTRAP_SERVERS"));
            if (!usesKafka) {
                assertTrue(environment.keySet().stream().noneMatch(v -> v.startsWith("KAFKA_")), name + " uses no Kafka");
                assertTrue(manifest.find("KafkaUser", name).isEmpty(), name + " uses no Kafka: no KafkaUser");
                continue;
            }
            clients.add(name);
            assertTrue(manifest.find("KafkaUser", name).isPresent(), name + " has a KafkaUser of its own");
            assertEquals("SASL_SSL", environment.get("KAFKA_SECURITY_PROTOCOL"), name);
            assertEquals("SCRAM-SHA-512", environment.get("KAFKA_SASL_MECHANISM"), name);
            EnvVar jaas = env(deployment).get("KAFKA_SASL_JAAS_CONFIG");
            assertNotNull(jaas, name + ": KAFKA_SASL_JAAS_CONFIG");
            SecretKeySelector secret = jaas.getValueFrom() == null ? null : jaas.getValueFrom().getSecretKeyRef();
            assertNotNull(secret, name + ": KAFKA_SASL_JAAS_CONFIG comes from a Secret");
            assertEquals(name, secret.getName(), name + ": the Secret Strimzi made for its own KafkaUser");
            assertEquals(OperatorSecrets.JAAS_KEY, secret.getKey(), name);
            assertTrue(secret.getOptional() == null || !secret.getOptional(), name + ": the Secret is not optional");
            // the truststore is the cluster CA certificate, mounted from Strimzi's Secret
            assertEquals("PEM", environment.get("KAFKA_SSL_TRUSTSTORE_TYPE"), name);
            String truststore = environment.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
            assertNotNull(truststore, name + ": KAFKA_SSL_TRUSTSTORE_LOCATION");
            VolumeMount mount = container.getVolumeMounts().stream()
                    .filter(m -> truststore.startsWith(m.getMountPath() + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": " + truststore + " is not mounted"));
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            assertNotNull(volume.getSecret(), name + ": the CA comes from a Secret");
            assertEquals(OperatorSecrets.clusterCaCert(cluster), volume.getSecret().getSecretName(), name);
            String file = truststore.substring(mount.getMountPath().length() + 1);
            assertTrue(volume.getSecret().getItems().stream().anyMatch(i -> i.getKey().equals("ca.crt") && i.getPath().equals(file)),
                    name + ": " + truststore + " is the CA's ca.crt");
            // and the service hands these variables to its Kafka clients
            ServiceModule.of(name).ifPresent(module -> {
                Properties properties = module.prodProperties();
                Map<String, String> wiring = Map.of("kafka.security.protocol", "KAFKA_SECURITY_PROTOCOL",
                        "kafka.sasl.mechanism", "KAFKA_SASL_MECHANISM", "kafka.sasl.jaas.config", "KAFKA_SASL_JAAS_CONFIG",
                        "kafka.ssl.truststore.type", "KAFKA_SSL_TRUSTSTORE_TYPE",
                        "kafka.ssl.truststore.location", "KAFKA_SSL_TRUSTSTORE_LOCATION");
                wiring.forEach((property, variable) -> assertTrue(String.valueOf(properties.getProperty(property))
                        .startsWith("${" + variable), module.name() + ": " + property + " reads " + variable));
                assertTrue(String.valueOf(properties.getProperty("kafka.security.protocol"))
                        .equals("${KAFKA_SECURITY_PROTOCOL:PLAINTEXT}"), "PLAINTEXT only when nothing is set (local run)");
            });
        }
        assertEquals(Set.of("agent-directory", "webhook-gateway", "routing-service", "survey-service", "wallboard"),
                clients);
    }
}
