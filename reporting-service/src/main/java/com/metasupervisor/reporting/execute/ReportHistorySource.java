package com.metasupervisor.reporting.execute;

import com.metasupervisor.reporting.domain.report.ReportHistory;
import com.metasupervisor.reporting.feed.TopicHistoryFeed;
import java.util.function.Function;

/** The report history the scheduled reports are built from: the service's {@link TopicHistoryFeed}, or a test's. */
public interface ReportHistorySource {

    /** Whether the history holds what the topics held when it started following them. */
    boolean ready();

    /** {@code fn} on a consistent history (no record applied meanwhile). */
    <T> T snapshot(Function<ReportHistory, T> fn);

    static ReportHistorySource of(TopicHistoryFeed feed) {
        return new ReportHistorySource() {
            @Override
            public boolean ready() {
                return feed.caughtUp();
            }

            @Override
            public <T> T snapshot(Function<ReportHistory, T> fn) {
                return feed.snapshot(fn);
            }
        };
    }

    /** A history built by the caller, always ready (tests). */
    static ReportHistorySource fixed(ReportHistory history) {
        return new ReportHistorySource() {
            @Override
            public boolean ready() {
                return true;
            }

            @Override
            public synchronized <T> T snapshot(Function<ReportHistory, T> fn) {
                return fn.apply(history);
            }
        };
    }
}
