package com.metasupervisor.simulator.market;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** The regimes from a start to an end, episode after episode with no gap; a Markov chain with exponential lengths. */
public record RegimePath(List<RegimeEpisode> episodes) {

    public RegimePath {
        ArgChecker.notNull(episodes, "episodes");
        ArgChecker.isTrue(!episodes.isEmpty(), "episodes: at least one");
        for (int i = 1; i < episodes.size(); i++) {
            ArgChecker.isTrue(episodes.get(i).from().equals(episodes.get(i - 1).until()),
                    "episodes: episode " + i + " must start where the one before ends");
        }
        episodes = List.copyOf(episodes);
    }

    /**
     * The regimes over [start, end): the first drawn uniformly, each episode's length exponential with its regime's
     * mean, rounded to whole ticks (at least one), the next regime drawn by the weights of the one ending.
     */
    public static RegimePath generate(MarketSettings market, Instant start, Instant end, Duration tick, RandomGenerator random) {
        ArgChecker.isTrue(end.isAfter(start), "end must be after start");
        ArgChecker.positive(tick, "tick");
        List<RegimeEpisode> episodes = new ArrayList<>();
        Regime regime = Regime.values()[random.nextInt(Regime.values().length)];
        Instant from = start;
        while (from.isBefore(end)) {
            RegimeDynamics dynamics = market.dynamics().get(regime);
            double hours = -Math.log(1 - random.nextDouble()) * dynamics.meanHours();
            long ticks = Math.max(1, Math.round(hours * 3_600_000d / tick.toMillis()));
            Instant until = from.plus(tick.multipliedBy(ticks));
            if (until.isAfter(end)) {
                until = end;
            }
            episodes.add(new RegimeEpisode(regime, from, until));
            from = until;
            regime = next(dynamics.next(), random);
        }
        return new RegimePath(episodes);
    }

    private static Regime next(Map<Regime, Double> weights, RandomGenerator random) {
        Map<Regime, Double> ordered = new EnumMap<>(weights);
        double total = ordered.values().stream().mapToDouble(Double::doubleValue).sum();
        double draw = random.nextDouble() * total;
        Regime last = null;
        for (Map.Entry<Regime, Double> entry : ordered.entrySet()) {
            last = entry.getKey();
            draw -= entry.getValue();
            if (draw < 0) {
                return last;
            }
        }
        return last;
    }

    public Instant start() {
        return episodes.getFirst().from();
    }

    public Instant end() {
        return episodes.getLast().until();
    }

    /** The episode holding {@code at}; a time past the end is in the last one, before the start in the first. */
    public RegimeEpisode episodeAt(Instant at) {
        int low = 0;
        int high = episodes.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (episodes.get(mid).from().isAfter(at)) {
                high = mid - 1;
            } else {
                low = mid;
            }
        }
        return episodes.get(low);
    }

    public Regime regimeAt(Instant at) {
        return episodeAt(at).regime();
    }

    /** The episodes of one regime, in time order. */
    public List<RegimeEpisode> episodesOf(Regime regime) {
        return episodes.stream().filter(e -> e.regime() == regime).toList();
    }
}
