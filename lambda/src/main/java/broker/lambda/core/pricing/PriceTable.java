package broker.lambda.core.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The prices the usage ledger charges: the operator's override rows first (when given), then the shipped defaults;
 * the first row that applies wins, and a model no row prices costs the stated fallback (and is listed in the admins'
 * warnings). The format is described in {@code docs/usage.md}.
 *
 * @param entries  the rows, in the order they are tried
 * @param fallback the price of a model no row applies to
 * @param asOf     the date the prices were checked against their source
 * @param source   where the prices come from (a URL or a sentence)
 */
public record PriceTable(List<PriceEntry> entries, TokenPrice fallback, LocalDate asOf, String source) {
    private static final String DEFAULTS = "default-prices.json";

    public PriceTable {
        entries = List.copyOf(entries);
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(source, "source");
    }

    /** The prices shipped with the broker (current Claude models on Bedrock; date and source inside). */
    public static PriceTable defaults() {
        try (InputStream in = PriceTable.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) throw new IllegalStateException("missing resource " + DEFAULTS);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidPricingException e) {
            throw new IllegalStateException("the shipped prices are invalid: " + e.getMessage(), e);
        }
    }

    /** Parses and validates a complete pricing document; throws with every problem found. */
    public static PriceTable parse(String json) throws InvalidPricingException {
        PricingReader.Reading reading = read(json, true);
        return new PriceTable(reading.entries(), reading.fallback(), reading.asOf(), reading.source());
    }

    /**
     * The shipped defaults with an operator's override document in front: its rows are tried first, its
     * {@code fallback} (if any) replaces the shipped one, and its {@code asOf}/{@code source} describe the result.
     */
    public static PriceTable withOverride(PriceTable defaults, String overrideJson) throws InvalidPricingException {
        PricingReader.Reading override = read(overrideJson, false);
        List<PriceEntry> rows = new ArrayList<>(override.entries());
        rows.addAll(defaults.entries());
        return new PriceTable(rows, Objects.requireNonNullElse(override.fallback(), defaults.fallback()),
                Objects.requireNonNullElse(override.asOf(), defaults.asOf()),
                Objects.requireNonNullElse(override.source(), defaults.source()));
    }

    private static PricingReader.Reading read(String json, boolean complete) throws InvalidPricingException {
        PricingReader.Reading reading = PricingReader.read(json, complete);
        if (!reading.problems().isEmpty()) throw new InvalidPricingException(reading.problems());
        return reading;
    }

    /** The price of {@code use} sent to {@code region} (the record's {@code region}, where the request was sent). */
    public Pricing priceFor(ModelUse use, String region) {
        for (PriceEntry entry : entries) {
            if (entry.applies(use, region)) return new Pricing.Listed(entry.price(), entry.match());
        }
        return new Pricing.Fallback(fallback, use.model());
    }
}
