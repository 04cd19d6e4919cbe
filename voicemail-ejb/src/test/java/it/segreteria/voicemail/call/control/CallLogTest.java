package it.segreteria.voicemail.call.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallLogTest {

    @Test
    void numbersKeepTheirFirstThreeAndLastTwoDigits() {
        assertThat(CallLog.mask("+393331234567")).isEqualTo("+393*******67");
        assertThat(CallLog.mask("02 5550 0100")).isEqualTo("02 5*** **00");
        assertThat(CallLog.mask("12345")).isEqualTo("*****");
        assertThat(CallLog.mask("")).isEqualTo("anonymous");
        assertThat(CallLog.mask(null)).isEqualTo("anonymous");
    }
}
