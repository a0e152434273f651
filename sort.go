package salestime

import (
	"math/bits"
	"slices"
)

// radixMin is the length below which radixSort leaves the work to
// slices.Sort, which is faster on short slices.
const radixMin = 64

// radixSort sorts keys by their bits from lo up to hi (lo inclusive), in a
// stable least-significant-digit radix sort that uses scratch, of the same
// length, as its second buffer. Keys that are equal in those bits keep their
// order. It skips a digit on which every key agrees.
func radixSort(keys, scratch []uint64, lo, hi uint) {
	if len(keys) < radixMin {
		// Sorting whole keys keeps the order of keys equal in the sorted
		// bits only where the bits below lo hold that order, as they do
		// for every caller: an index in the input.
		slices.Sort(keys)
		return
	}
	// Digits of 8 bits for short slices, of 11 for long ones: the
	// counters stay in the first-level cache either way.
	width := uint(8)
	if len(keys) >= 1<<14 {
		width = 11
	}
	src, dst := keys, scratch[:len(keys)]
	var counts [1 << 11]int
	for shift := lo; shift < hi; shift += width {
		mask := uint64(1)<<min(width, hi-shift) - 1
		count := counts[:mask+1]
		clear(count)
		for _, k := range src {
			count[k>>shift&mask]++
		}
		if count[src[0]>>shift&mask] == len(src) {
			continue // every key has this digit
		}
		sum := 0
		for i, c := range count {
			count[i], sum = sum, sum+c
		}
		for _, k := range src {
			d := k >> shift & mask
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}

// bitLen returns the number of bits of x.
func bitLen(x uint64) uint {
	return uint(bits.Len64(x))
}

// selectTop reorders items so that its first k are the k greatest under
// less, in no particular order, in time linear on average. less must be a
// strict total order.
func selectTop[T any](items []T, k int, less func(a, b T) bool) {
	if k <= 0 || k >= len(items) {
		return
	}
	lo, hi := 0, len(items)
	// After depth partitions, which random data never needs, the rest is
	// sorted instead, so the worst case is n log n.
	for depth := 2 * bits.Len(uint(len(items))); hi-lo > 16 && depth > 0; depth-- {
		// Median of three as the pivot, moved to lo.
		mid := lo + (hi-lo)/2
		a, b, c := lo, mid, hi-1
		if less(items[a], items[b]) {
			a, b = b, a
		}
		if less(items[b], items[c]) {
			b = c // c is above b; b stays the median if a is above c
			if less(items[a], items[b]) {
				b = a
			}
		}
		items[lo], items[b] = items[b], items[lo]
		pivot := items[lo]
		// Greater items first: [lo+1, i) are greater than the pivot.
		i := lo + 1
		for j := lo + 1; j < hi; j++ {
			if less(pivot, items[j]) {
				items[i], items[j] = items[j], items[i]
				i++
			}
		}
		items[lo], items[i-1] = items[i-1], items[lo]
		p := i - 1 // the pivot's place
		switch {
		case p == k || p == k-1:
			return
		case p > k:
			hi = p
		default:
			lo = p + 1
		}
	}
	slices.SortFunc(items[lo:hi], func(a, b T) int {
		switch {
		case less(b, a):
			return -1
		case less(a, b):
			return 1
		}
		return 0
	})
}
