package broker.client.core;

/** The shape of an AWS region name, as this client accepts it from the broker and uses it in cache file names. */
public final class RegionNames {
    private RegionNames() {
    }

    /** 1 to 32 lower-case letters, digits and '-' (no regex: this runs on the cache hit). */
    public static boolean valid(String value) {
        if (value == null || value.isEmpty() || value.length() > 32) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
