package com.metasupervisor.reporting;

import com.metasupervisor.reporting.config.EmailSettings;
import com.metasupervisor.reporting.config.LpReportSettings;
import com.metasupervisor.reporting.config.PlannerSettings;
import com.metasupervisor.reporting.config.PullRequestSettings;
import com.metasupervisor.reporting.config.WebhookSettings;
import com.metasupervisor.reporting.topology.ReportingTopology;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.TopicSerdes;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.runtime.Micronaut;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.apache.kafka.streams.kstream.KStream;

/**
 * reporting-service (SPEC §7): the planner (Kafka Streams, exactly-once: inputs → {@code reporting.ledger} STARTED
 * actions) and the executor (performs them: pull requests, comments, e-mails, webhooks, the weekly report).
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }

    /** Wires the planner's topology into the service's Kafka Streams application. */
    @Factory
    public static class Streams {

        @Singleton
        @Named("default")
        KStream<?, ?> reportingTopology(@Named("default") ConfiguredStreamBuilder builder, RegistrySettings registry,
                                        PullRequestSettings pullRequests, PlannerSettings planner, WebhookSettings webhook,
                                        EmailSettings email, LpReportSettings lpReport, Clock clock) {
            return ReportingTopology.build(builder, TopicSerdes.registry(registry), pullRequests, planner, webhook, email,
                    lpReport, clock);
        }
    }
}
