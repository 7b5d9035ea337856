package com.metasupervisor.governance.topology;

import com.metasupervisor.avro.DecisionSubjectKind;
import com.metasupervisor.streams.check.ArgChecker;

/**
 * Keys of the decision-history store: {@code <A|C> NUL <subject> NUL <decided_at millis, 19 digits> NUL <seq, 10 digits>},
 * so one subject's decisions are one contiguous range in store order, oldest first. NUL separates because a subject
 * (an agent or class name) may hold any printable character; a subject holding NUL is refused upstream.
 */
public final class DecisionHistoryKey {

    private static final char SEPARATOR = '\u0000';

    private DecisionHistoryKey() {
    }

    /** The key of one decision. */
    public static String of(DecisionSubjectKind kind, String subject, long decidedAtMillis, long seq) {
        ArgChecker.notNegative(decidedAtMillis, "decidedAtMillis");
        ArgChecker.notNegative(seq, "seq");
        return prefix(kind, subject) + String.format("%019d%c%010d", decidedAtMillis, SEPARATOR, seq);
    }

    /** The start of every key of {@code subject}'s decisions; its range ends before {@link #end(String)}. */
    public static String prefix(DecisionSubjectKind kind, String subject) {
        ArgChecker.notNull(kind, "kind");
        ArgChecker.notBlank(subject, "subject");
        ArgChecker.isTrue(subject.indexOf(SEPARATOR) < 0, "subject must not contain NUL");
        return (kind == DecisionSubjectKind.AGENT ? "A" : "C") + SEPARATOR + subject + SEPARATOR;
    }

    /** The exclusive end of the range that starts at {@code prefix}. */
    public static String end(String prefix) {
        return prefix + '\uffff';
    }
}
