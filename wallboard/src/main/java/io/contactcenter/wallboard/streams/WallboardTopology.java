package io.contactcenter.wallboard.streams;

import io.contactcenter.events.AgentActivity;
import io.contactcenter.events.Assignment;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.Topics;
import io.contactcenter.wallboard.config.WallboardConfig;
import io.contactcenter.wallboard.domain.CallState;
import io.contactcenter.wallboard.domain.DepartmentBoard;
import io.contactcenter.wallboard.domain.Fact;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The wallboard's topology.
 *
 * <pre>
 * route-requests ─┐
 * call-assignments┼─ read (unreadable → &lt;topic&gt;.dlq) ─ merge ─ CallProcessor [calls] ─ facts by department
 * survey-results ─┘                                                   │ (repartition topic wallboard-department-facts)
 *                                                                      └─ BoardProcessor [boards]
 * agent-activity ── read (unreadable → agent-activity.dlq) ── AgentProcessor [agents]
 * </pre>
 * Every store has a changelog topic, so another instance or a restart resumes where the last commit left off.
 */
public final class WallboardTopology {

    public static final String CALLS_STORE = "calls";
    public static final String BOARDS_STORE = "boards";
    public static final String AGENTS_STORE = "agents";
    /** Named so the internal topic is {@code <application id>-department-facts-repartition}. */
    public static final String DEPARTMENT_FACTS = "department-facts";

    private WallboardTopology() {
    }

    public static Topology build(WallboardConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CALLS_STORE),
                Serdes.String(), Json.serde(CallState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BOARDS_STORE),
                Serdes.String(), Json.serde(DepartmentBoard.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AGENTS_STORE),
                Serdes.String(), Json.serde(AgentActivity.class)));

        KStream<String, CallRecord> requests = read(builder, Topics.ROUTE_REQUESTS, RouteRequest.class,
                RouteRequest::version, RouteRequest.VERSION, r -> new CallRecord(r, null, null));
        KStream<String, CallRecord> assignments = read(builder, Topics.CALL_ASSIGNMENTS, Assignment.class,
                Assignment::version, Assignment.VERSION, a -> new CallRecord(null, a, null));
        KStream<String, CallRecord> surveys = read(builder, Topics.SURVEY_RESULTS, SurveyResult.class,
                SurveyResult::version, SurveyResult.VERSION, s -> new CallRecord(null, null, s));

        requests.merge(assignments).merge(surveys)
                .process(() -> new CallProcessor(config.streams().callRetention()), Named.as("calls"), CALLS_STORE)
                .repartition(Repartitioned.with(Serdes.String(), Json.serde(Fact.class)).withName(DEPARTMENT_FACTS))
                .process(() -> new BoardProcessor(config), Named.as("boards"), BOARDS_STORE);

        read(builder, Topics.AGENT_ACTIVITY, AgentActivity.class, AgentActivity::version, AgentActivity.VERSION,
                Function.identity())
                .process(AgentProcessor::new, Named.as("agents"), AGENTS_STORE);
        return builder.build();
    }

    /** The readable records of {@code topic} as {@code T}; the others go to its dead-letter topic as they came. */
    private static <T, R> KStream<String, R> read(StreamsBuilder builder, String topic, Class<T> type,
            ToIntFunction<T> version, int knownVersion, Function<T, R> wrap) {
        KStream<String, Parsed<T>> parsed = builder.stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("read-" + topic))
                .mapValues(raw -> Parsed.of(raw, type, version, knownVersion), Named.as("parse-" + topic));
        parsed.filterNot((key, value) -> value.readable(), Named.as("unreadable-" + topic))
                .mapValues(Parsed::raw, Named.as("raw-" + topic))
                .to(Topics.deadLetter(topic), Produced.with(Serdes.String(), Serdes.ByteArray()));
        return parsed.filter((key, value) -> value.readable(), Named.as("readable-" + topic))
                .mapValues(value -> wrap.apply(value.value()), Named.as("value-" + topic));
    }
}
