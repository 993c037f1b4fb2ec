package broker.lambda.core.pricing;

import broker.lambda.core.entitlements.ModelId;
import java.util.List;
import java.util.Objects;

/**
 * One row of a pricing document: the models it prices, optionally only for one {@link PriceScope} or some regions.
 *
 * @param match   a foundation-model id or family pattern ({@code anthropic.claude-sonnet-4-5*}), without a geography
 *                prefix
 * @param scope   the scope it is limited to, or null for every scope
 * @param regions the source regions it is limited to (the region the request was sent to); empty for every region
 * @param price   the price
 */
public record PriceEntry(String match, PriceScope scope, List<String> regions, TokenPrice price) {
    public PriceEntry {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(price, "price");
        regions = List.copyOf(regions);
    }

    /** True when this row prices {@code use} sent to {@code region}. */
    public boolean applies(ModelUse use, String region) {
        if (!use.known() || scope != null && scope != use.scope()) return false;
        if (!regions.isEmpty() && !regions.contains(region)) return false;
        return switch (ModelId.parse(match).orElse(null)) {
            case ModelId.Family family -> family.matches(use.model());
            case ModelId.FoundationModel model -> model.value().equals(use.model());
            case ModelId.InferenceProfile profile -> false;
            case null -> false;
        };
    }
}
