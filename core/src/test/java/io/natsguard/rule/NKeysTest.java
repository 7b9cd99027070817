package io.natsguard.rule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hand-written nkey check against real keys: those of nats-server's own test configs and keys made
 * by nkeys v0.4.17 (the library nats-server 2.14 links), each valid for its kind only.
 */
class NKeysTest {

    @ParameterizedTest
    @CsvSource({
        // nats-server's configs (../shared/corpus/realworld/nats-io__nats-server)
        "UC6NLCN7AS34YOJVCYD4PJ3QB7QGLYG5B5IMBT25VW5K4TNUJODM7BOX, USER",
        "UB57IEMPG4KOTPFV5A66QKE2HZ3XBXFHVRCCVMJEWKECMVN2HSH3VTSJ, USER",
        "AD4YRVUJF2KASKPGRMNXTYKIYSCB3IHHB4Y2ME6B2PDIV5QJ23C2ZRIT, ACCOUNT",
        "ADMHMDX2LEUJRZQHGVSVRWZEJ2CPNHYO6TB4ZCZ37LXAX5SYNEW252GF, ACCOUNT",
        // made by nkeys' CreateUser, CreateAccount, CreateOperator, CreateCurveKeys
        "UBZBIWK5F4MJ7IQUYD554Z6ZSSTTIG2FWM4TOD2ZDLOUW2UBLBSCA2T6, USER",
        "AAFLAU4SOJXCETBHRVIUYGIPK5BN7UAHFZYKXAY6NBNIULB65SCFW7DZ, ACCOUNT",
        "OD2XZ2434G5EI3QRIMBPHNYG6BMT47RSEZSHTU3AJZFSU2FTQCYF52Q5, OPERATOR",
        "XBYK7JFVLR55X3YQYYW4JTHVHRFA3RFK6CCLEH5IP7E5ZSPNVIBW663H, CURVE",
    })
    void aRealKeyIsValidForItsKindOnly(String key, NKeys.Kind kind) {
        for (NKeys.Kind other : NKeys.Kind.values()) {
            assertThat(NKeys.problem(key, other)).as("%s as %s", key, other).matches(p -> other == kind ? p == null : p != null);
        }
    }

    @ParameterizedTest
    @CsvSource({
        // nats-server's multiple_errors.conf: "Malformed nkeys"
        "OC5GRL36RQV7MJ2GT6WQSCKDKJKYTK4T2LGLWJ2SEJKRDHFOQQWGGFQL, ACCOUNT, checksum",
        "OCARKS2E3KVB7YORL2DG34XLT7PUCOL2SVM7YXV6ETHLW6Z46UUJ2VZ3, USER, checksum",
        // a character changed, one missing, a lower-case one
        "UBZBIWK5F4MJ7IQUYD554Z6ZSSTTIG2FWM4TOD2ZDLOUW2UBLBSCA2T7, USER, checksum",
        "UBZBIWK5F4MJ7IQUYD554Z6ZSSTTIG2FWM4TOD2ZDLOUW2UBLBSCA2T, USER, (it has 55)",
        "uBZBIWK5F4MJ7IQUYD554Z6ZSSTTIG2FWM4TOD2ZDLOUW2UBLBSCA2T6, USER, A-Z and 2-7",
        "OD2XZ2434G5EI3QRIMBPHNYG6BMT47RSEZSHTU3AJZFSU2FTQCYF52Q5, ACCOUNT, an operator key (O...) where an account key (A...) belongs",
        "UAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABET7, USER, small order",
    })
    void aMalformedKeyIsToldWhy(String key, NKeys.Kind kind, String why) {
        assertThat(NKeys.problem(key, kind)).contains(why);
    }

    @ParameterizedTest
    @CsvSource({"SUAEHB2V6Z3QYS66OSVF2SNBPOH2Y3JTWH6GR5Z4LS4Z36HEYBSNZAZG7M", "SAAB"})
    void aSeedIsCalledOneAndNeverQuoted(String seed) {
        assertThat(NKeys.problem(seed, NKeys.Kind.USER)).contains("a seed, not a public key").doesNotContain(seed);
    }
}
