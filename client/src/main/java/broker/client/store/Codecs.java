package broker.client.store;

import broker.client.core.AwsCredentials;
import broker.client.core.BearerToken;
import broker.client.json.JsonFields;
import java.util.Map;

/** The cache file members of each cached kind. */
public final class Codecs {
    private Codecs() {
    }

    /** The profile's cached STS credentials (read by the cache hit, {@code status} and the credentials keeper). */
    public static JsonCacheSlot<AwsCredentials> credentialsCache(ProfileFiles files) {
        return new JsonCacheSlot<>(files.credentials(), CREDENTIALS);
    }

    public static final JsonCacheSlot.Codec<AwsCredentials> CREDENTIALS = new JsonCacheSlot.Codec<>() {
        @Override
        public void write(AwsCredentials c, Map<String, Object> members) {
            members.put("accessKeyId", c.accessKeyId());
            members.put("secretAccessKey", c.secretAccessKey());
            members.put("sessionToken", c.sessionToken());
            members.put("expiration", c.expiration());
            members.put("region", c.region());
        }

        @Override
        public AwsCredentials read(JsonFields m) {
            return new AwsCredentials(m.string("accessKeyId"), m.string("secretAccessKey"), m.string("sessionToken"),
                    m.string("expiration"), m.optionalString("region"));
        }
    };

    public static final JsonCacheSlot.Codec<BearerToken> BEARER_TOKEN = new JsonCacheSlot.Codec<>() {
        @Override
        public void write(BearerToken t, Map<String, Object> members) {
            members.put("token", t.token());
            members.put("expiration", t.expiration());
            members.put("region", t.region());
        }

        @Override
        public BearerToken read(JsonFields m) {
            return new BearerToken(m.string("token"), m.string("expiration"), m.optionalString("region"));
        }
    };
}
