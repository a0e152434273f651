package exact

import (
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// AppendFixed writes what StringFixed writes, on the values plans and
// shares have and on others.
func TestAppendFixed(t *testing.T) {
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
			d = decimal.New(r.Int64(), int32(r.IntN(30))-25)
		}
		places := max(-d.Exponent(), 0) + int32(r.IntN(3))
		if got, want := string(AppendFixed(nil, d, places)), d.StringFixed(places); got != want {
			t.Fatalf("AppendFixed(%v, %d) = %s, want %s", d, places, got, want)
		}
	}
}

// BenchmarkAppendFixed writes shares and amounts as a plan's JSON and text
// write them, by AppendFixed and by StringFixed alone.
//
//	go test -run='^$' -bench=AppendFixed -count=10 ./internal/exact
func BenchmarkAppendFixed(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	values := make([]decimal.Decimal, 1024)
	for i := range values {
		values[i] = decimal.New(r.Int64N(1_000_000_000_000), -12)
		if i%2 == 1 {
			values[i] = decimal.New(r.Int64N(10_000), -int32(r.IntN(3)))
		}
	}
	buf := make([]byte, 0, 64)
	b.Run("impl=AppendFixed", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			d := values[i%len(values)]
			buf = AppendFixed(buf[:0], d, max(-d.Exponent(), 0))
		}
	})
	b.Run("impl=StringFixed", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			d := values[i%len(values)]
			buf = append(buf[:0], d.StringFixed(max(-d.Exponent(), 0))...)
		}
	})
}

// shareBig is Share in math/big alone.
func shareBig(part, whole decimal.Decimal) decimal.Decimal {
	exp := min(part.Exponent(), whole.Exponent())
	n := Shifted(Scaled(part, exp), SharePlaces)
	return trimmed(roundHalfEven(n, Scaled(whole, exp)))
}

// Share's integer path gives what math/big gives, ties and all.
func TestShareFast(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 100_000 {
		whole := decimal.New(1+r.Int64N(1_000_000_000_000), -int32(r.IntN(15)))
		part := decimal.New(r.Int64N(1_000_000_000_000), -int32(r.IntN(15)))
		if part.GreaterThan(whole) {
			part, whole = whole, part
		}
		if whole.IsZero() {
			continue
		}
		if got, want := Share(part, whole), shareBig(part, whole); !got.Equal(want) || got.Exponent() != want.Exponent() {
			t.Fatalf("Share(%v, %v) = %v, want %v", part, whole, got, want)
		}
	}
	for _, tt := range [][3]string{{"1", "3", "0.333333333333"}, {"2", "3", "0.666666666667"}, {"1", "8", "0.125"},
		{"5", "10000000000000", "0"}, {"15", "10000000000000", "0.000000000002"}, {"25", "10000000000000", "0.000000000002"}, {"7", "7", "1"}} {
		part, whole := decimal.RequireFromString(tt[0]), decimal.RequireFromString(tt[1])
		if got := Share(part, whole); got.String() != tt[2] {
			t.Errorf("Share(%s, %s) = %v, want %s", tt[0], tt[1], got, tt[2])
		}
	}
}

// BenchmarkShare takes the shares a team's summary takes for each plan it
// adds, by Share and by math/big alone.
//
//	go test -run='^$' -bench=Share -count=10 ./internal/exact
func BenchmarkShare(b *testing.B) {
	part, whole := decimal.RequireFromString("1234567.25"), decimal.RequireFromString("98765432.50")
	b.Run("impl=Share", func(b *testing.B) {
		for b.Loop() {
			_ = Share(part, whole)
		}
	})
	b.Run("impl=big", func(b *testing.B) {
		for b.Loop() {
			_ = shareBig(part, whole)
		}
	})
}

// ratioBig is Ratio in math/big alone.
func ratioBig(x, y int64) decimal.Decimal {
	n := new(big.Int).Mul(big.NewInt(x), Pow10(SharePlaces))
	neg := n.Sign() < 0
	q := roundHalfEven(n.Abs(n), big.NewInt(y))
	if neg {
		q.Neg(q)
	}
	return trimmed(q)
}

// Ratio's integer path gives what math/big gives, ties, negative and
// huge ratios and all.
func TestRatioFast(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 100_000 {
		x, y := r.Int64N(1<<40)-1<<20, 1+r.Int64N(1<<40)
		switch r.IntN(4) {
		case 0:
			x = r.Int64() // ratios far above 2^64 / 10^12
		case 1:
			y = 1 + r.Int64N(1000)
		}
		if got, want := Ratio(x, y), ratioBig(x, y); !got.Equal(want) || got.Exponent() != want.Exponent() {
			t.Fatalf("Ratio(%d, %d) = %v, want %v", x, y, got, want)
		}
	}
	for _, tt := range [][3]int64{{1, 3, 0}, {1, 8, 0}, {5, 10_000_000_000_000, 0}, {15, 10_000_000_000_000, 0}} {
		if got, want := Ratio(tt[0], tt[1]), ratioBig(tt[0], tt[1]); !got.Equal(want) {
			t.Errorf("Ratio(%d, %d) = %v, want %v", tt[0], tt[1], got, want)
		}
	}
}

// BenchmarkRatio takes the ratio a review takes for each of its lines, by
// Ratio and by math/big alone.
//
//	go test -run='^$' -bench=Ratio -count=10 ./internal/exact
func BenchmarkRatio(b *testing.B) {
	x, y := int64(58*time.Hour), int64(35*time.Hour)
	b.Run("impl=Ratio", func(b *testing.B) {
		for b.Loop() {
			_ = Ratio(x, y)
		}
	})
	b.Run("impl=big", func(b *testing.B) {
		for b.Loop() {
			_ = ratioBig(x, y)
		}
	})
}
