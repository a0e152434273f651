package salestime

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Bounds on the numbers salestime accepts. They are far beyond any real
// sales data, and they keep every call fast: without them a revenue such as
// 1e2000000000, which a decimal.Decimal can hold, would make the arithmetic
// run for hours.
const (
	// MaxPlaces is the most decimal places, as written, of a revenue, a
	// budget, a step, a rule's factor, a share given to [Rule.TimeShare] and
	// an argument of [TopShare] or [MinRevenue]. 1.50 has two places.
	MaxPlaces = 18

	// MaxIntegerDigits is the most digits before the decimal point of a
	// revenue, a budget, a step or an argument of [MinRevenue]: every such
	// value is less than 10^30.
	MaxIntegerDigits = 30

	// MaxSteps is the most whole steps a budget may hold in
	// [Allocation.Plan]: budget / step is at most 10^18.
	MaxSteps = 1_000_000_000_000_000_000
)

// one is the decimal 1; nothing changes it.
var one = decimal.New(1, 0)

// checkBounds returns an error unless d has at most MaxPlaces decimal places
// as written and at most intDigits digits before the decimal point. It looks
// only at the exponent and the number of digits, so it is cheap on any value.
func checkBounds(d decimal.Decimal, intDigits int) error {
	_, err := boundsDigits(d, intDigits)
	return err
}

// boundsDigits is checkBounds that also returns the number of digits of the
// coefficient of d, 0 for zero.
func boundsDigits(d decimal.Decimal, intDigits int) (int, error) {
	exp := int64(d.Exponent())
	if -exp > MaxPlaces {
		return 0, fmt.Errorf("%s has %d decimal places, more than the %d allowed", quote(d), -exp, MaxPlaces)
	}
	if d.Sign() == 0 {
		// A zero written with a large exponent would be costly to print.
		if exp > int64(intDigits) {
			return 0, fmt.Errorf("%s has an exponent of %d, more than the %d allowed", quote(d), exp, intDigits)
		}
		return 0, nil
	}
	nd := d.NumDigits()
	if n := int64(nd) + exp; n > int64(intDigits) {
		return 0, fmt.Errorf("%s has %d digits before the decimal point, more than the %d allowed", quote(d), n, intDigits)
	}
	return nd, nil
}

// checkPlaces returns an error unless d has at most MaxPlaces decimal
// places and MaxIntegerDigits integer digits.
func checkPlaces(d decimal.Decimal) error {
	return checkBounds(d, MaxIntegerDigits)
}

// formatDecimal returns d exactly, in plain notation with the places it was
// written with ("0.50" stays "0.50"), whatever the decimal package's global
// settings say. Call it only on values whose bounds are checked.
func formatDecimal(d decimal.Decimal) string {
	places := max(-d.Exponent(), 0)
	return d.StringFixed(places)
}

// quote returns d for an error message. Unlike formatDecimal it is cheap on
// any value: one outside the bounds is shown as its coefficient, cut short
// if long, and its exponent.
func quote(d decimal.Decimal) string {
	exp := d.Exponent()
	if exp >= -MaxPlaces-2 && exp <= MaxIntegerDigits && d.NumDigits() <= 2*MaxIntegerDigits {
		return formatDecimal(d)
	}
	c := d.Coefficient().String()
	if len(c) > 2*MaxIntegerDigits {
		return fmt.Sprintf("%s...(%d digits)e%d", c[:MaxIntegerDigits], len(c), exp)
	}
	return fmt.Sprintf("%se%d", c, exp)
}

// pow10 returns 10^n for n >= 0.
func pow10(n int64) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(n), nil)
}

// scaled returns the coefficient of d at exponent exp, which must not be
// greater than the exponent of d: d = scaled(d, exp) x 10^exp.
func scaled(d decimal.Decimal, exp int32) *big.Int {
	if u, ok := scaled64(d, exp); ok {
		return new(big.Int).SetUint64(u)
	}
	c := d.Coefficient()
	if shift := int64(d.Exponent()) - int64(exp); shift > 0 {
		c.Mul(c, pow10(shift))
	}
	return c
}

// scaled64 returns scaled(d, exp) without math/big, for d >= 0, and
// reports whether it fits 63 bits; if not, the caller uses scaled.
func scaled64(d decimal.Decimal, exp int32) (uint64, bool) {
	shift := int64(d.Exponent()) - int64(exp)
	if d.Sign() < 0 || shift < 0 || shift >= int64(len(pow10s)) || d.NumDigits() > 18 {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(d.CoefficientInt64()), pow10s[shift])
	return lo, hi == 0 && lo <= math.MaxInt64
}
