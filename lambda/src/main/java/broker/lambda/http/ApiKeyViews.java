package broker.lambda.http;

import broker.lambda.core.apikeys.ApiKey;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the API-key and admin answers. */
final class ApiKeyViews {
    private ApiKeyViews() {}

    /** A key as listed: never its secret. */
    record Key(String id, String label, String createdAt, String expiration, String status) {
        static Key of(ApiKey key) {
            return new Key(key.id(), key.label(), key.createdAt().toString(), text(key.expiration()), key.status().wireName());
        }
    }

    /**
     * The answer to {@code POST /v1/api-keys}: the only place the secret ever appears; {@code budget} only at or above
     * a warning threshold.
     */
    record Created(String id, String secret, String label, String createdAt, String expiration, String status,
                   Views.BudgetView budget) {
        static Created of(ApiKey key, String secret, Views.BudgetView budget) {
            return new Created(key.id(), secret, key.label(), key.createdAt().toString(), text(key.expiration()),
                    key.status().wireName(), budget);
        }

        @Override
        public String toString() {
            return "Created[id=" + id + ", secret=redacted]";
        }
    }

    /** A person's keys; {@code maxKeys} only on the caller's own list. */
    record Keys(List<Key> apiKeys, Integer maxKeys) {}

    /** The answer to a session revocation. */
    /**
     * A revocation: whose sessions ({@code subject}, null for everyone), issued before when, and the
     * {@code aws:SourceIdentity} pattern the deny matches ({@code *-<subject hash>}, or {@code *}).
     */
    record Revoked(String subject, String issuedBefore, String sourceIdentityPattern) {}

    /**
     * The answer to {@code PUT /v1/admin/users/{user}/budget}: whose budget, the caps in force until {@code expiresAt}
     * (absent: uncapped), the thresholds.
     */
    record BudgetOverride(String subject, java.math.BigDecimal dailyUsd, java.math.BigDecimal monthlyUsd,
                          List<Integer> warnAtPercent, boolean unlimited, String expiresAt) {
        static BudgetOverride of(String subject, broker.lambda.core.budget.BudgetOverride override) {
            var budget = override.budget();
            return new BudgetOverride(subject, Views.usd(budget.dailyMicroUsd()), Views.usd(budget.monthlyMicroUsd()),
                    budget.warnAtPercent(), budget.unlimited(), override.expiresAt().toString());
        }

        /** The audit line's {@code detail}: {@code dailyUsd=50 monthlyUsd=none warnAtPercent=[80, 90]}. */
        static String describe(broker.lambda.core.budget.BudgetOverride override) {
            var budget = override.budget();
            return "dailyUsd=" + text(Views.usd(budget.dailyMicroUsd())) + " monthlyUsd="
                    + text(Views.usd(budget.monthlyMicroUsd())) + " warnAtPercent=" + budget.warnAtPercent();
        }

        private static String text(java.math.BigDecimal usd) {
            return usd == null ? "none" : usd.toPlainString();
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
