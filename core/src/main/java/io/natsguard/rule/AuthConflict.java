package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.conf.ConfValue;
import io.natsguard.model.Cluster;
import io.natsguard.model.ConfigKeys;
import java.util.List;

@AutoService(Rule.class)
@RuleInfo(id = "auth-conflict", severity = Severity.ERROR,
        title = "Ways of authenticating clients that nats-server refuses together",
        rationale = "nats-server takes one way of authenticating clients: a single user and password, a token, or "
                + "users (in authorization or in accounts). It refuses a config that mixes them, an nkey user that "
                + "also has a user name or password, and a leafnode remote with both credentials and an nkey: the "
                + "server does not start and nats-server -t fails.",
        fix = "Keep one way: move the single user into the users list (of the authorization or of its account), "
                + "drop the token or the user, give nkey users no user or password, and give a leafnode remote either "
                + "credentials or nkey.")
public final class AuthConflict implements Rule {

    @Override
    public void check(Cluster cluster, RuleContext context) {
        if (cluster.config() == null || cluster.config().root() == null) {
            return;
        }
        ConfValue root = cluster.config().root();
        List<UserLists.UserList> lists = UserLists.of(root);
        ConfValue authorization = UserLists.map(ConfigKeys.get(root, "authorization"));
        if (authorization != null) {
            checkAuthorization(cluster, authorization, lists, context);
        }
        for (UserLists.UserList list : lists) {
            for (ConfValue entry : list.entries()) {
                if (isNkeyUser(entry) && (present(entry, "user", "username") || present(entry, "pass", "password"))) {
                    report(cluster, context, entry, "a user in " + list.where() + " has an nkey and a user or "
                            + "password", "Nkey users do not take usernames or passwords", "Remove user and password "
                            + "from the entry, or make it a user/password entry without nkey.");
                }
            }
        }
        checkLeafnodeRemotes(cluster, root, context);
    }

    /** The top-level authorization against itself and against the accounts' users. */
    private static void checkAuthorization(Cluster cluster, ConfValue authorization, List<UserLists.UserList> lists,
            RuleContext context) {
        boolean user = present(authorization, "user", "username");
        boolean token = present(authorization, "token");
        UserLists.UserList own = lists.stream().filter(l -> l.account() == null).findFirst().orElse(null);
        if ((user || present(authorization, "pass", "password")) && token) {
            report(cluster, context, authorization, "authorization has both a user/password and a token",
                    "Cannot have a user/pass and token", "Keep one of them.");
        } else if (own != null && parsed(own) && (user || token)) {
            String single = user ? "a single user/pass" : "a token";
            report(cluster, context, authorization, "authorization has " + (user ? "a single user" : "a token")
                    + " and a users list", "Can not have " + single + " and a users array",
                    user ? "Move the single user into the users list." : "Remove the token or the users list.");
        }
        if (!user && !token) {
            return;
        }
        for (UserLists.UserList list : lists) {
            if (list.account() != null && !list.entries().isEmpty() && parsed(list)) {
                String single = user ? "a single user/pass" : "a token";
                // The server reads the two blocks in map order: whichever comes second names the conflict.
                report(cluster, context, list.key(), list.where() + " defines users while authorization has "
                        + (user ? "a single user" : "a token"), "Can not have " + single + " and accounts\" or \"Can not have "
                        + single + " and a users array", user ? "Move the single user into the users of an account."
                        : "Remove the token, or authenticate with users only.");
            }
        }
    }

    private static void checkLeafnodeRemotes(Cluster cluster, ConfValue root, RuleContext context) {
        for (String leaf : List.of("leafnodes", "leaf")) {
            ConfValue block = UserLists.map(ConfigKeys.get(root, leaf));
            ConfValue remotes = block == null ? null : ConfigKeys.get(block, "remotes");
            if (remotes == null || remotes.type() != ConfValue.Type.ARRAY) {
                continue;
            }
            for (ConfValue remote : remotes.asList()) {
                ConfValue nkey = UserLists.map(remote) == null ? null : ConfigKeys.any(remote, "nkey", "seed");
                if (nkey != null && ConfigKeys.any(remote, "creds", "credentials") != null) {
                    report(cluster, context, nkey, "a remote in " + leaf + ".remotes has both credentials and an nkey",
                            "Remote leafnode can not have both creds and nkey defined",
                            "Keep credentials (the creds file holds the nkey seed) or nkey.");
                }
            }
        }
    }

    /**
     * Whether nats-server takes the users of a list: parseUsers drops the whole list at the first entry it
     * refuses, and such a list conflicts with nothing (its entry is reported by nkey-invalid or here).
     */
    private static boolean parsed(UserLists.UserList list) {
        List<ConfValue> entries = list.entries();
        return entries.size() == list.key().asList().size() && entries.stream().allMatch(entry ->
                ConfigKeys.get(entry, "nkey") != null
                        ? isNkeyUser(entry) && !present(entry, "user", "username") && !present(entry, "pass", "password")
                        : UserLists.text(entry, "user", "username") != null);
    }

    /** An entry with an nkey that nats-server takes as a user's public key. */
    private static boolean isNkeyUser(ConfValue entry) {
        String nkey = UserLists.text(entry, "nkey");
        return nkey != null && NKeys.problem(nkey, NKeys.Kind.USER) == null;
    }

    /** Whether a key has a value nats-server counts: a non-empty string, or whatever the environment gives. */
    private static boolean present(ConfValue map, String... keys) {
        ConfValue value = ConfigKeys.any(map, keys);
        return value != null && (value.fromEnvironment()
                || value.type() == ConfValue.Type.STRING && !((String) value.value()).isEmpty());
    }

    private static void report(Cluster cluster, RuleContext context, ConfValue at, String what, String refusal, String fix) {
        // ", and" rather than ": " after what: the redactor masks whatever follows "password:" or "token:".
        context.report(cluster.config().locate(at), what + ", and nats-server refuses it: \"" + refusal + "\". " + fix);
    }
}
