package io.contactcenter.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void masksTheMiddleOfLongNumbers() {
        assertEquals("4477****0123", PhoneNumbers.mask("447700900123"));
        assertEquals("+447****0123", PhoneNumbers.mask("+44770090123"));
    }

    @Test
    void shortNumbersKeepOnlyTheirLastTwoDigits() {
        assertEquals("***12", PhoneNumbers.mask("10012"));
        assertEquals("12", PhoneNumbers.mask("12"));
        assertNull(PhoneNumbers.mask(null));
    }
}
