package com.metasupervisor.reporting.execute;

import static com.metasupervisor.schemas.Topics.REPORTING_LEDGER;

import com.metasupervisor.reporting.config.EmailSettings;
import com.metasupervisor.reporting.config.ExecutorSettings;
import com.metasupervisor.reporting.config.LpReportSettings;
import com.metasupervisor.reporting.feed.TopicHistoryFeed;
import com.metasupervisor.reporting.ledger.DailySummaryRequest;
import com.metasupervisor.reporting.ledger.WeeklyReportRequest;
import jakarta.annotation.PreDestroy;
import java.util.Optional;
import com.metasupervisor.reporting.config.ReportingConfigRepoSettings;
import com.metasupervisor.reporting.config.WebhookSettings;
import com.metasupervisor.reporting.ledger.ActionRequest;
import com.metasupervisor.reporting.ledger.DecisionBatchRequest;
import com.metasupervisor.reporting.ledger.DivergenceEmailRequest;
import com.metasupervisor.reporting.ledger.PrCommentRequest;
import com.metasupervisor.reporting.ledger.StrategyDisableRequest;
import com.metasupervisor.reporting.ledger.WebhookRequest;
import com.metasupervisor.reporting.notify.Mailer;
import com.metasupervisor.reporting.notify.WebhookSender;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.streams.connection.KafkaConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the executor: the config repository (pull requests and their comments), the webhook, the e-mails and the
 * scheduled reports (built from a report history that follows the topics); a request type without a performer here
 * (e-mail off, no report directory) is answered FAILED "not configured".
 */
@Factory
public class ExecutorFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorFactory.class);

    /** Followed while the service runs, when a scheduled report has somewhere to go. */
    private TopicHistoryFeed history;

    @Singleton
    @Bean(preDestroy = "close")
    ConfigRepositoryConnection configRepositoryConnection(ReportingConfigRepoSettings settings) {
        return new ConfigRepositoryConnection(settings.backend(System.getenv()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    WebhookSender webhookSender(WebhookSettings settings, Clock clock) {
        return new WebhookSender(settings, clock);
    }

    /**
     * Started with the context, so the ledger is followed from the service's start. Only where the service's Kafka
     * wiring is: the registry bean of streams-kit and its URL set (a test binding settings in a context of its own
     * starts no executor).
     */
    @Context
    @Requires(beans = RegistrySettings.class)
    @Requires(property = "registry.url")
    @Bean(preDestroy = "close")
    ActionExecutor actionExecutor(ExecutorSettings settings, ConfigRepositoryConnection repository, WebhookSender webhook,
                                  EmailSettings email, LpReportSettings lpReport, RegistrySettings registry, Clock clock,
                                  @Nullable MeterRegistry meters,
                                  KafkaConnection kafka,
                                  @Value("${kafka.streams.default.application.id:meta-supervisor-reporting}") String applicationId) {
        Map<Class<? extends ActionRequest>, ActionPerformer> performers = new HashMap<>();
        PullRequestPerformer pullRequests = new PullRequestPerformer(repository);
        performers.put(DecisionBatchRequest.class, pullRequests);
        performers.put(StrategyDisableRequest.class, pullRequests);
        performers.put(PrCommentRequest.class, new PullRequestCommentPerformer(repository));
        performers.put(WebhookRequest.class, new WebhookPerformer(webhook));
        Optional<Mailer> mailer = Optional.empty();
        if (email.enabled()) {
            mailer = Optional.of(new Mailer(email, email.login(System::getenv), clock));
            performers.put(DivergenceEmailRequest.class, new DivergenceEmailPerformer(mailer.get()));
        } else {
            LOG.info("e-mail is off (reporting.email.enabled=false): e-mail actions are recorded FAILED \"not configured\"");
        }
        if (mailer.isPresent() || lpReport.outputDir().isPresent()) {
            // the report history only where a report goes somewhere: it holds weeks of rows in memory
            history = TopicHistoryFeed.of(kafka, registry, lpReport.newHistory(), clock, lpReport.feedKeep());
            history.follow();
            ScheduledReportPerformer reports = new ScheduledReportPerformer(ReportHistorySource.of(history), mailer,
                    lpReport.outputDir(), lpReport.historyWeeks(), clock);
            performers.put(DailySummaryRequest.class, reports);
            performers.put(WeeklyReportRequest.class, reports);
        }
        Serde<com.metasupervisor.avro.ReportingAction> serde = TopicSerdes.registry(registry).value(REPORTING_LEDGER);
        ActionExecutor executor = new ActionExecutor(new LedgerExecution(performers, settings), settings, clock, meters,
                kafka, applicationId, serde.deserializer(), serde.serializer());
        executor.start();
        return executor;
    }

    @PreDestroy
    void stopHistory() {
        if (history != null) {
            history.stop();
        }
    }
}
