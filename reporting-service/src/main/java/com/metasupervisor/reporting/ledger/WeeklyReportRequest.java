package com.metasupervisor.reporting.ledger;

import com.metasupervisor.avro.ReportingKind;

import java.time.LocalDate;

/**
 * The weekly LP report of {@code firstDay}..{@code lastDay} in {@code zone}: as an e-mail with the PDF attached
 * ({@link Delivery#EMAIL}) or as a file in the report directory ({@link Delivery#FILE}); two actions, two keys.
 */
public record WeeklyReportRequest(LocalDate firstDay, LocalDate lastDay, String zone, Delivery delivery) implements ActionRequest {

    public enum Delivery { EMAIL, FILE }

    @Override
    public String actionKey() {
        return ActionKeys.of(delivery == Delivery.EMAIL ? "email" : "pdf", "weekly", firstDay.toString());
    }

    @Override
    public ReportingKind kind() {
        return delivery == Delivery.EMAIL ? ReportingKind.EMAIL : ReportingKind.LP_PDF;
    }
}
