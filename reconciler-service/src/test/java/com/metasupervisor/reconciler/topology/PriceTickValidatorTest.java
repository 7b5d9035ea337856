package com.metasupervisor.reconciler.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.streams.deadletter.InvalidRecordException;
import com.metasupervisor.streams.validation.Violation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PriceTickValidatorTest {

    private final PriceTickValidator validator = new PriceTickValidator();

    @Test
    void aPositiveFinitePriceWithSymbolAndTimeIsValid() {
        assertThat(validator.violations(tick("BTC", 0.0001))).isEmpty();
    }

    @Test
    void eachRuleHasItsOwnReason() {
        assertThat(validator.violations(tick("BTC", 0))).extracting(Violation::reason).containsExactly("price_not_positive");
        assertThat(validator.violations(tick("BTC", -1))).extracting(Violation::reason).containsExactly("price_not_positive");
        assertThat(validator.violations(tick("BTC", Double.NaN))).extracting(Violation::reason).containsExactly("not_finite");
        assertThat(validator.violations(tick("BTC", Double.POSITIVE_INFINITY))).extracting(Violation::reason).containsExactly("not_finite");
        assertThat(validator.violations(tick("", 1))).extracting(Violation::reason).containsExactly("missing_symbol");
    }

    @Test
    void requireValidReportsEveryViolationAndTheFirstAsTheReason() {
        assertThatThrownBy(() -> validator.requireValid(tick(" ", Double.NaN)))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo("missing_symbol");
                    assertThat(e.detail()).isEqualTo("symbol: symbol is missing or blank; price: price is NaN");
                });
    }

    @Test
    void aMissingValueIsInvalid() {
        assertThatThrownBy(() -> validator.requireValid(null))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo("missing_value"));
    }

    private static PriceTick tick(String symbol, double price) {
        return PriceTick.newBuilder().setSymbol(symbol).setTs(Instant.EPOCH).setPrice(price).build();
    }
}
