package textout

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// The integer formatting of percentages and bars agrees with the decimal
// package's on the values plans and shares have, and on others.
func TestFormatting(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 100_000 {
		var d decimal.Decimal
		switch r.IntN(4) {
		case 0:
			d = decimal.New(r.Int64N(1_000_000_000_001), -12) // a share
		case 1:
			d = decimal.New(r.Int64N(1000), -int32(r.IntN(4))) // a small one
		case 2:
			d = decimal.New(r.Int64N(1_000_000_000)-500_000_000, -int32(r.IntN(19)))
		default:
			d = decimal.New(r.Int64(), -int32(r.IntN(25)))
		}
		if d.Sign() < 0 || d.GreaterThan(decimal.New(1, 0)) {
			continue
		}
		if got, want := Percent(d), d.Shift(2).StringFixedBank(1)+"%"; got != want {
			t.Fatalf("Percent(%v) = %s, want %s", d, got, want)
		}
		if got, want := eighths(d), int(d.Mul(decimal.New(8*barWidth, 0)).Round(0).IntPart()); got != want {
			t.Fatalf("eighths(%v) = %d, want %d", d, got, want)
		}
	}
}
