package com.metasupervisor.schemas;

import java.util.List;

/**
 * A party outside the product that writes or reads its topics: trading agents, market data, ops,
 * downstream traders, the learning loop.
 *
 * @param name        its catalog name, e.g. {@code trading-agents}
 * @param description who it is, in a few words
 * @param reads       the topics it reads
 * @param writes      the topics it writes
 */
public record OutsideParty(String name, String description, List<TopicRef> reads, List<TopicRef> writes)
        implements TopicParty {

    public OutsideParty {
        CatalogRules.name(name);
        CatalogRules.required(name, "description", description);
        reads = CatalogRules.topics(name, "reads", reads);
        writes = CatalogRules.topics(name, "writes", writes);
        CatalogRules.usesATopic(name, reads, writes);
    }
}
