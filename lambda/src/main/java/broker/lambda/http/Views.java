package broker.lambda.http;

import broker.lambda.core.budget.BudgetDecision;
import broker.lambda.core.budget.BudgetGate;
import broker.lambda.core.budget.BudgetStanding;
import broker.lambda.core.catalog.CatalogWarning;
import broker.lambda.core.catalog.ModelList;
import broker.lambda.core.catalog.UsableModel;
import broker.lambda.core.entitlements.Entitlement;
import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.entitlements.LongTermKeys;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.issuance.BearerToken;
import broker.lambda.core.issuance.SessionCredentials;
import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;

/** The JSON shapes of the API's answers (the wire format; core types stay free of it). */
final class Views {
    private Views() {}

    /** {@code budget}: only at or above a warning threshold (null, so absent, otherwise). */
    record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, String expiration, String region,
                       BudgetView budget) {
        static Credentials of(SessionCredentials c, String region) {
            return of(c, region, null);
        }

        static Credentials of(SessionCredentials c, String region, BudgetDecision budget) {
            return new Credentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration().toString(), region,
                    BudgetView.of(budget));
        }

        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + ", secret=redacted]";
        }
    }

    /** {@code budget}: only at or above a warning threshold. */
    record Token(String token, String expiration, String region, BudgetView budget) {
        static Token of(BearerToken t) {
            return of(t, null);
        }

        static Token of(BearerToken t, BudgetDecision budget) {
            return new Token(t.token(), t.expiration().toString(), t.region(), BudgetView.of(budget));
        }

        @Override
        public String toString() {
            return "Token[region=" + region + ", token=redacted]";
        }
    }

    /**
     * {@code warnings}: only for admins (null, so absent, for everyone else), see {@code CatalogWarnings};
     * {@code budget}: absent when the broker checks no budgets (or could not read the person's spend).
     */
    record Me(String subject, String userName, String email, List<String> groups, EntitlementView entitlement,
              List<CatalogWarning> warnings, MeBudget budget) {
        static Me of(Identity identity, Entitlement entitlement, List<CatalogWarning> warnings) {
            return of(identity, entitlement, warnings, null);
        }

        static Me of(Identity identity, Entitlement entitlement, List<CatalogWarning> warnings, BudgetGate.BudgetStatus budget) {
            return new Me(identity.subject(), identity.userName(), identity.email(), identity.groups(),
                    entitlement == null ? null : EntitlementView.of(entitlement), warnings,
                    budget == null ? null : MeBudget.of(budget));
        }
    }

    /**
     * The {@code budget} object of an issuance answer or a {@code budget-exhausted} problem: the person's standing in
     * the capped period that decided, in USD.
     *
     * @param period    {@code day} or {@code month} (UTC)
     * @param used      recorded spend in the period
     * @param limit     the period's cap
     * @param resetsAt  when the period ends
     * @param threshold the highest warning threshold reached (percent), or null when exhausted
     * @param state     {@code warned}, {@code shortened} (sessions of at most 15 min) or {@code exhausted}
     */
    record BudgetView(String period, BigDecimal used, BigDecimal limit, String resetsAt, Integer threshold, String state) {
        /** The view of a decision, or null when it is within budget. */
        static BudgetView of(BudgetDecision decision) {
            if (decision == null) return null;
            return switch (decision) {
                case BudgetDecision.WithinBudget w -> null;
                case BudgetDecision.Warned(var standing, var threshold) -> of(standing, threshold, "warned");
                case BudgetDecision.Shortened(var max, var standing, var threshold) -> of(standing, threshold, "shortened");
                case BudgetDecision.Exhausted(var cap, var resetsAt, var retryAfter) -> new BudgetView(periodName(cap),
                        usd(cap.usedMicroUsd()), usd(cap.limitMicroUsd()), resetsAt.toString(), null, "exhausted");
            };
        }

        static BudgetView of(BudgetStanding standing, Integer threshold, String state) {
            return new BudgetView(periodName(standing), usd(standing.usedMicroUsd()), usd(standing.limitMicroUsd()),
                    standing.resetsAt().toString(), threshold, state);
        }
    }

    /**
     * {@code GET /v1/me}'s budget: the caps in force (null: that period is uncapped), the thresholds, an admin
     * override's expiry, each capped period's standing and the state: {@code ok}, {@code warned}, {@code shortened}
     * or {@code exhausted}.
     */
    record MeBudget(BigDecimal dailyUsd, BigDecimal monthlyUsd, List<Integer> warnAtPercent, String overrideExpiresAt,
                    List<BudgetView> periods, String state) {
        static MeBudget of(BudgetGate.BudgetStatus status) {
            return new MeBudget(usd(status.budget().dailyMicroUsd()), usd(status.budget().monthlyMicroUsd()),
                    status.budget().warnAtPercent(),
                    status.override() == null ? null : status.override().expiresAt().toString(),
                    status.standings().stream().map(s -> BudgetView.of(s, null, s.exhausted() ? "exhausted" : "ok")).toList(),
                    Views.state(status.decision()));
        }
    }

    /** The state word of a decision: {@code ok}, {@code warned}, {@code shortened} or {@code exhausted}. */
    static String state(BudgetDecision decision) {
        return switch (decision) {
            case BudgetDecision.WithinBudget w -> "ok";
            case BudgetDecision.Warned w -> "warned";
            case BudgetDecision.Shortened s -> "shortened";
            case BudgetDecision.Exhausted e -> "exhausted";
        };
    }

    static String periodName(BudgetStanding standing) {
        return standing.period() == broker.lambda.core.usage.Period.Kind.DAY ? "day" : "month";
    }

    /** Micro-USD as a plain decimal number of USD (no exponent, no trailing zeros). */
    static BigDecimal usd(long microUsd) {
        BigDecimal usd = BigDecimal.valueOf(microUsd, 6).stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0) : usd;
    }

    static BigDecimal usd(OptionalLong microUsd) {
        return microUsd.isPresent() ? usd(microUsd.getAsLong()) : null;
    }

    /**
     * {@code GET /v1/models}: {@code source} is {@code catalog} when the list comes from Bedrock's model catalog, or
     * {@code entitlements} when it holds the entitlement's exact ids only.
     */
    record Models(List<UsableModel> models, Recommended recommended, String source, String catalogFetchedAt) {
        record Recommended(String primary, String fast) {}

        static Models of(ModelList list) {
            return new Models(list.models(), new Recommended(list.primary(), list.fast()),
                    list.catalogFetchedAt() == null ? "entitlements" : "catalog",
                    list.catalogFetchedAt() == null ? null : list.catalogFetchedAt().toString());
        }
    }

    record EntitlementView(List<String> models, List<String> regions, List<Grant> grants, int maxSessionSeconds,
                           boolean shortTermKeys, LongTermKeys longTermKeys, boolean admin) {
        static EntitlementView of(Entitlement e) {
            return new EntitlementView(e.models(), e.regions(), e.grants(), e.maxSessionSeconds(), e.shortTermKeys(),
                    e.longTermKeys(), e.admin());
        }
    }
}
