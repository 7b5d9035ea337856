package com.metasupervisor.reporting.ledger;

import com.metasupervisor.avro.ReportingKind;

import java.time.LocalDate;

/** The daily summary e-mail of {@code day} in {@code zone} (built from the report history when performed). */
public record DailySummaryRequest(LocalDate day, String zone) implements ActionRequest {
    @Override
    public String actionKey() {
        return ActionKeys.of("email", "daily", day.toString());
    }

    @Override
    public ReportingKind kind() {
        return ReportingKind.EMAIL;
    }
}
