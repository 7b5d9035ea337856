package com.metasupervisor.risk.domain;

import com.metasupervisor.risk.config.CvarSettings;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/** A CVaR window's store entries as the topology keeps them (summary + one entry per row), built from its changes. */
final class StoredCvarWindow {

    private final Map<Long, byte[]> rows = new TreeMap<>();
    private byte[] summary;

    /** Applies the window's changes since the last save, and its summary. */
    StoredCvarWindow save(CvarWindow window) {
        CvarWindow.Changes changes = window.takeChanges();
        for (CvarWindow.Row row : changes.removed()) {
            if (rows.remove(row.seq()) == null) {
                throw new AssertionError("row " + row + " removed but never stored");
            }
        }
        for (CvarWindow.Row row : changes.added()) {
            if (rows.put(row.seq(), row.toBytes()) != null) {
                throw new AssertionError("row " + row + " stored twice");
            }
        }
        summary = window.summaryBytes();
        return this;
    }

    int rowEntries() {
        return rows.size();
    }

    CvarWindow restore(CvarSettings settings) {
        return CvarWindow.restore(summary, new ArrayList<>(rows.values()), settings);
    }
}
