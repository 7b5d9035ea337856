package com.metasupervisor.product;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.header.Header;

/**
 * Acceptance 4: the records of every {@code *.dlq} topic (read_committed), by topic, stage and reason (headers
 * {@code error.stage}, {@code error.reason}). The feed is valid and every price it needs is there, so every dead-letter
 * topic must be empty: a registry outage dead-lettered as bad input (stage deserialize or processing) or a pair
 * the reconciler gave up would show here.
 */
record DeadLetterCount(Map<String, Long> byTopicStageReason) {

    static DeadLetterCount read(Admin admin, TopicReader reader) throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Long> counts = new TreeMap<>();
        for (String topic : new TreeMap<>(admin.listTopics().namesToListings().get(30, TimeUnit.SECONDS)).keySet()) {
            if (!topic.endsWith(".dlq")) {
                continue;
            }
            reader.read(topic, record -> counts.merge(topic + " " + header(record.headers().lastHeader("error.stage")) + "/"
                    + header(record.headers().lastHeader("error.reason")), 1L, Long::sum));
        }
        return new DeadLetterCount(Map.copyOf(counts));
    }

    long total() {
        return byTopicStageReason.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String header(Header header) {
        return header == null ? "(none)" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
