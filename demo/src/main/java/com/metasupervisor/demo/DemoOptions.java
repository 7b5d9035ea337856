package com.metasupervisor.demo;

import com.metasupervisor.simulator.fleet.FleetSettings;
import com.metasupervisor.simulator.publish.ReplaySpeed;

/**
 * {@code ./ms demo}'s options: simulated days, agents, seed, replay speed, and whether to keep everything running
 * after the summary (a live session, until Ctrl-C).
 */
public record DemoOptions(int days, int agents, long seed, ReplaySpeed speed, boolean keepRunning) {

    public static final String USAGE = "usage: ./ms demo [--days 30] [--agents 24] [--seed 42] [--speed 8640|max] [--keep-running]";

    public DemoOptions {
        if (days < 1) {
            throw new IllegalArgumentException("--days must be >= 1, was " + days);
        }
        if (agents < FleetSettings.MIN_AGENTS) {
            throw new IllegalArgumentException("--agents must be >= " + FleetSettings.MIN_AGENTS + " (two per strategy class), was " + agents);
        }
        if (speed == null) {
            throw new IllegalArgumentException("--speed is missing");
        }
    }

    public static DemoOptions defaults() {
        return new DemoOptions(30, 24, 42, ReplaySpeed.parse("8640"), false);
    }

    /** The options {@code args} name; an IllegalArgumentException naming the option otherwise. */
    public static DemoOptions parse(String... args) {
        DemoOptions d = defaults();
        int days = d.days();
        int agents = d.agents();
        long seed = d.seed();
        ReplaySpeed speed = d.speed();
        boolean keepRunning = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--keep-running" -> keepRunning = true;
                case "--days" -> days = (int) number(option, value(args, ++i, option), Integer.MAX_VALUE);
                case "--agents" -> agents = (int) number(option, value(args, ++i, option), Integer.MAX_VALUE);
                case "--seed" -> seed = number(option, value(args, ++i, option), Long.MAX_VALUE);
                case "--speed" -> {
                    String text = value(args, ++i, option);
                    try {
                        speed = ReplaySpeed.parse(text);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--speed: " + e.getMessage());
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return new DemoOptions(days, agents, seed, speed, keepRunning);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String option, String text, long max) {
        try {
            long value = Long.parseLong(text);
            if (value > max) {
                throw new IllegalArgumentException(option + ": too large: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a whole number: '" + text + "'");
        }
    }
}
