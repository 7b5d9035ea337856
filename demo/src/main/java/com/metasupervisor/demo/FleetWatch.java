package com.metasupervisor.demo;

import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.PolicyLedger;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.demo.score.ObservedAlert;
import com.metasupervisor.demo.score.ObservedDecision;
import com.metasupervisor.demo.score.ObservedPolicy;
import com.metasupervisor.demo.latency.ZeroWeightLatency;
import com.metasupervisor.demo.score.ObservedRow;
import com.metasupervisor.demo.score.ObservedWeight;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the demo sees of the supervisor's outputs while it runs, read from the start of {@code alpha.reconciled},
 * {@code alerts}, {@code allocations}, {@code allocations.shadow} and {@code governance.decisions} (read_committed,
 * no group) on a thread of its own: the progress line's open alerts and last allocation, the summary's counts, and
 * the plain facts the score is computed from.
 */
public final class FleetWatch implements AutoCloseable {

    private static final List<Topic<? extends SpecificRecord>> TOPICS = List.of(Topics.ALPHA_RECONCILED, Topics.ALERTS,
            Topics.ALLOCATIONS, Topics.ALLOCATIONS_SHADOW, Topics.GOVERNANCE_DECISIONS);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Deserializer<? extends SpecificRecord>> deserializers = new HashMap<>();
    private final Thread thread;

    // guarded by this
    private long reconciledRows;
    private final Set<String> reconciledKeys = new HashSet<>();
    private final List<ObservedRow> rows = new ArrayList<>();
    private final List<ObservedWeight> weights = new ArrayList<>();
    private final Map<String, String> openAlerts = new HashMap<>();
    private final List<ObservedAlert> alerts = new ArrayList<>();
    private long alertRecords;
    private final List<ObservedDecision> decisions = new ArrayList<>();
    private final Map<String, ObservedPolicy> policies = new LinkedHashMap<>();
    private AllocationSnapshot lastAllocation;
    private long allocationSnapshots;
    private final ZeroWeightLatency latency;
    private volatile RuntimeException failure;

    private FleetWatch(String bootstrapServers, RegistrySettings registry, int judgedHorizonHours) {
        latency = new ZeroWeightLatency(judgedHorizonHours);
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.CLIENT_ID_CONFIG, "ms-demo-watch");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        for (Topic<? extends SpecificRecord> topic : TOPICS) {
            deserializers.put(topic.name(), topic.valueSerde(registry).deserializer());
        }
        thread = new Thread(this::poll, "demo-fleet-watch");
        thread.setDaemon(true);
    }

    /**
     * Starts reading every partition of the watched topics from its beginning; removals (KILL, RETIRE) are timed to
     * zero weight from the triggering row at {@code judgedHorizonHours} (governance's horizon).
     */
    public static FleetWatch start(String bootstrapServers, RegistrySettings registry, int judgedHorizonHours) {
        FleetWatch watch = new FleetWatch(bootstrapServers, registry, judgedHorizonHours);
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<? extends SpecificRecord> topic : TOPICS) {
            for (PartitionInfo p : watch.consumer.partitionsFor(topic.name())) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
        }
        watch.consumer.assign(partitions);
        watch.consumer.seekToBeginning(partitions);
        watch.thread.start();
        return watch;
    }

    private void poll() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                var records = consumer.poll(Duration.ofMillis(500));
                long received = System.nanoTime(); // what a reader sees when: the latency's clock
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (record.value() == null) {
                        continue;
                    }
                    SpecificRecord value;
                    try {
                        value = deserializers.get(record.topic()).deserialize(record.topic(), record.value());
                    } catch (RuntimeException e) {
                        continue; // not ours to judge: the services' dead-letter topics say what was unreadable
                    }
                    apply(value, received);
                }
            }
        } catch (WakeupException e) {
            // close() asked
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private synchronized void apply(SpecificRecord value, long received) {
        switch (value) {
            case ReconciledAlpha row -> {
                reconciledRows++;
                reconciledKeys.add(row.getEventId() + "@" + row.getHorizonHours());
                rows.add(new ObservedRow(row.getAgent(), row.getHorizonHours(), row.getMaturedAt(), row.getRealizedPnlBps()));
                latency.row(row.getAgent(), row.getStrategyClass(), row.getHorizonHours(), received);
            }
            case Alert alert -> {
                alertRecords++;
                if (alert.getTransition() == AlertTransition.RESOLVED) {
                    openAlerts.remove(alert.getAlertId());
                } else {
                    openAlerts.put(alert.getAlertId(), alert.getSubject());
                }
                alerts.add(new ObservedAlert(alert.getAt(), alert.getAlertId(), alert.getSubject(), alert.getKind(),
                        alert.getTransition().name()));
            }
            case AllocationSnapshot snapshot -> {
                allocationSnapshots++;
                Map<String, Double> weights = new HashMap<>();
                snapshot.getAllocations().forEach(a -> {
                    weights.put(a.getAgent(), a.getWeight());
                    this.weights.add(new ObservedWeight(snapshot.getAsOf(), a.getAgent(), a.getWeight()));
                });
                latency.snapshot(weights, received);
                // the newest published, not the newest as-of: a snapshot is as of the input that caused it, and the first
                // ones (statuses from the config repository, stamped with the wall clock) are "newer" than a replayed fleet
                lastAllocation = snapshot;
            }
            case PolicyLedger ledger -> policies.put(ledger.getPolicy(), new ObservedPolicy(ledger.getPolicy(), ledger.getActive(),
                    ledger.getCumulativePnlBps(), ledger.getSharpe(), ledger.getMaxDrawdownBps()));
            case GovernanceDecision d -> {
                decisions.add(new ObservedDecision(d.getDecidedAt(), d.getAgent(), d.getSubjectKind().name(),
                        d.getAction().name(), d.getDryRun(), List.copyOf(d.getReasons())));
                if (!d.getDryRun() && d.getSubjectKind().name().equals(ObservedDecision.AGENT)) {
                    latency.decision(d.getAgent(), d.getAction().name(), List.copyOf(d.getReasons()), received);
                }
            }
            default -> {
            }
        }
    }

    /** The watch's figures now. */
    public synchronized Counts counts() {
        if (failure != null) {
            throw new IllegalStateException("reading the topics failed: " + failure.getMessage(), failure);
        }
        Map<String, Long> byAction = new TreeMap<>();
        for (ObservedDecision d : decisions) {
            byAction.merge(d.dryRun() ? d.action() + " (dry run)" : d.action(), 1L, Long::sum);
        }
        Map<String, Long> byKind = new TreeMap<>();
        for (ObservedAlert a : alerts) {
            if (!a.transition().equals(AlertTransition.RESOLVED.name())) {
                byKind.merge(a.kind(), 1L, Long::sum);
            }
        }
        return new Counts(reconciledRows, reconciledKeys.size(), alertRecords, openAlerts.size(), byAction, byKind, allocationSnapshots,
                Optional.ofNullable(lastAllocation).map(AllocationSnapshot::getAsOf),
                Optional.ofNullable(lastAllocation).map(AllocationSnapshot::getCash));
    }

    public synchronized List<ObservedRow> rows() {
        return List.copyOf(rows);
    }

    /** Every agent's weight in every snapshot read. */
    public synchronized List<ObservedWeight> weights() {
        return List.copyOf(weights);
    }

    public synchronized List<ObservedAlert> alerts() {
        return List.copyOf(alerts);
    }

    public synchronized List<ObservedDecision> decisions() {
        return List.copyOf(decisions);
    }

    public synchronized List<ObservedPolicy> policies() {
        return List.copyOf(policies.values());
    }

    /** Removals timed from their trigger to zero weight, and how many are still waiting for it. */
    public synchronized List<ZeroWeightLatency.Sample> removalLatencies() {
        return latency.samples();
    }

    public synchronized int removalsAwaitingZeroWeight() {
        return latency.pending();
    }

    public synchronized Optional<AllocationSnapshot> lastAllocation() {
        return Optional.ofNullable(lastAllocation);
    }

    /**
     * The summary's counts.
     *
     * @param reconciledRows     rows read from alpha.reconciled
     * @param distinctRows       of them, distinct (event id, horizon): equal when every row is unique
     * @param alertRecords       alert transitions read
     * @param openAlerts         alerts OPENED or ESCALATED and not RESOLVED since
     * @param decisionsByAction  live decisions by action (dry runs counted apart)
     * @param alertsByKind       OPENED and ESCALATED transitions by alert kind
     * @param allocationSnapshots snapshots read from allocations
     */
    public record Counts(long reconciledRows, long distinctRows, long alertRecords, int openAlerts, Map<String, Long> decisionsByAction,
                         Map<String, Long> alertsByKind, long allocationSnapshots, Optional<Instant> lastAllocationAt, Optional<Double> lastCash) {
        public Counts {
            decisionsByAction = java.util.Collections.unmodifiableMap(new TreeMap<>(decisionsByAction));
            alertsByKind = java.util.Collections.unmodifiableMap(new TreeMap<>(alertsByKind));
        }
    }

    /** The latest snapshot in {@code allocation/weights.json}'s form (SPEC §5): agents above 0, cash, producer, time, bounds. */
    public static Map<String, Object> weightsDocument(AllocationSnapshot s) {
        Map<String, Double> weights = new TreeMap<>();
        for (AgentAllocation a : s.getAllocations()) {
            if (a.getWeight() > 0) {
                weights.put(a.getAgent(), a.getWeight());
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("allocations", weights);
        document.put("cash", s.getCash());
        document.put("source", s.getSource());
        document.put("timestamp", s.getAsOf().toString());
        document.put("min_allocation", s.getMinAllocation());
        document.put("max_allocation", s.getMaxAllocation());
        return document;
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
