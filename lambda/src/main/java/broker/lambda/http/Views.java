package broker.lambda.http;

import broker.lambda.core.catalog.CatalogWarning;
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

    record EntitlementView(List<String> models, List<String> regions, List<Grant> grants, int maxSessionSeconds,
                           boolean shortTermKeys, LongTermKeys longTermKeys, boolean admin) {
        static EntitlementView of(Entitlement e) {
            return new EntitlementView(e.models(), e.regions(), e.grants(), e.maxSessionSeconds(), e.shortTermKeys(),
                    e.longTermKeys(), e.admin());
        }
    }
}
