package io.contactcenter.survey.messaging;

import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.Topics;
import io.contactcenter.support.messaging.OutboxRelay;
import io.contactcenter.survey.config.SurveyConfig;
import io.contactcenter.survey.domain.SurveyResponse;
import io.contactcenter.survey.domain.SurveyResponseRepository;
import io.contactcenter.survey.service.SurveyMetrics;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Puts recorded survey outcomes on {@code survey-results} (transactional outbox, through service-support's
 * {@link OutboxRelay}): a response row is marked published only once Kafka acknowledged it ({@code acks=all}), so no
 * outcome is lost when Kafka or the service is down. A crash between the acknowledgement and the commit republishes
 * the same record with the same {@code eventId}; consumers deduplicate on it.
 */
@ApplicationScoped
public class ResultPublisher {

    private final SurveyMetrics metrics;
    private final OutboxRelay<SurveyResponse> relay;

    public ResultPublisher(SurveyResponseRepository responses,
            @Channel(Topics.SURVEY_RESULTS) MutinyEmitter<SurveyResult> emitter, SurveyMetrics metrics,
            SurveyConfig config) {
        this.metrics = metrics;
        this.relay = new OutboxRelay<>(responses::lockUnpublished, this::published,
                response -> emitter.sendMessage(KafkaRecord.of(response.callId, toRecord(response)))
                        .subscribeAsCompletionStage(),
                config.publish().batchSize(), config.publish().ackTimeout());
    }

    /** Publishes one batch; answers whether more may be pending (a {@code WorkLoop} pass). */
    public boolean publishPending() {
        return relay.publishPending();
    }

    private void published(SurveyResponse response) {
        response.publishedAt = Instant.now();
        metrics.outcome(response.departmentId, response.status,
                response.score == null ? null : response.score.intValue());
        Log.debugf("published survey result of call %s", response.callId);
    }

    static SurveyResult toRecord(SurveyResponse response) {
        return new SurveyResult(response.eventId, SurveyResult.VERSION, response.callId, response.departmentId,
                response.agentId, response.score == null ? null : response.score.intValue(), response.status,
                response.callerNumber, response.offeredAt, response.answeredAt,
                response.agentIds == null ? null : List.of(response.agentIds));
    }
}
