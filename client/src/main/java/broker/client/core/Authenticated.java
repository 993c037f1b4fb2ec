package broker.client.core;

import java.util.function.Function;

/**
 * Runs one broker request with the user's ID token. If the broker rejects the token (it expired on the broker's clock,
 * or the issuer rotated keys) the token is renewed once and the request repeated; a second rejection means the user
 * must sign in again.
 */
public final class Authenticated {
    private Authenticated() {
    }

    public static <T> Result<T> call(IdTokenSource tokens, Function<String, Result<T>> request) {
        Result<T> first = tokens.idToken(false).flatMap(request);
        if (!(first instanceof Result.Err<T>(ClientFailure.TokenRejected rejected))) {
            return first;
        }
        Result<T> second = tokens.idToken(true).flatMap(request);
        if (second instanceof Result.Err<T>(ClientFailure.TokenRejected again)) {
            return Result.err(new ClientFailure.LoginRequired("the broker did not accept your sign-in"
                    + (again.detail() == null ? "" : " (" + again.detail() + ")")));
        }
        return second;
    }
}
