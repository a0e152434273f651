package exact

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// randomMargins returns n parts of m, some of them zero.
func randomMargins(r *rand.Rand, n int, m uint64) []uint64 {
	parts := make([]uint64, n)
	for range m {
		if r.IntN(5) > 0 || n == 1 {
			parts[r.IntN(n)]++
		} else {
			parts[0]++
		}
	}
	return parts
}

// The rounding of a small table is the one the rule picks among all the
// roundings, tried one by one.
func TestRoundTableAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 3))
	for iter := range 3000 {
		n, k := 1+r.IntN(3), 1+r.IntN(4)
		if iter%10 == 0 {
			n, k = 3, 4
		}
		m := uint64(r.IntN(40))
		rows, cols := randomMargins(r, n, m), randomMargins(r, k, m)
		got, err := RoundTable(rows, cols, m)
		if err != nil {
			t.Fatalf("%d: roundTable(%v, %v, %d): %v", iter, rows, cols, m, err)
		}
		want := oracleRound(rows, cols, m)
		if !slices.Equal(got, want) {
			t.Fatalf("%d: roundTable(%v, %v, %d) = %v, want %v", iter, rows, cols, m, got, want)
		}
	}
}

// oracleRound tries every rounding of the table and returns the first in
// the order of the rule: the one whose fractional cells, from the largest
// remainder down (then larger floor, earlier row, earlier column), are
// rounded up where the other is rounded down at the first difference.
func oracleRound(rows, cols []uint64, m uint64) []uint64 {
	n, k := len(rows), len(cols)
	out := make([]uint64, n*k)
	if m == 0 {
		return out
	}
	floor, rem := make([]uint64, n*k), make([]uint64, n*k)
	var frac []int
	for i := range n {
		for j := range k {
			c := i*k + j
			floor[c], rem[c] = rows[i]*cols[j]/m, rows[i]*cols[j]%m
			if rem[c] != 0 {
				frac = append(frac, c)
			}
		}
	}
	slices.SortFunc(frac, func(c, d int) int {
		switch {
		case rem[c] != rem[d]:
			return int(rem[d]) - int(rem[c])
		case floor[c] != floor[d]:
			return int(floor[d]) - int(floor[c])
		}
		return c - d
	})
	best := -1
	for mask := range 1 << len(frac) {
		cell := slices.Clone(floor)
		for b, c := range frac {
			if mask&(1<<(len(frac)-1-b)) != 0 { // the first cell is the top bit
				cell[c]++
			}
		}
		ok := true
		for i := range n {
			var sum uint64
			for j := range k {
				sum += cell[i*k+j]
			}
			ok = ok && sum == rows[i]
		}
		for j := range k {
			var sum uint64
			for i := range n {
				sum += cell[i*k+j]
			}
			ok = ok && sum == cols[j]
		}
		if ok && mask > best {
			best = mask
			copy(out, cell)
		}
	}
	return out
}
