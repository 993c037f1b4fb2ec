package broker.lambda.core.usage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The caller named by a record's {@code identity.arn}, as far as attribution needs it. */
sealed interface PrincipalArn {
    // arn:<partition>:sts::<account>:assumed-role/<role name>/<role session name>
    Pattern ASSUMED_ROLE = Pattern.compile("arn:aws[a-z-]*:sts::([0-9]{12}):assumed-role/([\\w+=,.@-]{1,64})/([\\w+=,.@-]{2,64})");
    // arn:<partition>:iam::<account>:user<path><user name>; the path starts and ends with /
    Pattern IAM_USER = Pattern.compile("arn:aws[a-z-]*:iam::([0-9]{12}):user(/(?:[\\x21-\\x7e&&[^/]]+/)*)([\\w+=,.@-]{1,64})");

    /** An assumed-role session. */
    record AssumedRole(String account, String roleName, String sessionName) implements PrincipalArn {}

    /** An IAM user (long-term Bedrock API keys act as their IAM user). */
    record IamUser(String account, String path, String userName) implements PrincipalArn {}

    /** Anything else: a root user, a federated user, a malformed ARN. */
    record Other() implements PrincipalArn {}

    static PrincipalArn parse(String arn) {
        Matcher role = ASSUMED_ROLE.matcher(arn);
        if (role.matches()) return new AssumedRole(role.group(1), role.group(2), role.group(3));
        Matcher user = IAM_USER.matcher(arn);
        if (user.matches()) return new IamUser(user.group(1), user.group(2), user.group(3));
        return new Other();
    }
}
