package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The days a report covers, in its time zone: the week {@code firstDay}..{@code lastDay} (inclusive) and the history
 * {@code historyFrom}..{@code lastDay} its series and tear-sheet figures span.
 */
public record ReportPeriod(LocalDate historyFrom, LocalDate firstDay, LocalDate lastDay, ZoneId zone) {
    public ReportPeriod {
        ArgChecker.notNull(historyFrom, "historyFrom");
        ArgChecker.notNull(firstDay, "firstDay");
        ArgChecker.notNull(lastDay, "lastDay");
        ArgChecker.notNull(zone, "zone");
        ArgChecker.isTrue(!firstDay.isAfter(lastDay), "firstDay must not be after lastDay");
        ArgChecker.isTrue(!historyFrom.isAfter(firstDay), "historyFrom must not be after firstDay");
    }
}
