package broker.client.core;

import java.util.List;

/** The user's long-term keys and how many they may hold ({@code maxKeys} 0 when the broker did not say). */
public record ApiKeyList(List<ApiKey> keys, int maxKeys) {
    public ApiKeyList {
        keys = List.copyOf(keys);
    }
}
