package com.metasupervisor.governance.topology;

import static com.metasupervisor.schemas.Topics.GOVERNANCE_CONFIG_PATCHES;
import static com.metasupervisor.schemas.Topics.GOVERNANCE_PROPOSALS;
import static com.metasupervisor.streams.topology.ProcessorWithStores.inMemoryKeyValue;

import com.metasupervisor.avro.ConfigPatch;
import com.metasupervisor.governance.promotion.PromotionLoopSettings;
import com.metasupervisor.governance.domain.promotion.PatchSubmission;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.streams.state.PlainAvroSerde;
import com.metasupervisor.streams.topology.ProcessorWithStores;
import com.metasupervisor.streams.validation.RecordValidator;
import com.metasupervisor.streams.validation.Sourced;
import com.metasupervisor.streams.validation.ValidationStep;
import com.metasupervisor.streams.validation.Violation;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The promotion loop of SPEC §6 as a sub-topology of its own: governance.config-patches → governance.proposals.
 *
 * <p>Each valid ConfigPatch waits in {@link #PENDING_PATCHES_STORE} (patch id → its latest record) until the next
 * cycle; every {@code governance.promotion-loop.interval} of wall clock {@link PromotionLoopProcessor} runs one cycle
 * over the pending patches (artifacts, bounded_auto's overrides), publishes the proposal and clears them. A patch the
 * domain's {@link PatchSubmission} refuses (blank id or target) goes to {@code governance.config-patches.dlq} through
 * the kit's {@link ValidationStep}, as does a record without a value. The topic has one partition, so one task holds
 * every pending patch and one instance runs the cycle.
 */
public final class PromotionLoopTopology {

    /** Source node of governance.config-patches. */
    public static final String SOURCE_CONFIG_PATCHES = "governance-config-patches";
    /** Patch id → the latest ConfigPatch received since the last cycle. */
    public static final String PENDING_PATCHES_STORE = PromotionLoopProcessor.PENDING;
    /** The processor that keeps the pending patches and runs the cycles. */
    public static final String PROMOTION_LOOP = "promotion-loop";
    /** Sink node of governance.proposals. */
    public static final String SINK_PROPOSALS = "governance-proposals";

    /** The dead-letter reason of a patch the promotion loop's domain refuses. */
    static final String PATCH_REFUSED = "config_patch_refused";

    private PromotionLoopTopology() {
    }

    /**
     * Adds the loop to {@code builder}. {@code clock} gives each cycle its time (proposal id, created_at) and stamps
     * a dead letter's error.at; the cycles themselves are scheduled on the wall clock.
     */
    public static void add(StreamsBuilder builder, TopicSerdes serdes, PromotionLoopSettings settings, Clock clock,
                           DeadLetterMetrics deadLetters) {
        KStream<String, Sourced<ConfigPatch>> source = builder.stream(GOVERNANCE_CONFIG_PATCHES.name(),
                Consumed.with(Serdes.String(), Sourced.serde(serdes.value(GOVERNANCE_CONFIG_PATCHES))).withName(SOURCE_CONFIG_PATCHES));
        new ValidationStep(deadLetters, clock).validate(source, GOVERNANCE_CONFIG_PATCHES, ACCEPTED_BY_THE_LOOP)
                .process(ProcessorWithStores.of(() -> new PromotionLoopProcessor(settings, clock),
                        inMemoryKeyValue(PromotionLoopProcessor.PENDING, new PlainAvroSerde<>(ConfigPatch.class))),
                        Named.as(PROMOTION_LOOP))
                .to(GOVERNANCE_PROPOSALS.name(), Produced.with(Serdes.String(), serdes.value(GOVERNANCE_PROPOSALS)).withName(SINK_PROPOSALS));
    }

    /** The contract of governance.config-patches: what the domain's {@link PatchSubmission} takes. */
    static final RecordValidator<ConfigPatch> ACCEPTED_BY_THE_LOOP = patch -> {
        try {
            PromotionLoopProcessor.submission(patch);
            return List.of();
        } catch (IllegalArgumentException | NullPointerException e) {
            return List.of(new Violation("patch", PATCH_REFUSED, String.valueOf(e.getMessage())));
        }
    };
}
