package broker.client.core;

import java.util.List;
import java.util.Map;

/**
 * Who the broker thinks the signed-in user is ({@code GET /v1/me}) and what they may use. {@code entitlement} is null
 * when no entitlement applies to them; {@code document} is the whole answer, for {@code whoami --json}.
 */
public record Me(String subject, String userName, String email, List<String> groups, Entitlement entitlement,
                 Map<String, Object> document) {
    public Me {
        groups = List.copyOf(groups);
    }

    /** The parts of the entitlement a person reads; {@code longTermKeysMax} 0 when long-term keys are not allowed. */
    public record Entitlement(List<String> models, List<String> regions, long maxSessionSeconds, boolean shortTermKeys,
                              boolean longTermKeys, long longTermKeysMax, long longTermKeyMaxAgeDays, boolean admin) {
        public Entitlement {
            models = List.copyOf(models);
            regions = List.copyOf(regions);
        }
    }
}
