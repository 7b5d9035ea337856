package com.metasupervisor.reporting.ledger;

import com.metasupervisor.reporting.domain.AllocationDocument;
import com.metasupervisor.reporting.domain.DecisionFacts;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.DisabledClass;
import com.metasupervisor.reporting.domain.report.Reallocation;
import com.metasupervisor.reporting.domain.report.WeightChange;
import io.micronaut.serde.annotation.SerdeImport;

/** The pure domain's records written into ledger requests, made (de)serialisable without annotating the domain. */
@SerdeImport(DecisionFacts.class)
@SerdeImport(AllocationDocument.class)
@SerdeImport(AlertLine.class)
@SerdeImport(DecisionLine.class)
@SerdeImport(DisabledClass.class)
@SerdeImport(Reallocation.class)
@SerdeImport(WeightChange.class)
final class ReportImports {
    private ReportImports() {
    }
}
