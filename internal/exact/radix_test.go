package exact

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestRadixSort(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, n := range []int{1, 2, 63, 64, 100, 1000, 20000} {
		for _, bits := range []uint{1, 8, 11, 20, 37, 64} {
			keys := make([]uint64, n)
			for i := range keys {
				keys[i] = r.Uint64()
				if bits < 64 {
					keys[i] &= 1<<bits - 1
				}
				if r.IntN(4) == 0 && i > 0 {
					keys[i] = keys[i-1] // ties
				}
			}
			want := slices.Clone(keys)
			slices.Sort(want)
			radixSort(keys, make([]uint64, n), 0, bits)
			if !slices.Equal(keys, want) {
				t.Fatalf("radixSort(n=%d, bits=%d) is not sorted", n, bits)
			}
		}
	}
}

// Sorting on the high bits only keeps the order keys had, whatever their
// low bits.
func TestRadixSortStable(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for _, n := range []int{2, 63, 64, 5000, 20000} {
		for _, up := range []bool{true, false} {
			keys := make([]uint64, n)
			for i := range keys {
				low := uint64(i)
				if !up {
					low = uint64(n - i)
				}
				keys[i] = uint64(r.IntN(50))<<32 | low
			}
			want := slices.Clone(keys)
			slices.SortStableFunc(want, func(a, b uint64) int { return cmp.Compare(a>>32, b>>32) })
			radixSort(keys, make([]uint64, n), 32, 64)
			if !slices.Equal(keys, want) {
				t.Fatalf("radixSort(n=%d, low bits rising=%v) on the high bits did not keep the order of equal keys", n, up)
			}
		}
	}
}

func TestSelectTop(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	// The order selectTop means, written out.
	less := func(a, b remainder) bool {
		return a.rem < b.rem || a.rem == b.rem && (a.floor < b.floor || a.floor == b.floor && a.j > b.j)
	}
	for _, n := range []int{0, 1, 2, 10, 17, 100, 5000} {
		for _, spread := range []int{1, 3, 1000000} {
			items := make([]remainder, n)
			for i := range items {
				items[i] = remainder{rem: uint64(r.IntN(spread)), floor: uint64(r.IntN(spread)), j: i}
				if spread == 1000000 && i%2 == 0 {
					items[i].rem = math.MaxUint64 - items[i].rem // the top bit set
				}
			}
			want := slices.Clone(items)
			slices.SortFunc(want, func(a, b remainder) int {
				switch {
				case less(b, a):
					return -1
				case less(a, b):
					return 1
				}
				return 0
			})
			for _, k := range []int{0, 1, n / 2, n - 1, n} {
				if k < 0 || k > n {
					continue
				}
				got := slices.Clone(items)
				selectTop(got, k)
				top := slices.Clone(got[:k])
				slices.SortFunc(top, func(a, b remainder) int { return a.j - b.j })
				wantTop := slices.Clone(want[:k])
				slices.SortFunc(wantTop, func(a, b remainder) int { return a.j - b.j })
				if !slices.Equal(top, wantTop) {
					t.Fatalf("selectTop(n=%d, spread=%d, k=%d) picked %v, want %v", n, spread, k, top, wantTop)
				}
			}
		}
	}
}
