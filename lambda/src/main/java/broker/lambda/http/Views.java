package broker.lambda.http;

import broker.lambda.core.catalog.CatalogWarning;
import broker.lambda.core.catalog.ModelList;
import broker.lambda.core.catalog.UsableModel;
import broker.lambda.core.entitlements.Entitlement;
import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.entitlements.LongTermKeys;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.issuance.BearerToken;
import broker.lambda.core.issuance.SessionCredentials;
import java.util.List;

/** The JSON shapes of the API's answers (the wire format; core types stay free of it). */
final class Views {
    private Views() {}

    record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, String expiration, String region) {
        static Credentials of(SessionCredentials c, String region) {
            return new Credentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration().toString(), region);
        }

        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + ", secret=redacted]";
        }
    }

    record Token(String token, String expiration, String region) {
        static Token of(BearerToken t) {
            return new Token(t.token(), t.expiration().toString(), t.region());
        }

        @Override
        public String toString() {
            return "Token[region=" + region + ", token=redacted]";
        }
    }

    /** {@code warnings}: only for admins (null, so absent, for everyone else), see {@code CatalogWarnings}. */
    record Me(String subject, String userName, String email, List<String> groups, EntitlementView entitlement,
              List<CatalogWarning> warnings) {
        static Me of(Identity identity, Entitlement entitlement, List<CatalogWarning> warnings) {
            return new Me(identity.subject(), identity.userName(), identity.email(), identity.groups(),
                    entitlement == null ? null : EntitlementView.of(entitlement), warnings);
        }
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
