package com.metasupervisor.product;

import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Acceptance 3 for the services whose outputs cannot be recomputed from the rows alone (they depend on wall-clock
 * time, the config repository and each other): checks that fail on a duplicated or a lost write, read_committed.
 * <ul>
 *   <li>governance-service, {@code governance.decisions}: decision ids are deterministic
 *   ({@code <subject>@<decided_at>:<action>}, "a replay writes the same id"), so each appears once;</li>
 *   <li>allocator-service, {@code allocations} (one key, one partition): the snapshots form one chain, each naming the
 *   one before it as {@code previous_snapshot_id} (the first none) and every id once: a snapshot written twice
 *   or lost breaks the chain;</li>
 *   <li>risk-service, {@code alerts} of kind DIVERGENCE: each (alert_id, transition) once;</li>
 *   <li>reporting-service, {@code reporting.ledger}: no action key DONE twice (an action performed twice), and no outcome
 *   without its STARTED (a lost write). A STARTED written again is allowed: the planner may re-plan an action
 *   that has no outcome yet, and the executor performs it once.</li>
 * </ul>
 */
final class ServiceOutputChecks {

    private ServiceOutputChecks() {
    }

    static List<SoakCheck> check(TopicReader reader, String registryUrl) {
        RegistrySettings registry = new RegistrySettings(registryUrl, false);
        List<SoakCheck> checks = new ArrayList<>();
        checks.add(decisions(reader, Topics.GOVERNANCE_DECISIONS.valueSerde(registry).deserializer()));
        checks.add(allocations(reader, Topics.ALLOCATIONS.valueSerde(registry).deserializer()));
        checks.add(alerts(reader, Topics.ALERTS.valueSerde(registry).deserializer()));
        checks.add(ledger(reader, Topics.REPORTING_LEDGER.valueSerde(registry).deserializer()));
        return checks;
    }

    private static SoakCheck decisions(TopicReader reader, Deserializer<GovernanceDecision> values) {
        Set<String> ids = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        long count = reader.read(Topics.GOVERNANCE_DECISIONS.name(), record -> {
            String id = values.deserialize(record.topic(), record.value()).getDecisionId();
            if (!ids.add(id) && repeated.size() < 5) {
                repeated.add(id);
            }
        });
        return new SoakCheck("governance.decisions: every decision_id once", repeated.isEmpty(),
                count + " decisions, " + ids.size() + " distinct ids" + (repeated.isEmpty() ? "" : "; repeated: " + repeated));
    }

    private static SoakCheck allocations(TopicReader reader, Deserializer<AllocationSnapshot> values) {
        List<AllocationSnapshot> snapshots = new ArrayList<>();
        reader.read(Topics.ALLOCATIONS.name(), record -> {
            if (record.value() != null) {
                snapshots.add(values.deserialize(record.topic(), record.value()));
            }
        });
        List<String> breaks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String previous = null;
        for (AllocationSnapshot s : snapshots) {
            if (!ids.add(s.getSnapshotId()) && breaks.size() < 5) {
                breaks.add("id twice: " + s.getSnapshotId());
            }
            if (!Objects.equals(previous, s.getPreviousSnapshotId()) && breaks.size() < 5) {
                breaks.add(s.getSnapshotId() + " names " + s.getPreviousSnapshotId() + " as previous, the one before was " + previous);
            }
            previous = s.getSnapshotId();
        }
        return new SoakCheck("allocations: one chain of snapshots, each id once", breaks.isEmpty(),
                snapshots.size() + " snapshots" + (breaks.isEmpty() ? "" : "; " + breaks));
    }

    private static SoakCheck alerts(TopicReader reader, Deserializer<Alert> values) {
        Set<String> seen = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        long[] divergence = {0};
        reader.read(Topics.ALERTS.name(), record -> {
            Alert alert = values.deserialize(record.topic(), record.value());
            if (!"DIVERGENCE".equals(alert.getKind())) {
                return;
            }
            divergence[0]++;
            String id = alert.getAlertId() + " " + alert.getTransition();
            if (!seen.add(id) && repeated.size() < 5) {
                repeated.add(id);
            }
        });
        return new SoakCheck("alerts (risk-service, DIVERGENCE): every (alert_id, transition) once", repeated.isEmpty(),
                divergence[0] + " divergence transitions" + (repeated.isEmpty() ? "" : "; repeated: " + repeated));
    }

    private static SoakCheck ledger(TopicReader reader, Deserializer<ReportingAction> values) {
        Map<String, int[]> byKey = new HashMap<>(); // action key -> {STARTED, DONE, FAILED}
        long count = reader.read(Topics.REPORTING_LEDGER.name(), record -> {
            if (record.value() == null) {
                return;
            }
            ReportingAction action = values.deserialize(record.topic(), record.value());
            byKey.computeIfAbsent(action.getActionKey(), k -> new int[3])[action.getStatus().ordinal()]++;
        });
        List<String> wrong = new ArrayList<>();
        byKey.forEach((key, c) -> {
            if ((c[1] > 1 || (c[1] + c[2] > 0 && c[0] == 0)) && wrong.size() < 5) {
                wrong.add(key + " STARTED " + c[0] + "x, DONE " + c[1] + "x, FAILED " + c[2] + "x");
            }
        });
        return new SoakCheck("reporting.ledger: no action DONE twice, no outcome without STARTED", wrong.isEmpty(),
                count + " entries, " + byKey.size() + " actions" + (wrong.isEmpty() ? "" : "; " + wrong));
    }
}
