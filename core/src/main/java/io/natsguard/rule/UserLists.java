package io.natsguard.rule;

import io.natsguard.conf.ConfValue;
import io.natsguard.model.ConfigKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The users arrays nats-server reads with parseUsers: the top-level authorization's and each account's. */
final class UserLists {

    /**
     * One users array.
     *
     * @param where   for messages ("authorization.users", "accounts.A.users")
     * @param key     the users entry (its position is the key's)
     * @param account the account block holding it, or null for the authorization's
     */
    record UserList(String where, ConfValue key, ConfValue account) {

        /** The entries written as maps, as nats-server reads them (other entries are refused as such). */
        List<ConfValue> entries() {
            return key.asList().stream().filter(e -> e.type() == ConfValue.Type.MAP && !e.fromEnvironment()).toList();
        }
    }

    private UserLists() {
    }

    static List<UserList> of(ConfValue root) {
        List<UserList> lists = new ArrayList<>();
        if (root == null) {
            return lists;
        }
        ConfValue authorization = map(ConfigKeys.get(root, "authorization"));
        if (authorization != null) {
            add(lists, "authorization.users", authorization, null);
        }
        for (Map.Entry<String, ConfValue> account : accounts(root)) {
            add(lists, "accounts." + account.getKey() + ".users", account.getValue(), account.getValue());
        }
        return lists;
    }

    /** The account blocks of the accounts map, by name. */
    static List<Map.Entry<String, ConfValue>> accounts(ConfValue root) {
        ConfValue accounts = map(ConfigKeys.get(root, "accounts"));
        return accounts == null ? List.of() : accounts.asMap().entrySet().stream()
                .filter(e -> map(e.getValue()) != null).toList();
    }

    /** A user entry's string value of a key, or null when absent, empty, or not a string written in the file. */
    static String text(ConfValue entry, String... keys) {
        ConfValue value = ConfigKeys.any(entry, keys);
        return value != null && value.type() == ConfValue.Type.STRING && !value.fromEnvironment()
                && !((String) value.value()).isEmpty() ? (String) value.value() : null;
    }

    static ConfValue map(ConfValue value) {
        return value != null && value.type() == ConfValue.Type.MAP && !value.fromEnvironment() ? value : null;
    }

    private static void add(List<UserList> lists, String where, ConfValue parent, ConfValue account) {
        ConfValue users = ConfigKeys.get(parent, "users");
        if (users != null && users.type() == ConfValue.Type.ARRAY && !users.fromEnvironment()) {
            lists.add(new UserList(where, users, account));
        }
    }
}
