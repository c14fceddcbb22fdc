package io.contactcenter.wallboard.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.contactcenter.events.AgentActivity;
import io.contactcenter.events.AgentActivityKind;
import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.events.Topics;
import io.contactcenter.wallboard.TestConfig;
import io.contactcenter.wallboard.domain.DepartmentBoard;
import io.contactcenter.wallboard.rest.AgentCounts;
import io.contactcenter.wallboard.rest.AgentFigures;
import io.contactcenter.wallboard.rest.DepartmentFigures;
import io.contactcenter.wallboard.rest.Period;
import io.contactcenter.wallboard.service.Figures;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The topology with hand-made sequences of records, every figure asserted exactly. Department "sales" has the
 * default 20 s service-level target; the zone is Europe/Berlin (UTC+1 in winter), so local midnight is 23:00Z.
 */
class WallboardTopologyTest {

    private static final String SALES = "sales";
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> requests;
    private TestInputTopic<String, String> assignments;
    private TestInputTopic<String, String> surveys;
    private TestInputTopic<String, String> activity;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "wallboard-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/wallboard-topology-test");
        driver = new TopologyTestDriver(WallboardTopology.build(new TestConfig(ZONE, Map.of())), props, T0);
        requests = input(Topics.ROUTE_REQUESTS);
        assignments = input(Topics.CALL_ASSIGNMENTS);
        surveys = input(Topics.SURVEY_RESULTS);
        activity = input(Topics.AGENT_ACTIVITY);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private TestInputTopic<String, String> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new StringSerializer());
    }

    // ---- the records, with the ids their producers give them (docs/events.md)

    private void request(String call, Instant at) {
        requests.pipeInput(call, json(new RouteRequest("route-" + call, 1, call, SALES, "447700900123",
                "cc-" + call, null, at)), at);
    }

    private void assignment(String call, String agent, AssignmentOutcome outcome, int attempt, Instant at) {
        assignments.pipeInput(call, json(new Assignment("asg-" + call + "-" + attempt + "-" + outcome, 1, call, SALES,
                agent, agent == null ? null : "leg-" + call + "-" + attempt, outcome, attempt, at)), at);
    }

    private void survey(String call, String agent, Integer score, SurveyStatus status, Instant offeredAt) {
        surveys.pipeInput(call, json(new SurveyResult("survey-result-" + call, 1, call, SALES, agent, score, status,
                "4477****0123", offeredAt, score == null ? null : offeredAt.plusSeconds(5))), offeredAt);
    }

    private void agent(String agent, long version, String status, String state, Instant at) {
        activity.pipeInput(agent, json(new AgentActivity("act-" + agent + "-" + version, 1,
                AgentActivityKind.STATE_CHANGED, agent, version, List.of(SALES), status, state, null, null, null, at)),
                at);
    }

    /** An answered and completed call, attempt 1. */
    private void talk(String call, String agent, Instant requested, long waitSeconds, long handleSeconds) {
        request(call, requested);
        assignment(call, agent, AssignmentOutcome.RINGING, 1, requested.plusSeconds(1));
        assignment(call, agent, AssignmentOutcome.ANSWERED, 1, requested.plusSeconds(waitSeconds));
        assignment(call, agent, AssignmentOutcome.COMPLETED, 1, requested.plusSeconds(waitSeconds + handleSeconds));
    }

    private static String json(Object value) {
        return new String(Json.write(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    // ---- reading the figures as the API does

    private DepartmentFigures sales(Instant now) {
        List<DepartmentFigures> all = Figures.departments(boards(), agents(), now, ZONE);
        return all.stream().filter(d -> d.department().equals(SALES)).findFirst().orElseThrow();
    }

    private List<AgentFigures> agentFigures(Instant now) {
        return Figures.agents(boards(), agents(), now, ZONE);
    }

    private List<DepartmentBoard> boards() {
        return values(driver.getKeyValueStore(WallboardTopology.BOARDS_STORE));
    }

    private List<AgentActivity> agents() {
        return values(driver.getKeyValueStore(WallboardTopology.AGENTS_STORE));
    }

    private static <V> List<V> values(KeyValueStore<String, V> store) {
        List<V> values = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(entry -> values.add(entry.value));
        }
        return values;
    }

    private static Period period(long offered, long answered, long abandoned, long overflowed, long handled,
            Double serviceLevel, Double asa, Double aht, Double abandonment) {
        return new Period(offered, answered, abandoned, overflowed, handled, serviceLevel, asa, aht, abandonment, 0, 0,
                null, null, null, 0);
    }

    // ---- the sequences

    @Test
    void answeredInsideAndOutsideTheServiceLevelTarget() {
        talk("in", "jane", T0, 20, 180);   // exactly the target: inside
        talk("out", "joe", T0, 21, 60);

        DepartmentFigures sales = sales(T0.plus(Duration.ofMinutes(5)));
        Period expected = period(2, 2, 0, 0, 2, 0.5, 20.5, 120.0, 0.0);
        assertEquals(expected, sales.today());
        assertEquals(expected, sales.last15Minutes());
        assertEquals(expected, sales.lastHour());
        assertEquals(0, sales.waiting());
        assertEquals(0, sales.longestWaitSeconds());
        List<AgentFigures> agents = agentFigures(T0.plus(Duration.ofMinutes(5)));
        assertEquals(List.of(new AgentFigures("jane", "unknown", null, List.of(), 1, 180.0, 0, null, 0),
                new AgentFigures("joe", "unknown", null, List.of(), 1, 60.0, 0, null, 0)), agents);
        // the chart: offered in minute 10:00, answered in 10:00; the last point is the current minute
        assertEquals(60, sales.lastHourChart().size());
        assertEquals(Instant.parse("2026-11-22T10:05:00Z"), sales.lastHourChart().get(59).minute());
        assertEquals(2, sales.lastHourChart().get(54).offered());
        assertEquals(2, sales.lastHourChart().get(54).answered());

        // 20 minutes on, the calls are out of the last 15 minutes but in the last hour and today
        DepartmentFigures later = sales(T0.plus(Duration.ofMinutes(20)));
        assertEquals(period(0, 0, 0, 0, 0, null, null, null, null), later.last15Minutes());
        assertEquals(expected, later.lastHour());
        assertEquals(expected, later.today());
    }

    @Test
    void abandonWhileRinging() {
        request("c1", T0);
        assignment("c1", "jane", AssignmentOutcome.RINGING, 1, T0.plusSeconds(2));
        assertEquals(1, sales(T0.plusSeconds(30)).waiting());
        assertEquals(30, sales(T0.plusSeconds(30)).longestWaitSeconds());
        assertEquals(T0, sales(T0.plusSeconds(30)).oldestWaitingSince());
        assignment("c1", "jane", AssignmentOutcome.ABANDONED, 1, T0.plusSeconds(40));

        DepartmentFigures sales = sales(T0.plusSeconds(60));
        assertEquals(0, sales.waiting());
        assertNull(sales.oldestWaitingSince());
        assertEquals(period(1, 0, 1, 0, 0, 0.0, null, null, 1.0), sales.today());
    }

    @Test
    void overflowNoAgent() {
        request("c1", T0);
        assignment("c1", null, AssignmentOutcome.NO_AGENT, 0, T0.plusSeconds(300));

        DepartmentFigures sales = sales(T0.plusSeconds(301));
        assertEquals(0, sales.waiting());
        assertEquals(period(1, 0, 0, 1, 0, 0.0, null, null, 0.0), sales.today());
    }

    @Test
    void failoverTwoRingingOneAnswered() {
        request("c1", T0);
        assignment("c1", "jane", AssignmentOutcome.RINGING, 1, T0.plusSeconds(1));
        assignment("c1", "jane", AssignmentOutcome.NO_ANSWER, 1, T0.plusSeconds(16));
        assignment("c1", "joe", AssignmentOutcome.RINGING, 2, T0.plusSeconds(17));
        assertEquals(1, sales(T0.plusSeconds(18)).waiting());
        assignment("c1", "joe", AssignmentOutcome.ANSWERED, 2, T0.plusSeconds(25));
        assignment("c1", "joe", AssignmentOutcome.COMPLETED, 2, T0.plusSeconds(85));

        DepartmentFigures sales = sales(T0.plusSeconds(90));
        assertEquals(0, sales.waiting());
        assertEquals(period(1, 1, 0, 0, 1, 0.0, 25.0, 60.0, 0.0), sales.today());
        assertEquals(List.of(new AgentFigures("joe", "unknown", null, List.of(), 1, 60.0, 0, null, 0)),
                agentFigures(T0.plusSeconds(90)));
    }

    @Test
    void eachTransferCountsOnceForTheDepartmentAndTheAgentWhoTransferred() {
        request("c1", T0);
        assignment("c1", "jane", AssignmentOutcome.ANSWERED, 1, T0.plusSeconds(5));
        assignment("c1", "jane", AssignmentOutcome.TRANSFER_STARTED, 1, T0.plusSeconds(60));
        assignment("c1", "jane", AssignmentOutcome.TRANSFERRED, 1, T0.plusSeconds(62));
        assignment("c1", "jane", AssignmentOutcome.TRANSFERRED, 1, T0.plusSeconds(62)); // redelivered
        assignment("c1", "joe", AssignmentOutcome.ANSWERED, 2, T0.plusSeconds(70));
        assignment("c1", "joe", AssignmentOutcome.TRANSFER_STARTED, 2, T0.plusSeconds(80));
        assignment("c1", "joe", AssignmentOutcome.TRANSFER_CANCELLED, 2, T0.plusSeconds(90));
        assignment("c1", "joe", AssignmentOutcome.COMPLETED, 2, T0.plusSeconds(100));

        DepartmentFigures sales = sales(T0.plusSeconds(120));
        assertEquals(1, sales.today().transferred(), "a cancelled transfer is no transfer");
        assertEquals(1, sales.last15Minutes().transferred());
        assertEquals(1, sales.today().answered(), "still one answered call");
        Map<String, Long> byAgent = new java.util.HashMap<>();
        agentFigures(T0.plusSeconds(120)).forEach(a -> byAgent.put(a.agentId(), a.transferred()));
        assertEquals(Map.of("jane", 1L, "joe", 0L), byAgent);
    }

    @Test
    void theSameRecordDeliveredTwiceCountsOnce() {
        talk("c1", "jane", T0, 10, 100);
        request("c1", T0);
        assignment("c1", "jane", AssignmentOutcome.ANSWERED, 1, T0.plusSeconds(10));
        assignment("c1", "jane", AssignmentOutcome.COMPLETED, 1, T0.plusSeconds(110));
        survey("c1", "jane", 4, SurveyStatus.ANSWERED, T0.plusSeconds(111));
        survey("c1", "jane", 4, SurveyStatus.ANSWERED, T0.plusSeconds(111));

        Period today = sales(T0.plusSeconds(200)).today();
        assertEquals(new Period(1, 1, 0, 0, 1, 1.0, 10.0, 100.0, 0.0, 1, 1, 4.0, 1.0, 1.0, 0), today);
    }

    @Test
    void completedBeforeAnswered() {
        request("c1", T0);
        assignment("c1", "jane", AssignmentOutcome.RINGING, 1, T0.plusSeconds(1));
        assignment("c1", "jane", AssignmentOutcome.COMPLETED, 1, T0.plusSeconds(70));
        // not answered as far as the wallboard knows yet: the caller still counts as waiting
        assertEquals(period(1, 0, 0, 0, 0, null, null, null, null), sales(T0.plusSeconds(71)).today());
        assertEquals(1, sales(T0.plusSeconds(71)).waiting());
        assignment("c1", "jane", AssignmentOutcome.ANSWERED, 1, T0.plusSeconds(10));

        DepartmentFigures sales = sales(T0.plusSeconds(72));
        assertEquals(0, sales.waiting());
        assertEquals(period(1, 1, 0, 0, 1, 1.0, 10.0, 60.0, 0.0), sales.today());
    }

    @Test
    void surveyResultBeforeTheAssignment() {
        survey("c1", "jane", 5, SurveyStatus.ANSWERED, T0.plusSeconds(100));
        survey("c2", "jane", null, SurveyStatus.NO_INPUT, T0.plusSeconds(100));
        assertEquals(new Period(0, 0, 0, 0, 0, null, null, null, null, 2, 1, 5.0, 1.0, 0.5, 0),
                sales(T0.plusSeconds(101)).today());
        talk("c1", "jane", T0, 5, 90);
        talk("c2", "jane", T0, 30, 90);

        assertEquals(new Period(2, 2, 0, 0, 2, 0.5, 17.5, 90.0, 0.0, 2, 1, 5.0, 1.0, 0.5, 0),
                sales(T0.plusSeconds(200)).today());
        assertEquals(List.of(new AgentFigures("jane", "unknown", null, List.of(), 2, 90.0, 1, 5.0, 0)),
                agentFigures(T0.plusSeconds(200)));
    }

    @Test
    void aCallCrossingMidnightCountsEachFactOnItsOwnDay() {
        Instant beforeMidnight = Instant.parse("2026-11-22T22:59:50Z"); // 23:59:50 in Berlin
        request("c1", beforeMidnight);
        assertEquals(period(1, 0, 0, 0, 0, null, null, null, null), sales(beforeMidnight.plusSeconds(5)).today());
        assignment("c1", "jane", AssignmentOutcome.ANSWERED, 1, beforeMidnight.plusSeconds(20));
        assignment("c1", "jane", AssignmentOutcome.COMPLETED, 1, beforeMidnight.plusSeconds(80));

        DepartmentFigures afterMidnight = sales(beforeMidnight.plusSeconds(120));
        assertEquals(period(0, 1, 0, 0, 1, 1.0, 20.0, 60.0, 0.0), afterMidnight.today());
        assertEquals(period(1, 1, 0, 0, 1, 1.0, 20.0, 60.0, 0.0), afterMidnight.last15Minutes());
    }

    @Test
    void agentsByStateKeepTheNewestVersion() {
        agent("jane", 1, "AVAILABLE", "IDLE", T0);
        agent("joe", 1, "AVAILABLE", "IDLE", T0);
        agent("ann", 1, "AWAY", "IDLE", T0);
        agent("bob", 1, "AVAILABLE", "WRAP_UP", T0);
        agent("jane", 3, "AVAILABLE", "ON_CALL", T0.plusSeconds(20));
        agent("jane", 2, "AVAILABLE", "RESERVED", T0.plusSeconds(10)); // late: older version, ignored
        agent("joe", 2, "AVAILABLE", "RESERVED", T0.plusSeconds(12));

        assertEquals(new AgentCounts(0, 1, 1, 1, 1), sales(T0.plusSeconds(30)).agents());
        AgentFigures jane = agentFigures(T0.plusSeconds(30)).stream().filter(a -> a.agentId().equals("jane"))
                .findFirst().orElseThrow();
        assertEquals(new AgentFigures("jane", "onCall", T0.plusSeconds(20), List.of(SALES), 0, null, 0, null, 0), jane);
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopic() {
        requests.pipeInput("c1", "{not json", T0);
        assignments.pipeInput("c2", "{\"eventId\":\"x\",\"version\":2,\"callId\":\"c2\"}", T0);
        assertEquals("{not json", driver.createOutputTopic(Topics.deadLetter(Topics.ROUTE_REQUESTS),
                new StringDeserializer(), new StringDeserializer()).readValue());
        assertEquals(1, driver.createOutputTopic(Topics.deadLetter(Topics.CALL_ASSIGNMENTS),
                new StringDeserializer(), new StringDeserializer()).readValuesToList().size());
        // readable but without an outcome: nothing to count, and the partition goes on
        assignments.pipeInput("c3", "{\"eventId\":\"y\",\"version\":1,\"callId\":\"c3\",\"department\":\"sales\"}", T0);
        request("c3", T0);
        assertEquals(1, sales(T0.plusSeconds(1)).today().offered());
    }
}
