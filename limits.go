package salestime

import (
	"fmt"
	"math"
	"math/bits"

	"github.com/salestime/salestime/internal/exact"
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

const (
	// maxNameBytes is the most bytes of a name, of a customer or an owner:
	// a name of more than 4 KB is not a customer's, and would be written
	// back into every report.
	maxNameBytes = 4096

	// maxRecordBytes is the most bytes of a row of CSV, all its fields and
	// delimiters: a longer one is refused before it is held whole.
	maxRecordBytes = 1 << 20
)

// checkBounds returns an error unless d has at most MaxPlaces decimal places
// as written and at most intDigits digits before the decimal point. It looks
// only at the exponent and the number of digits, so it is cheap on any value.
func checkBounds(d decimal.Decimal, intDigits int) error {
	_, err := boundsDigits(d, intDigits)
	return err
}

// maxCoefficientBits is the most bits of the coefficient of a number within
// the bounds: it has at most MaxIntegerDigits + MaxPlaces digits, and
// 10^48 < 2^160.
const maxCoefficientBits = 160

// boundsDigits is checkBounds that also returns the number of digits of the
// coefficient of d, 0 for zero. It counts digits, which costs time that
// grows faster than the length of the number, only for a coefficient short
// enough to be within the bounds.
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
	if exp >= int64(intDigits) {
		return 0, fmt.Errorf("%s has at least %d digits before the decimal point, more than the %d allowed", quote(d), exp+1, intDigits)
	}
	nd, ok := smallDigits(d)
	if !ok {
		if n := coefficientBits(d); n > maxCoefficientBits {
			return 0, fmt.Errorf("%s has at least %d digits before the decimal point, more than the %d allowed",
				quote(d), leastDigits(n)+exp, intDigits)
		}
		nd = d.NumDigits() // at most 49 digits: cheap
	}
	if n := int64(nd) + exp; n > int64(intDigits) {
		return 0, fmt.Errorf("%s has %d digits before the decimal point, more than the %d allowed", quote(d), n, intDigits)
	}
	return nd, nil
}

// smallDigits returns the number of digits of the coefficient of d, a
// number other than zero with an exponent within the bounds, and reports
// whether it fits an int64; if not, it returns 0 and false, at a cost that
// does not depend on the length of d.
func smallDigits(d decimal.Decimal) (int, bool) {
	b := &int64Bounds[d.Exponent()+MaxPlaces]
	if s := d.Sign(); s > 0 && d.Cmp(b[1]) > 0 || s < 0 && d.Cmp(b[0]) < 0 {
		return 0, false
	}
	c := d.CoefficientInt64()
	return exact.Digits(uint64(max(c, -c))), true
}

// int64Bounds[e+MaxPlaces] holds -MaxInt64 x 10^e and MaxInt64 x 10^e, for
// the exponents e of numbers within the bounds. Decimals of one exponent
// compare in time that does not depend on their length, so comparing with
// them tells cheaply whether a coefficient fits an int64.
var int64Bounds = func() (t [MaxPlaces + MaxIntegerDigits + 1][2]decimal.Decimal) {
	for i := range t {
		e := int32(i - MaxPlaces)
		t[i] = [2]decimal.Decimal{decimal.New(-math.MaxInt64, e), decimal.New(math.MaxInt64, e)}
	}
	return t
}()

// coefficientBits returns the number of bits of the coefficient of d,
// without its sign. It copies the coefficient only where it does not fit
// an int64.
func coefficientBits(d decimal.Decimal) int {
	if i := int(d.Exponent()) + MaxPlaces; i >= 0 && i < len(int64Bounds) && d.Sign() != 0 {
		if _, ok := smallDigits(d); ok {
			c := d.CoefficientInt64()
			return bits.Len64(uint64(max(c, -c)))
		}
	}
	return d.Coefficient().BitLen()
}

// leastDigits returns the fewest decimal digits of a number of n bits,
// n >= 1: those of 2^(n-1).
func leastDigits(n int) int64 {
	return int64(float64(n-1)*math.Log10(2)) + 1
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
// if long, and its exponent, and one far outside them by its length.
func quote(d decimal.Decimal) string {
	exp := d.Exponent()
	bits := coefficientBits(d)
	if bits > 8*maxCoefficientBits {
		return fmt.Sprintf("(a number of %d or more digits)e%d", leastDigits(bits), exp)
	}
	if exp >= -MaxPlaces-2 && exp <= MaxIntegerDigits && d.NumDigits() <= 2*MaxIntegerDigits {
		return formatDecimal(d)
	}
	c := d.Coefficient().String()
	if len(c) > 2*MaxIntegerDigits {
		return fmt.Sprintf("%s...(%d digits)e%d", c[:MaxIntegerDigits], len(c), exp)
	}
	return fmt.Sprintf("%se%d", c, exp)
}
