package io.contactcenter.wallboard.streams;

import io.contactcenter.wallboard.config.WallboardConfig;
import io.contactcenter.wallboard.domain.DepartmentBoard;
import io.contactcenter.wallboard.domain.Fact;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** The per-department stage (keyed by department id): counts each fact into its department's board. */
final class BoardProcessor implements Processor<String, Fact, Void, Void> {

    private final WallboardConfig config;
    private KeyValueStore<String, DepartmentBoard> boards;

    BoardProcessor(WallboardConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        boards = context.getStateStore(WallboardTopology.BOARDS_STORE);
    }

    @Override
    public void process(Record<String, Fact> record) {
        String department = record.key();
        if (department == null || record.value() == null) {
            return;
        }
        DepartmentBoard board = boards.get(department);
        if (board == null) {
            board = new DepartmentBoard(department);
        }
        board.apply(record.value(), config.serviceLevel().targetOf(department), config.zone());
        boards.put(department, board);
    }
}
