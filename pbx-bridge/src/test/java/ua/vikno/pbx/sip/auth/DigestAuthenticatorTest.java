package ua.vikno.pbx.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import ua.vikno.config.Secret;
import ua.vikno.pbx.sip.FakeClock;

class DigestAuthenticatorTest {
    private static final String REALM = "vikno.local";
    private static final String ATTACKER = "192.0.2.66";
    private static final String OWNER = "192.0.2.10";

    private final FakeClock clock = new FakeClock();
    private final Nonces nonces = new Nonces("0123456789abcdef0123456789abcdef".getBytes(), Duration.ofMinutes(5), clock);
    private final AuthFailureLimiter limiter =
            new AuthFailureLimiter(3, Duration.ofMinutes(1), Duration.ofMinutes(10), clock);
    private final DigestAuthenticator authenticator = new DigestAuthenticator(REALM,
            user -> Optional.ofNullable(Map.of("101", new Secret("right-password"),
                    "102", new Secret("neighbour-password")).get(user)), nonces,
            new NonceCounts(Duration.ofMinutes(5), clock, 1000), limiter,
            "opaque-value", "decoy-password");

    @Test
    void aRequestWithoutCredentialsIsChallengedWithMd5AndQopAuth() {
        Authentication outcome = authenticator.authenticate("REGISTER", Optional.empty(), "101", OWNER);

        assertThat(outcome).isInstanceOf(Authentication.Challenged.class);
        DigestChallenge challenge = ((Authentication.Challenged) outcome).challenge();
        assertThat(challenge.realm()).isEqualTo(REALM);
        assertThat(challenge.opaque()).isEqualTo("opaque-value");
        assertThat(challenge.stale()).isFalse();
        assertThat(nonces.check(challenge.nonce())).isEqualTo(Nonces.State.FRESH);
        assertThat(limiter.failures()).isZero();
    }

    @Test
    void theRightPasswordOverAFreshNonceAuthenticatesTheLine() {
        Authentication outcome = authenticator.authenticate("REGISTER", answer("101", "right-password"), "101", OWNER);

        assertThat(outcome).isEqualTo(new Authentication.Authenticated("101"));
    }

    @Test
    void aWrongPasswordIsChallengedAgainAndCounted() {
        Authentication outcome = authenticator.authenticate("REGISTER", answer("101", "wrong"), "101", ATTACKER);

        assertThat(outcome).isInstanceOf(Authentication.Challenged.class);
        assertThat(((Authentication.Challenged) outcome).challenge().stale()).isFalse();
        assertThat(limiter.failures()).isEqualTo(1);
    }

    @Test
    void aDigestForAnotherMethodFails() {
        Authentication outcome = authenticator.authenticate("INVITE", answer("101", "right-password"), "101", ATTACKER);

        assertThat(outcome).isInstanceOf(Authentication.Challenged.class);
        assertThat(limiter.failures()).isEqualTo(1);
    }

    @Test
    void aDigestForAnotherRealmFails() {
        String nonce = nonces.issue();
        DigestCredentials c = sign("101", "other.realm", "right-password", nonce);

        assertThat(authenticator.authenticate("REGISTER", Optional.of(c), "101", ATTACKER))
                .isInstanceOf(Authentication.Challenged.class);
        assertThat(limiter.failures()).isEqualTo(1);
    }

    @Nested
    class UserNameLength {

        @Test
        void aUserNameLongerThanTheLimitIsRefusedWithoutBeingCounted() {
            String tooLong = "1".repeat(DigestAuthenticator.MAX_USERNAME_LENGTH + 1);

            Authentication outcome = authenticator.authenticate("REGISTER", answer(tooLong, "wrong"), tooLong,
                    ATTACKER);

            assertThat(outcome).isInstanceOf(Authentication.Refused.class);
            assertThat(limiter.failures()).isZero();
            assertThat(limiter.trackedSources()).isZero();
        }

        @Test
        void aUserNameOfTheLimitIsCheckedAndCounted() {
            String longest = "1".repeat(DigestAuthenticator.MAX_USERNAME_LENGTH);

            Authentication outcome = authenticator.authenticate("REGISTER", answer(longest, "wrong"), longest,
                    ATTACKER);

            assertThat(outcome).isInstanceOf(Authentication.Challenged.class);
            assertThat(limiter.failures()).isEqualTo(1);
        }
    }

    @Nested
    class Staleness {

        @Test
        void theRightPasswordOverAnExpiredNonceGetsAStaleChallengeAndIsNotCounted() {
            Optional<DigestCredentials> old = answer("101", "right-password");
            clock.advance(Duration.ofMinutes(6));

            Authentication outcome = authenticator.authenticate("REGISTER", old, "101", OWNER);

            assertThat(outcome).isInstanceOf(Authentication.Challenged.class);
            assertThat(((Authentication.Challenged) outcome).challenge().stale()).isTrue();
            assertThat(limiter.failures()).isZero();
        }

        @Test
        void theRightPasswordOverANonceOfAnotherEngineGetsAStaleChallenge() {
            Nonces before = new Nonces("fedcba9876543210fedcba9876543210".getBytes(), Duration.ofMinutes(5), clock);
            DigestCredentials c = sign("101", REALM, "right-password", before.issue());

            Authentication outcome = authenticator.authenticate("REGISTER", Optional.of(c), "101", OWNER);

            assertThat(((Authentication.Challenged) outcome).challenge().stale()).isTrue();
        }

        @Test
        void aWrongPasswordOverAnExpiredNonceIsNotStaleButAFailure() {
            Optional<DigestCredentials> old = answer("101", "wrong");
            clock.advance(Duration.ofMinutes(6));

            Authentication outcome = authenticator.authenticate("REGISTER", old, "101", ATTACKER);

            assertThat(((Authentication.Challenged) outcome).challenge().stale()).isFalse();
            assertThat(limiter.failures()).isEqualTo(1);
        }
    }

    @Nested
    class Replay {

        @Test
        void theSameDigestSentTwiceIsAskedToRetryTheSecondTime() {
            Optional<DigestCredentials> once = answer("101", "right-password");

            assertThat(authenticator.authenticate("REGISTER", once, "101", OWNER))
                    .isInstanceOf(Authentication.Authenticated.class);
            Authentication again = authenticator.authenticate("REGISTER", once, "101", OWNER);

            assertThat(again).isInstanceOf(Authentication.Challenged.class);
            assertThat(((Authentication.Challenged) again).challenge().stale()).isTrue();
        }

        @Test
        void aHigherNonceCountOverTheSameNonceIsAccepted() {
            String nonce = nonces.issue();

            assertThat(authenticator.authenticate("REGISTER", Optional.of(sign("101", REALM, "right-password",
                    nonce, "00000001")), "101", OWNER)).isInstanceOf(Authentication.Authenticated.class);
            assertThat(authenticator.authenticate("REGISTER", Optional.of(sign("101", REALM, "right-password",
                    nonce, "00000002")), "101", OWNER)).isInstanceOf(Authentication.Authenticated.class);
        }
    }

    @Nested
    class Enumeration {

        @Test
        void anUnknownUserGetsTheSameChallengeAsAKnownUserWithAWrongPassword() {
            Authentication known = authenticator.authenticate("REGISTER", answer("101", "wrong"), "101", ATTACKER);
            Authentication unknown = authenticator.authenticate("REGISTER", answer("999", "wrong"), "101", ATTACKER);

            assertThat(withoutNonce(unknown)).isEqualTo(withoutNonce(known));
        }

        @Test
        void anUnknownUserIsLockedOutLikeAKnownUser() {
            for (int i = 0; i < 2; i++) {
                authenticator.authenticate("REGISTER", answer("999", "guess" + i), "101", ATTACKER);
            }

            assertThat(authenticator.authenticate("REGISTER", answer("999", "guess3"), "101", ATTACKER))
                    .isEqualTo(new Authentication.LockedOut(ATTACKER));
        }

        @Test
        void anUnknownUserWithTheDecoyPasswordIsStillRefused() {
            assertThat(authenticator.authenticate("REGISTER", answer("999", "decoy-password"), "101", ATTACKER))
                    .isInstanceOf(Authentication.Challenged.class);
        }

        private DigestChallenge withoutNonce(Authentication outcome) {
            DigestChallenge c = ((Authentication.Challenged) outcome).challenge();
            return new DigestChallenge(c.realm(), "", c.opaque(), c.stale());
        }
    }

    @Nested
    class Lockout {

        @Test
        void theFailureThatReachesTheLimitIsAnsweredWithLockout() {
            authenticator.authenticate("REGISTER", answer("101", "a"), "101", ATTACKER);
            authenticator.authenticate("REGISTER", answer("101", "b"), "101", ATTACKER);

            assertThat(authenticator.authenticate("REGISTER", answer("101", "c"), "101", ATTACKER))
                    .isEqualTo(new Authentication.LockedOut(ATTACKER));
        }

        @Test
        void aLockedOutLineIsRefusedFromThatAddressEvenWithTheRightPassword() {
            lockOut(ATTACKER);

            assertThat(authenticator.authenticate("REGISTER", answer("101", "right-password"), "101", ATTACKER))
                    .isEqualTo(new Authentication.LockedOut(ATTACKER));
            assertThat(authenticator.authenticate("REGISTER", Optional.empty(), "101", ATTACKER))
                    .as("its request without credentials is refused, not challenged")
                    .isEqualTo(new Authentication.LockedOut(ATTACKER));
        }

        @Test
        void aNeighbourLineBehindTheSameAddressStillAuthenticates() {
            lockOut(ATTACKER);

            assertThat(authenticator.authenticate("REGISTER", Optional.empty(), "102", ATTACKER))
                    .isInstanceOf(Authentication.Challenged.class);
            assertThat(authenticator.authenticate("REGISTER", answer("102", "neighbour-password"), "102", ATTACKER))
                    .isEqualTo(new Authentication.Authenticated("102"));
        }

        @Test
        void theOwnerOfTheLineStillAuthenticatesFromAnotherAddress() {
            lockOut(ATTACKER);

            assertThat(authenticator.authenticate("REGISTER", answer("101", "right-password"), "101", OWNER))
                    .isEqualTo(new Authentication.Authenticated("101"));
        }

        @Test
        void afterTheLockoutTheLineMayAuthenticateAgainFromThatAddress() {
            lockOut(ATTACKER);
            clock.advance(Duration.ofMinutes(10));

            assertThat(authenticator.authenticate("REGISTER", answer("101", "right-password"), "101", ATTACKER))
                    .isEqualTo(new Authentication.Authenticated("101"));
        }

        @Test
        void aScannerTryingManyUserNamesLocksItsWholeAddress() {
            int scan = AuthFailureLimiter.SCANNER_FACTOR * 3;
            for (int i = 0; i < scan - 1; i++) {
                assertThat(authenticator.authenticate("REGISTER", answer("9" + i, "guess"), "9" + i, ATTACKER))
                        .isInstanceOf(Authentication.Challenged.class);
            }

            assertThat(authenticator.authenticate("REGISTER", answer("999", "guess"), "999", ATTACKER))
                    .isEqualTo(new Authentication.LockedOut(ATTACKER));
            assertThat(authenticator.authenticate("REGISTER", answer("102", "neighbour-password"), "102", ATTACKER))
                    .isEqualTo(new Authentication.LockedOut(ATTACKER));
            assertThat(authenticator.authenticate("REGISTER", answer("102", "neighbour-password"), "102", OWNER))
                    .isEqualTo(new Authentication.Authenticated("102"));
        }

        private void lockOut(String address) {
            for (int i = 0; i < 3; i++) {
                authenticator.authenticate("REGISTER", answer("101", "guess" + i), "101", address);
            }
            assertThat(limiter.isLockedOut("101", address)).isTrue();
            assertThat(limiter.isAddressLockedOut(address)).isFalse();
        }
    }

    /** What a client answers to a fresh challenge. */
    private Optional<DigestCredentials> answer(String user, String password) {
        return Optional.of(sign(user, REALM, password, nonces.issue()));
    }

    private static DigestCredentials sign(String user, String realm, String password, String nonce) {
        return sign(user, realm, password, nonce, "00000001");
    }

    private static DigestCredentials sign(String user, String realm, String password, String nonce, String nc) {
        DigestCredentials unsigned = new DigestCredentials(user, realm, nonce, "sip:vikno.local", "",
                Optional.of("MD5"), Optional.of("auth"), Optional.of(nc), Optional.of("c0ffee"),
                Optional.of("opaque-value"));
        String response = RequestDigest.response(RequestDigest.ha1(user, realm, password), "REGISTER", unsigned);
        return new DigestCredentials(user, realm, nonce, unsigned.uri(), response, unsigned.algorithm(),
                unsigned.qop(), unsigned.nc(), unsigned.cnonce(), unsigned.opaque());
    }
}
