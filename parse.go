package salestime

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/salestime/salestime/internal/exact"
	"github.com/shopspring/decimal"
)

// maxNumberDigits is the most digits parseNumber reads: any number with more
// is outside the bounds anyway.
const maxNumberDigits = 2 * (MaxIntegerDigits + MaxPlaces)

// A numberError reports text that is not a decimal number.
type numberError struct {
	text   string
	reason string
}

func (e *numberError) Error() string {
	if len(e.text) > 64 {
		return fmt.Sprintf("%q... is not a decimal number: %s", e.text[:64], e.reason)
	}
	return fmt.Sprintf("%q is not a decimal number: %s", e.text, e.reason)
}

// parseNumber reads a number in the JSON syntax: an optional minus sign,
// digits, an optional fraction and an optional exponent, as in -12.5e3.
// Unlike decimal.NewFromString it reads no global setting and it refuses
// numbers far outside the bounds before doing any arithmetic.
func parseNumber(s string) (decimal.Decimal, error) {
	mant, expPart, hasExp := strings.Cut(strings.ToLower(s), "e")
	exp := int64(0)
	if hasExp {
		e, err := strconv.ParseInt(expPart, 10, 32)
		if err != nil || expPart == "" || expPart[0] == '+' && len(expPart) == 1 {
			return decimal.Decimal{}, &numberError{s, "bad exponent"}
		}
		if e > maxNumberDigits || e < -maxNumberDigits {
			return decimal.Decimal{}, &numberError{s, "exponent out of range"}
		}
		exp = e
	}
	return parsePlain(s, mant, '.', exp)
}

// parsePlain reads mant, an optional minus sign, digits and an optional
// fraction after point, times 10^exp. s is the whole text, for errors.
func parsePlain(s, mant string, point byte, exp int64) (decimal.Decimal, error) {
	neg := strings.HasPrefix(mant, "-")
	if neg {
		mant = mant[1:]
	}
	intPart, frac, hasPoint := strings.Cut(mant, string(point))
	if intPart == "" || hasPoint && frac == "" {
		return decimal.Decimal{}, &numberError{s, "digits missing"}
	}
	digits := intPart + frac
	for i := range len(digits) {
		if digits[i] < '0' || digits[i] > '9' {
			return decimal.Decimal{}, &numberError{s, fmt.Sprintf("unexpected %q", rune(digits[i]))}
		}
	}
	digits = strings.TrimLeft(digits, "0")
	if len(digits) > maxNumberDigits {
		return decimal.Decimal{}, &numberError{s, fmt.Sprintf("more than %d digits", maxNumberDigits)}
	}
	c := new(big.Int)
	if digits != "" {
		c.SetString(digits, 10)
	}
	if neg {
		c.Neg(c)
	}
	// A positive exponent, as in 2e1, is written out: 20 is read as it
	// will be written.
	e := exp - int64(len(frac))
	if e > 0 {
		c.Mul(c, exact.Pow10(e))
		e = 0
	}
	return decimal.NewFromBigInt(c, int32(e)), nil
}
