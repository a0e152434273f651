package exact

import (
	"testing"

	"github.com/shopspring/decimal"
)

// A slice given back to a scratch pool is the one the next call gets, its
// elements as they were left: the pool saves the allocation, and callers
// must write every element they read (TestScratchReuse holds them to it).
func TestScratchPoolReuses(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop what it is given")
	}
	var sp scratchPool[uint64]
	for range 10 { // a collection between put and get empties the pool: try again
		s, h := sp.get(nil, 5000)
		s[0] = 42
		sp.put(h)
		again, h2 := sp.get(nil, 5000)
		sp.put(h2)
		if h2 == h && again[0] == 42 {
			return
		}
	}
	t.Error("a scratch pool never gave back the slice it was given")
}

// Amounts of small coefficients are shared, and cost no allocation: a plan
// of many key customers with a few hours each makes few decimals.
func TestAmountsShared(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocations")
	}
	for _, step := range []decimal.Decimal{decimal.New(1, 0), decimal.New(5, -1), decimal.New(25, -2)} {
		of := NewAmounts(step)
		for _, count := range []uint64{0, 7, 100, 1000} {
			want := decimal.NewFromInt(int64(count)).Mul(step)
			if c := count * uint64(step.CoefficientInt64()); c >= sharedCoefficients {
				continue
			}
			if got := of.Amount(count); !got.Equal(want) {
				t.Errorf("Amount(%d) of %v = %v, want %v", count, step, got, want)
			}
			if allocs := testing.AllocsPerRun(100, func() { _ = of.Amount(count) }); allocs != 0 {
				t.Errorf("Amount(%d) of %v allocates %v times, want a shared decimal", count, step, allocs)
			}
		}
	}
}
