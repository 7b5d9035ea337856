package com.metasupervisor.governance.promotion;

import com.metasupervisor.governance.domain.promotion.CycleProposal;
import com.metasupervisor.governance.domain.promotion.EvaluatedPatch;
import com.metasupervisor.governance.domain.promotion.LoopMode;
import com.metasupervisor.governance.domain.promotion.PatchOutcome;
import com.metasupervisor.governance.domain.promotion.PatchTag;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * OPERATOR_CHECKLIST.md: what a person checks and does for each accepted patch, then the rest for the record.
 * Patch ids, targets, values and reasons come from the learning loop and are untrusted: every such text is
 * escaped so it cannot add headings, links, images, HTML, table cells or tick a checkbox.
 */
final class OperatorChecklist {

    private OperatorChecklist() {
    }

    static String render(CycleProposal p, Path overridesPath) {
        StringBuilder md = new StringBuilder();
        md.append("# Operator checklist: proposal ").append(escape(p.id())).append("\n\n");
        md.append("- Mode: ").append(p.mode().label()).append('\n');
        md.append("- Created at (UTC): ").append(p.createdAt()).append('\n');
        md.append("- Decisions: ").append(p.counts().entrySet().stream()
                .map(e -> e.getKey().name() + " " + e.getValue()).collect(Collectors.joining(", "))).append("\n\n");
        md.append("Patch text below comes from the learning loop and is shown escaped; ")
                .append("compare it with config_patches.json before acting.\n\n");

        md.append("## Accepted for proposal\n\n");
        var accepted = p.accepted();
        if (accepted.isEmpty()) {
            md.append("Nothing to promote in this cycle.\n\n");
        }
        for (EvaluatedPatch e : accepted) {
            md.append("### Patch ").append(escape(e.patch().id())).append("\n\n");
            md.append("- Target: ").append(escape(e.patch().target())).append('\n');
            md.append("- Change: ").append(escape(e.patch().oldValue() == null ? "(none)" : e.patch().oldValue()))
                    .append(" → ").append(escape(e.patch().newValue())).append('\n');
            md.append("- Tags: ").append(e.tags().isEmpty() ? "(none)"
                    : e.tags().stream().map(PatchTag::label).collect(Collectors.joining(", "))).append('\n');
            if (e.appliedValue() != null) {
                md.append("- Auto-applied (bounded_auto): ").append(e.appliedValue().toPlainString())
                        .append(" in ").append(escape(overridesPath.toString())).append('\n');
            }
            md.append("- Reasons: ").append(e.reasons().stream().map(OperatorChecklist::escape)
                    .collect(Collectors.joining("; "))).append("\n\n");
            md.append("- [ ] The offline evidence for this patch (backtest / paper run) is reviewed and supports it\n");
            md.append("- [ ] The target exists in the live config and the new value has the right unit and scale\n");
            if (e.tags().contains(PatchTag.LEVERAGE) || e.tags().contains(PatchTag.RISK)) {
                md.append("- [ ] Risk: the new value keeps exposure within the desk's limits (CVaR, drawdown)\n");
            }
            if (e.appliedValue() != null) {
                md.append("- [ ] The auto-applied value is acceptable now, or it is reverted in the overrides file\n");
            } else {
                md.append("- [ ] Apply the change through the config repository (PR, review, merge)\n");
            }
            md.append("- [ ] After rollout: live metrics watched for one evaluation period; roll back on degradation\n\n");
        }

        md.append("## Not proposed\n\n");
        boolean any = false;
        for (EvaluatedPatch e : p.items()) {
            if (e.outcome() == PatchOutcome.ACCEPTED_FOR_PROPOSAL) {
                continue;
            }
            any = true;
            md.append("- ").append(e.outcome().name()).append(": ").append(escape(e.patch().id())).append(" (")
                    .append(escape(e.patch().target())).append("): ")
                    .append(e.reasons().stream().map(OperatorChecklist::escape).collect(Collectors.joining("; ")))
                    .append('\n');
        }
        if (!any) {
            md.append("None.\n");
        }
        if (p.mode() == LoopMode.BOUNDED_AUTO) {
            md.append("\n## Live overrides\n\n- [ ] ").append(escape(overridesPath.toString()))
                    .append(" reviewed: only the values listed above changed\n");
        }
        return md.toString();
    }

    /**
     * Untrusted text as inert Markdown on one line: line breaks become spaces (no new blocks, no fake checkboxes),
     * and every character that starts inline Markdown or HTML is backslash-escaped. Block markers ({@code -}, {@code +},
     * {@code 1.}) need no escape: the text never starts a line (always after a label such as "Target: ").
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').toCharArray()) {
            if ("\\`*_[]<>#!|~&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
