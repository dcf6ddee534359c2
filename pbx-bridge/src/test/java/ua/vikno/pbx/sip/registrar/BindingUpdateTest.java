package ua.vikno.pbx.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BindingUpdateTest {
    private static final String AOR = "sip:101@vikno.local";
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private static final RegistrationPolicy POLICY = RegistrationPolicy.withMaxExpiry(Duration.ofHours(1));
    private static final String PHONE = "sip:101@192.0.2.10:5070";
    private static final String DESK = "sip:101@192.0.2.11:5070";

    @Nested
    class Adding {

        @Test
        void aContactWithoutExpiryGetsTheDefaultCappedByTheMaximum() {
            BindingUpdate.Changes c = changes(List.of(), request(List.of(contact(PHONE)), Optional.empty()));

            assertThat(c.upserts()).singleElement().satisfies(b -> {
                assertThat(b.contact()).isEqualTo(PHONE);
                assertThat(b.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
            });
        }

        @Test
        void theExpiresHeaderAppliesToContactsWithoutTheirOwn() {
            BindingUpdate.Changes c = changes(List.of(), request(List.of(contact(PHONE)), Optional.of(120L)));

            assertThat(c.upserts().get(0).expiresAt()).isEqualTo(NOW.plusSeconds(120));
        }

        @Test
        void aContactsOwnExpiresWinsOverTheExpiresHeader() {
            RegisterRequest r = request(List.of(new ContactRequest(PHONE, Optional.of(300L))), Optional.of(120L));

            assertThat(changes(List.of(), r).upserts().get(0).expiresAt()).isEqualTo(NOW.plusSeconds(300));
        }

        @Test
        void aTooLongExpiryIsShortenedToTheMaximum() {
            RegisterRequest r = request(List.of(contact(PHONE)), Optional.of(86_400L));

            assertThat(changes(List.of(), r).upserts().get(0).expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        }

        @Test
        void aTooShortExpiryIsRefusedWithIntervalTooBrief() {
            RegisterRequest r = request(List.of(contact(PHONE)), Optional.of(10L));

            assertThat(plan(List.of(), r)).isEqualTo(new BindingUpdate.Rejected(
                    new RegisterReply.IntervalTooBrief(Duration.ofMinutes(1))));
        }

        @Test
        void aSecondContactIsKeptBesideTheFirst() {
            BindingUpdate.Changes c = changes(List.of(existing(PHONE, "call-1", 1)),
                    request(List.of(contact(DESK)), Optional.empty()));

            assertThat(c.resulting()).extracting(Binding::contact).containsExactly(PHONE, DESK);
        }

        @Test
        void moreContactsThanAllowedAreRefused() {
            List<Binding> ten = java.util.stream.IntStream.range(0, 10)
                    .mapToObj(i -> existing("sip:101@192.0.2." + i, "call-" + i, 1)).toList();

            assertThat(plan(ten, request(List.of(contact(DESK)), Optional.empty())))
                    .isEqualTo(new BindingUpdate.Rejected(new RegisterReply.Refused(403, "Too Many Contacts")));
        }
    }

    @Nested
    class Refreshing {

        @Test
        void aHigherCseqOnTheSameCallIdRefreshesTheBinding() {
            BindingUpdate.Changes c = changes(List.of(existing(PHONE, "call-1", 1)),
                    request(List.of(contact(PHONE)), Optional.of(600L), "call-1", 2));

            assertThat(c.resulting()).singleElement().satisfies(b -> {
                assertThat(b.cseq()).isEqualTo(2);
                assertThat(b.expiresAt()).isEqualTo(NOW.plusSeconds(600));
            });
        }

        @Test
        void aRepeatedCseqOnTheSameCallIdIsRefusedAsOutOfOrder() {
            RegisterRequest r = request(List.of(contact(PHONE)), Optional.of(600L), "call-1", 1);

            assertThat(plan(List.of(existing(PHONE, "call-1", 1)), r))
                    .isEqualTo(new BindingUpdate.Rejected(new RegisterReply.Refused(500, "Out of Order CSeq")));
        }

        @Test
        void anotherCallIdReplacesTheBindingWhateverItsCseq() {
            BindingUpdate.Changes c = changes(List.of(existing(PHONE, "call-1", 9)),
                    request(List.of(contact(PHONE)), Optional.of(600L), "call-2", 1));

            assertThat(c.resulting()).singleElement().extracting(Binding::callId).isEqualTo("call-2");
        }

        @Test
        void expiredBindingsAreNotReported() {
            Binding expired = new Binding(AOR, DESK, NOW.minusSeconds(1), "call-9", 1, "udp:192.0.2.11:5070");

            BindingUpdate.Changes c = changes(List.of(expired), request(List.of(), Optional.empty()));

            assertThat(c.resulting()).isEmpty();
        }

        @Test
        void aRegisterWithoutContactsOnlyReportsTheBindings() {
            Binding phone = existing(PHONE, "call-1", 1);

            BindingUpdate.Changes c = changes(List.of(phone), request(List.of(), Optional.empty()));

            assertThat(c.upserts()).isEmpty();
            assertThat(c.removals()).isEmpty();
            assertThat(c.resulting()).containsExactly(phone);
        }
    }

    @Nested
    class Removing {

        @Test
        void expiresZeroRemovesThatContactOnly() {
            BindingUpdate.Changes c = changes(List.of(existing(PHONE, "call-1", 1), existing(DESK, "call-2", 1)),
                    request(List.of(new ContactRequest(PHONE, Optional.of(0L))), Optional.empty(), "call-1", 2));

            assertThat(c.removals()).containsExactly(PHONE);
            assertThat(c.resulting()).extracting(Binding::contact).containsExactly(DESK);
        }

        @Test
        void theWildcardWithExpiresZeroRemovesEveryBinding() {
            RegisterRequest r = new RegisterRequest("vikno.local", "101", List.of(), true, Optional.of(0L),
                    "call-3", 1, Optional.empty(), "udp:192.0.2.10:5070", "192.0.2.10");

            BindingUpdate.Changes c = changes(List.of(existing(PHONE, "call-1", 1), existing(DESK, "call-2", 1)), r);

            assertThat(c.removals()).containsExactlyInAnyOrder(PHONE, DESK);
            assertThat(c.resulting()).isEmpty();
        }

        @Test
        void theWildcardWithoutExpiresZeroIsABadRequest() {
            RegisterRequest r = new RegisterRequest("vikno.local", "101", List.of(), true, Optional.of(60L),
                    "call-3", 1, Optional.empty(), "udp:192.0.2.10:5070", "192.0.2.10");

            assertThat(plan(List.of(), r))
                    .isEqualTo(new BindingUpdate.Rejected(new RegisterReply.Refused(400, "Invalid Wildcard Contact")));
        }

        @Test
        void theWildcardBesideAnotherContactIsABadRequest() {
            RegisterRequest r = new RegisterRequest("vikno.local", "101", List.of(contact(PHONE)), true,
                    Optional.of(0L), "call-3", 1, Optional.empty(), "udp:192.0.2.10:5070", "192.0.2.10");

            assertThat(plan(List.of(), r)).isInstanceOf(BindingUpdate.Rejected.class);
        }
    }

    private static BindingUpdate.Plan plan(List<Binding> current, RegisterRequest r) {
        return BindingUpdate.plan(AOR, current, r, NOW, POLICY);
    }

    private static BindingUpdate.Changes changes(List<Binding> current, RegisterRequest r) {
        BindingUpdate.Plan plan = plan(current, r);
        assertThat(plan).isInstanceOf(BindingUpdate.Changes.class);
        return (BindingUpdate.Changes) plan;
    }

    private static ContactRequest contact(String uri) {
        return new ContactRequest(uri, Optional.empty());
    }

    private static Binding existing(String contact, String callId, long cseq) {
        return new Binding(AOR, contact, NOW.plusSeconds(1800), callId, cseq, "udp:192.0.2.10:5070");
    }

    private static RegisterRequest request(List<ContactRequest> contacts, Optional<Long> expires) {
        return request(contacts, expires, "call-new", 1);
    }

    private static RegisterRequest request(List<ContactRequest> contacts, Optional<Long> expires, String callId,
                                           long cseq) {
        return new RegisterRequest("vikno.local", "101", contacts, false, expires, callId, cseq, Optional.empty(),
                "udp:192.0.2.10:5070", "192.0.2.10");
    }
}
