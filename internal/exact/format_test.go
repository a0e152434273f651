package exact

import (
	"math/rand/v2"
	"testing"

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
