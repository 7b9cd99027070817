package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.conf.ConfValue;
import io.natsguard.model.Cluster;
import io.natsguard.model.ConfigKeys;
import java.util.List;
import java.util.Map;

@AutoService(Rule.class)
@RuleInfo(id = "nkey-invalid", severity = Severity.ERROR,
        title = "An nkey that is not a valid public key of the kind the option takes",
        rationale = "nats-server decodes every public nkey of the config when it reads it (users' and accounts' nkey, "
                + "trusted operator keys, the auth callout's issuer and xkey, leafnode authorization): a key with a "
                + "wrong prefix (a user key starts with U, an account key with A, an operator key with O, an xkey with "
                + "X) or a mistyped character fails its checksum and stops the server at start and nats-server -t. "
                + "A seed (S...) written there is a private key in clear text.",
        fix = "Copy the public key again from nsc or nk (nk -inkey <seed> -pubout prints it); a seed never belongs in a "
                + "server config: revoke it and keep it in a creds or nkey file.")
public final class NkeyInvalid implements Rule {

    private static final String USER_REFUSAL = "Not a valid public nkey for a user";

    @Override
    public void check(Cluster cluster, RuleContext context) {
        if (cluster.config() == null || cluster.config().root() == null) {
            return;
        }
        Check check = new Check(cluster, context);
        ConfValue root = cluster.config().root();
        for (UserLists.UserList users : UserLists.of(root)) {
            for (ConfValue entry : users.entries()) {
                check.key(ConfigKeys.get(entry, "nkey"), NKeys.Kind.USER, "the nkey of a user in " + users.where(), USER_REFUSAL);
            }
        }
        for (Map.Entry<String, ConfValue> account : UserLists.accounts(root)) {
            check.key(ConfigKeys.get(account.getValue(), "nkey"), NKeys.Kind.ACCOUNT, "the nkey of account "
                    + account.getKey(), "Not a valid public nkey for an account");
        }
        ConfValue trusted = ConfigKeys.any(root, "trusted", "trusted_keys");
        for (ConfValue key : trusted != null && trusted.type() == ConfValue.Type.ARRAY ? trusted.asList() : listOf(trusted)) {
            check.key(key, NKeys.Kind.OPERATOR, "a trusted operator key", "required to be a valid public operator nkey");
        }
        ConfValue authorization = UserLists.map(ConfigKeys.get(root, "authorization"));
        ConfValue callout = authorization == null ? null : UserLists.map(ConfigKeys.any(authorization, "auth_callout", "auth_hook"));
        if (callout != null) {
            check.key(ConfigKeys.get(callout, "issuer"), NKeys.Kind.ACCOUNT, "the auth_callout issuer",
                    "Expected callout user to be a valid public account nkey");
            check.key(ConfigKeys.any(callout, "xkey", "key"), NKeys.Kind.CURVE, "the auth_callout xkey",
                    "Expected callout xkey to be a valid public xkey");
        }
        for (String leaf : List.of("leafnodes", "leaf")) {
            ConfValue block = UserLists.map(ConfigKeys.get(root, leaf));
            ConfValue auth = block == null ? null : UserLists.map(ConfigKeys.get(block, "authorization"));
            if (auth != null) {
                check.key(ConfigKeys.get(auth, "nkey"), NKeys.Kind.USER, "the nkey of " + leaf + ".authorization",
                        "Not a valid public nkey for leafnode authorization");
            }
        }
    }

    private static List<ConfValue> listOf(ConfValue value) {
        return value == null ? List.of() : List.of(value);
    }

    private record Check(Cluster cluster, RuleContext context) {

        /** Reports the value when it is a string written in the file that is no public key of the kind. */
        void key(ConfValue value, NKeys.Kind kind, String what, String refusal) {
            if (value == null || value.type() != ConfValue.Type.STRING || value.fromEnvironment()
                    || ((String) value.value()).isEmpty()) {
                return;
            }
            String problem = NKeys.problem((String) value.value(), kind);
            if (problem != null) {
                context.report(cluster.config().locate(value), what + ": " + problem + ". nats-server refuses it: \""
                        + refusal + "\". Write the public " + kind.label.substring(kind.label.indexOf(' ') + 1)
                        + " key (" + kind.letter + "..., 56 characters) that nsc or nk -pubout prints.");
            }
        }
    }
}
