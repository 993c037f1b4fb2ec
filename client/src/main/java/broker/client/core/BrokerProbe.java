package broker.client.core;

import java.time.Instant;

/** The broker's public configuration and its clock ({@code Date} header; null when it sent none), for diagnosis. */
public record BrokerProbe(BrokerSettings settings, Instant brokerNow) {}
