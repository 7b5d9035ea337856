package com.metasupervisor.product;

/** One check of the soak, for its report: what was checked, whether it held, and the figures that say so. */
record SoakCheck(String name, boolean passed, String detail) {

    String tableRow() {
        return "| " + name + " | " + (passed ? "PASS" : "**FAIL**") + " | " + detail.replace("|", "\\|").replace("\n", "; ") + " |";
    }
}
