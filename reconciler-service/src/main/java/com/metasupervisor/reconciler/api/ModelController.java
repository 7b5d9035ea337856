package com.metasupervisor.reconciler.api;

import com.metasupervisor.avro.SimModel;
import com.metasupervisor.reconciler.domain.sim.InsufficientRows;
import com.metasupervisor.reconciler.domain.sim.Trained;
import com.metasupervisor.reconciler.domain.sim.TrainingOutcome;
import com.metasupervisor.reconciler.model.SimModelService;
import com.metasupervisor.streams.api.Problem;
import com.metasupervisor.streams.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import java.util.Map;

/**
 * The sim models: {@code GET /models}, {@code GET /models/{horizon}/rows}, {@code POST /models/{horizon}/train}.
 * The reads are open; training is for role {@value Roles#OPERATOR} (401 without a valid token, 403 for another role).
 * Fields are snake_case, timestamps ISO-8601 text; errors are {@code application/problem+json}: 400 for a
 * horizon that is no number, 404 for a horizon without a model, 503 when the models cannot be read or trained here.
 */
@Controller("/models")
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@ExecuteOn(TaskExecutors.BLOCKING)
public class ModelController {

    private final SimModelService models;

    ModelController(SimModelService models) {
        this.models = models;
    }

    /** One horizon's model as the API shows it. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ModelView(int horizonHours, String status, String version, Double coefScoreFinal, Double coefConfidence,
                            Double intercept, Double rmseBps, Double holdoutRmseBps, long n, double lambda, String trainedAt,
                            Integer requiredRows) {

        static ModelView of(SimModel m) {
            return new ModelView(m.getHorizonHours(), m.getStatus().name().toLowerCase(), m.getVersion(), m.getCoefScoreFinal(),
                    m.getCoefConfidence(), m.getIntercept(), m.getRmseBps(), m.getHoldoutRmseBps(), m.getN(), m.getLambda(),
                    m.getTrainedAt().toString(), null);
        }

        static ModelView of(TrainingOutcome outcome, double lambda) {
            return switch (outcome) {
                case Trained t -> new ModelView(t.horizonHours(), "trained", t.version(), t.coefScoreFinal(), t.coefConfidence(),
                        t.intercept(), t.rmseBps(), t.holdoutRmseBps(), t.n(), t.lambda(), t.trainedAt().toString(), null);
                case InsufficientRows i -> new ModelView(i.horizonHours(), "insufficient_rows", null, null, null, null, null, null,
                        i.n(), lambda, i.at().toString(), i.required());
            };
        }
    }

    @Get
    public HttpResponse<?> all() {
        try {
            Map<Integer, SimModel> current = models.currentModels();
            List<ModelView> views = current.values().stream().map(ModelView::of).toList();
            return HttpResponse.ok(views);
        } catch (SimModelService.ModelUnavailableException e) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    /** How many rows the next training of a horizon would use, within which bounds. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record WindowView(int horizonHours, long rows, int minRows, int maxRows) {
    }

    /** How many rows the next training of a horizon would use. */
    @Get("/{horizon}/rows")
    public HttpResponse<?> rows(@PathVariable String horizon) {
        return withHorizon(horizon, hours -> HttpResponse.ok(new WindowView(hours, models.trainingRows(hours),
                models.minRows(), models.maxRows())));
    }

    @Post("/{horizon}/train")
    @Secured(Roles.OPERATOR)
    public HttpResponse<?> train(@PathVariable String horizon) {
        return withHorizon(horizon, hours -> HttpResponse.ok(ModelView.of(models.train(hours), models.lambda())));
    }

    private HttpResponse<?> withHorizon(String horizon, java.util.function.IntFunction<HttpResponse<?>> action) {
        int hours;
        try {
            hours = Integer.parseInt(horizon.startsWith("h") ? horizon.substring(1) : horizon);
        } catch (NumberFormatException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, "horizon must be a number of hours (e.g. 24 or h24), was '" + horizon + "'");
        }
        if (!models.horizons().contains(hours)) {
            return Problem.response(HttpStatus.NOT_FOUND, "no sim model for horizon " + hours + " h; horizons are " + models.horizons());
        }
        try {
            return action.apply(hours);
        } catch (SimModelService.ModelUnavailableException e) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }
}
