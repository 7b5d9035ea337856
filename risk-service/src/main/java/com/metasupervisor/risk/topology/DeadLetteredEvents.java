package com.metasupervisor.risk.topology;

import com.metasupervisor.streams.deadletter.DeadLetter;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * A record of alpha.events.dlq as one dead-lettered event of its agent (the key), at its timestamp, with its
 * reason (whose fault it is: {@link AgentInput.DeadLettered#agentFault()}). The value is never read (it may be
 * bytes that did not deserialise): only the headers. A pair the reconciler could not price at one horizon
 * ({@code unknown_symbol}, {@code unpriced}, {@code unreconcilable}) carries {@code error.horizon_hours}; it
 * counts only at the scoring horizon, so an event unpriceable at all three horizons counts once. A record
 * without that header (rejected before reconciliation) counts once. Records without a key are not an agent's.
 */
final class DeadLetteredEvents implements FixedKeyProcessor<String, byte[], AgentInput> {

    static final String UNKNOWN_REASON = "unknown";

    private final int scoringHorizonHours;
    private FixedKeyProcessorContext<String, AgentInput> context;

    DeadLetteredEvents(int scoringHorizonHours) {
        this.scoringHorizonHours = scoringHorizonHours;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, AgentInput> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        if (record.key() == null || record.key().isEmpty() || !countsAtScoringHorizon(record.headers())) {
            return;
        }
        String reason = DeadLetter.header(record.headers(), DeadLetter.REASON);
        context.forward(record.withValue(new AgentInput.DeadLettered(Instant.ofEpochMilli(record.timestamp()),
                reason == null ? UNKNOWN_REASON : reason)));
    }

    private boolean countsAtScoringHorizon(Headers headers) {
        String horizon = DeadLetter.header(headers, com.metasupervisor.schemas.UnreconcilableHeaders.HORIZON_HOURS);
        if (horizon == null) {
            return true;
        }
        try {
            return Integer.parseInt(horizon.trim()) == scoringHorizonHours;
        } catch (NumberFormatException e) {
            return false; // an unreadable horizon is not evidence of an error at the scoring horizon
        }
    }
}
