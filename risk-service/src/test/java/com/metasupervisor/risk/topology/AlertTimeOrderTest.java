package com.metasupervisor.risk.topology;

import static com.metasupervisor.testkit.ReconciledRowBuilder.reconciledRow;
import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.risk.config.RiskSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A backfill delivers an agent's rows out of order: every alert's transitions still come in time order. */
class AlertTimeOrderTest {

    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

    private RiskDriver risk;

    @AfterEach
    void close() {
        if (risk != null) {
            risk.close();
        }
    }

    private void send(String agent, int hour, double errorBps) {
        risk.send(reconciledRow().eventId(agent + "-" + hour).agent(agent).strategy("macro").regime("TREND")
                .horizonHours(24).maturedAt(T0.plus(Duration.ofHours(hour))).realizedBps(errorBps).expectedBps(0).build());
    }

    @Test
    void an_older_row_that_heals_the_window_resolves_the_alert_at_the_newest_time_seen_not_before_it_opened() {
        risk = new RiskDriver(RiskSettings.defaults());
        for (int h = 200; h < 220; h++) {
            send("agent-b", h, 100); // the newest rows first: biased, opens on the 20th
        }
        for (int h = 0; h < 100; h++) {
            send("agent-b", h, h % 2 == 0 ? 10 : -10); // then the backfill of the calm rows before them
        }

        List<Alert> alerts = risk.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::getTransition).containsExactly(AlertTransition.OPENED, AlertTransition.RESOLVED);
        Instant newest = T0.plus(Duration.ofHours(219));
        assertThat(alerts.get(0).getAt()).isEqualTo(newest);
        assertThat(alerts.get(1).getAt()).as("resolved by a row of hour 42, stamped with the newest row seen").isEqualTo(newest);
        assertInTimeOrder(alerts);
    }

    @Test
    void a_shuffled_backfill_of_drifting_agents_keeps_every_alert_in_time_order() {
        risk = new RiskDriver(RiskSettings.defaults());
        Random random = new Random(10);
        List<String[]> rows = new ArrayList<>();
        for (int a = 0; a < 6; a++) {
            for (int h = 0; h < 400; h++) {
                // calm, drifting (hours 100-179 and 260-319), calm again
                boolean drifting = (h >= 100 && h < 180) || (h >= 260 && h < 320);
                double error = drifting ? 100 + 20 * a : (h % 2 == 0 ? 10 : -10);
                rows.add(new String[] {"agent-" + a, Integer.toString(h), Double.toString(error)});
            }
        }
        // delivered in blocks of 50 rows, shuffled within and across agents: a backfill in no particular order
        List<List<String[]>> blocks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += 50) {
            List<String[]> block = new ArrayList<>(rows.subList(i, i + 50));
            Collections.shuffle(block, random);
            blocks.add(block);
        }
        Collections.shuffle(blocks, random);
        blocks.forEach(block -> block.forEach(r -> send(r[0], Integer.parseInt(r[1]), Double.parseDouble(r[2]))));

        List<TestRecord<String, Alert>> out = risk.alerts.readRecordsToList();
        List<Alert> alerts = out.stream().map(TestRecord::value).toList();
        assertThat(alerts.stream().filter(x -> x.getTransition() == AlertTransition.RESOLVED).count())
                .as("the scenario resolves alerts").isGreaterThanOrEqualTo(3);
        assertInTimeOrder(alerts);
    }

    /** Per alert: OPENED first, each transition's time at or after the previous one and after the opening. */
    private static void assertInTimeOrder(List<Alert> alerts) {
        Map<String, List<Alert>> byId = new LinkedHashMap<>();
        alerts.forEach(x -> byId.computeIfAbsent(x.getAlertId(), k -> new ArrayList<>()).add(x));
        assertThat(byId).isNotEmpty();
        byId.forEach((id, transitions) -> {
            assertThat(transitions.getFirst().getTransition()).as(id).isEqualTo(AlertTransition.OPENED);
            Instant previous = transitions.getFirst().getOpenedAt();
            for (Alert x : transitions) {
                assertThat(x.getOpenedAt()).as(id).isEqualTo(transitions.getFirst().getOpenedAt());
                assertThat(x.getAt()).as(id + " " + x.getTransition()).isAfterOrEqualTo(previous);
                previous = x.getAt();
            }
        });
    }
}
