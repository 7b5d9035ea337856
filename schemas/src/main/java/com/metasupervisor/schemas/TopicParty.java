package com.metasupervisor.schemas;

import java.util.List;

/** Someone the service catalog knows who reads or writes topics: a service of the product, or a party outside it. */
public sealed interface TopicParty permits ServiceDefinition, OutsideParty {

    /** Unique in the catalog: lower case words joined by hyphens. */
    String name();

    /** The topics it reads, dead-letter topics included. */
    List<TopicRef> reads();

    /** The topics it writes, dead-letter topics included. */
    List<TopicRef> writes();
}
