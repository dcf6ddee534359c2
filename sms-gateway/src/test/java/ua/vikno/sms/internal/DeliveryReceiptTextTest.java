package ua.vikno.sms.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DeliveryReceiptTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "id:0a1b2c sub:001 dlvrd:001 submit date:2611261130 done date:2611261131 stat:DELIVRD err:000 text:Zvernennya | 0a1b2c | DELIVRD | 000 | true | false",
            "id:77 sub:001 dlvrd:000 submit date:2611261130 done date:2611261131 stat:UNDELIV err:001 text: | 77 | UNDELIV | 001 | false | true",
            "id:X1 stat:expired err:0 | X1 | EXPIRED | 0 | false | true",
            "id:X2 stat:ENROUTE | X2 | ENROUTE | '' | false | false"})
    void readsIdStateAndError(String text, String id, String state, String error, boolean delivered, boolean failed) {
        DeliveryReceiptText r = DeliveryReceiptText.parse(text).orElseThrow();
        assertThat(r.id()).isEqualTo(id);
        assertThat(r.state()).isEqualTo(state);
        assertThat(r.error()).isEqualTo(error == null ? "" : error);
        assertThat(r.delivered()).isEqualTo(delivered);
        assertThat(r.failed()).isEqualTo(failed);
    }

    @Test
    void aTextWithoutIdOrStateIsNoReceipt() {
        assertThat(DeliveryReceiptText.parse("hello there")).isEmpty();
        assertThat(DeliveryReceiptText.parse("id:5 text:no state")).isEmpty();
    }

    @Test
    void whatTheSimulatorFormatsParsesBack() {
        String text = DeliveryReceiptText.format("abc123", "DELIVRD", "000", "2611261130", "2611261130", "a long text to cut");
        assertThat(DeliveryReceiptText.parse(text)).contains(new DeliveryReceiptText("abc123", "DELIVRD", "000"));
    }
}
