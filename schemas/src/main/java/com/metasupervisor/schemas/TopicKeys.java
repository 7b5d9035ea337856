package com.metasupervisor.schemas;

/**
 * How the catalog's composite keys are written (SPEC §2): one place, read by producers and consumers alike.
 */
public final class TopicKeys {

    private TopicKeys() {
    }

    /** The key of a horizon's model on {@code models.sim}: {@code h1}, {@code h4}, {@code h24}. */
    public static String simModel(int horizonHours) {
        if (horizonHours <= 0) {
            throw new IllegalArgumentException("horizonHours must be > 0, was " + horizonHours);
        }
        return "h" + horizonHours;
    }

    /** The key of one strategy × regime × horizon on {@code risk.strategy-cvar}: {@code strategy|regime|horizon}. */
    public static String strategyRisk(String strategyClass, String regime, int horizonHours) {
        return strategyClass + "|" + regime + "|" + horizonHours;
    }

    /** The id of the n-th divergence alert of a subject (an agent): {@code agent#n}. */
    public static String alertId(String subject, long alertNumber) {
        return subject + "#" + alertNumber;
    }
}
