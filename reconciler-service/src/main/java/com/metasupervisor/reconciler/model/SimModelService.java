package com.metasupervisor.reconciler.model;

import com.metasupervisor.avro.SimModel;
import com.metasupervisor.avro.SimModelStatus;
import com.metasupervisor.reconciler.config.ReconcilerSettings;
import com.metasupervisor.reconciler.domain.sim.InsufficientRows;
import com.metasupervisor.reconciler.domain.sim.RidgeSimModelTrainer;
import com.metasupervisor.reconciler.domain.sim.TrainingPolicy;
import com.metasupervisor.reconciler.domain.sim.TrainingOutcome;
import com.metasupervisor.reconciler.topology.ReconcilerTopology;
import com.metasupervisor.reconciler.topology.TrainingWindow;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.TopicKeys;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.connection.KafkaConnection;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a horizon's sim model from its training window and publishes it to {@code models.sim},
 * where every reconciler instance picks it up without a restart. The window lives in one task
 * (one partition), so the instance that hosts it trains; {@link ModelUnavailableException} says
 * when this instance does not.
 */
@Singleton
public class SimModelService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimModelService.class);

    private final KafkaStreams streams;
    private final ReconcilerSettings settings;
    private final RidgeSimModelTrainer trainer;
    private final Clock clock;
    private final KafkaProducer<String, SimModel> producer;

    public SimModelService(KafkaStreams streams, ReconcilerSettings settings, Clock clock, RegistrySettings registry,
                           KafkaConnection kafka) {
        this.streams = streams;
        this.settings = settings;
        var model = settings.model();
        this.trainer = new RidgeSimModelTrainer(new TrainingPolicy(model.lambda(), model.minRows(), model.maxRows(),
                model.holdoutFraction()));
        this.clock = clock;
        // the service's connection (bootstrap servers, SASL): the producer connects as the Streams client does
        Map<String, Object> props = kafka.clientConfig();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "reconciler-sim-model-publisher");
        Serde<SimModel> models = Topics.MODELS_SIM.valueSerde(registry);
        this.producer = new KafkaProducer<>(props, Topics.MODELS_SIM.keySerde().serializer(), models.serializer());
    }

    public List<Integer> horizons() {
        return settings.modelHorizonsHours();
    }

    public double lambda() {
        return settings.model().lambda();
    }

    public int minRows() {
        return settings.model().minRows();
    }

    public int maxRows() {
        return settings.model().maxRows();
    }

    /** Trains and publishes the model of {@code horizonHours}; an insufficient_rows report never replaces a trained model. */
    public synchronized TrainingOutcome train(int horizonHours) {
        if (!settings.modelHorizonsHours().contains(horizonHours)) {
            throw new IllegalArgumentException("no sim model for horizon " + horizonHours + " h; horizons are "
                    + settings.modelHorizonsHours() + " (reconciler.model-horizons-hours)");
        }
        String key = TopicKeys.simModel(horizonHours);
        ReadOnlyKeyValueStore<String, byte[]> window = localStore(TrainingWindow.STORE, QueryableStoreTypes.keyValueStore());
        SimModel current = current(horizonHours).orElse(null);
        TrainingOutcome outcome = trainer.train(horizonHours, TrainingWindow.read(window, key),
                SimModels.nextVersion(current), clock.instant());
        boolean keepTrained = outcome instanceof InsufficientRows && current != null && current.getStatus() == SimModelStatus.TRAINED;
        if (!keepTrained) {
            publish(key, SimModels.toAvro(outcome, settings.model().lambda()));
        }
        LOG.info("sim model {}: {}", key, outcome);
        return outcome;
    }

    /** The newest model of each horizon on models.sim, as this instance sees it. */
    public Map<Integer, SimModel> currentModels() {
        Map<Integer, SimModel> out = new LinkedHashMap<>();
        for (int h : settings.modelHorizonsHours()) {
            current(h).ifPresent(m -> out.put(h, m));
        }
        return out;
    }

    /** How many rows the training window of {@code horizonHours} holds now (at most model.max-rows). */
    public long trainingRows(int horizonHours) {
        ReadOnlyKeyValueStore<String, byte[]> window = localStore(TrainingWindow.STORE, QueryableStoreTypes.keyValueStore());
        return Math.min(TrainingWindow.written(window, TopicKeys.simModel(horizonHours)), settings.model().maxRows());
    }

    /** Whether this instance hosts the training window (and so trains on schedule). */
    public boolean hostsTrainingWindow() {
        try {
            localStore(TrainingWindow.STORE, QueryableStoreTypes.keyValueStore());
            return true;
        } catch (ModelUnavailableException e) {
            return false;
        }
    }

    private Optional<SimModel> current(int horizonHours) {
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<SimModel>> models =
                localStore(ReconcilerTopology.MODELS_STORE, QueryableStoreTypes.timestampedKeyValueStore());
        ValueAndTimestamp<SimModel> model = models.get(TopicKeys.simModel(horizonHours));
        return Optional.ofNullable(model).map(ValueAndTimestamp::value);
    }

    private void publish(String key, SimModel model) {
        try {
            producer.send(new ProducerRecord<>(Topics.MODELS_SIM.name(), key, model)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("interrupted while publishing " + key, e);
        } catch (ExecutionException e) {
            throw new ModelUnavailableException("could not publish " + key + " to " + Topics.MODELS_SIM.name() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private <T> T localStore(String name, org.apache.kafka.streams.state.QueryableStoreType<T> type) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new ModelUnavailableException("the reconciler's streams are " + streams.state() + ", not RUNNING", null);
        }
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, type));
        } catch (InvalidStateStoreException e) {
            throw new ModelUnavailableException("store " + name + " is not hosted by this instance (" + e.getMessage() + ")", e);
        }
    }

    @Override
    @PreDestroy
    public void close() {
        producer.close();
    }

    /** The model cannot be trained or read here right now; the message says why. */
    public static class ModelUnavailableException extends RuntimeException {
        public ModelUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
