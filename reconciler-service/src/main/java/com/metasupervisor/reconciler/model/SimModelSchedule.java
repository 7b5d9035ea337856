package com.metasupervisor.reconciler.model;

import com.metasupervisor.reconciler.config.ReconcilerSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Trains every horizon's model each {@code reconciler.model.train-interval}, on the instance that hosts the training window. */
@Context
public class SimModelSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(SimModelSchedule.class);
    private final ScheduledFuture<?> schedule;

    SimModelSchedule(@Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, SimModelService models, ReconcilerSettings settings) {
        var every = settings.model().trainInterval();
        schedule = scheduler.scheduleAtFixedRate(every, every, () -> trainAll(models));
        LOG.info("sim models train every {} for horizons {}", every, settings.modelHorizonsHours());
    }

    private static void trainAll(SimModelService models) {
        if (!models.hostsTrainingWindow()) {
            return; // another instance hosts the window and trains
        }
        for (int h : models.horizons()) {
            try {
                models.train(h);
            } catch (RuntimeException e) {
                LOG.warn("scheduled training of the {} h model failed: {}", h, e.getMessage());
            }
        }
    }

    @PreDestroy
    void stop() {
        schedule.cancel(false);
    }
}
