package exact

// Sorting and selection for the engine: a radix sort of packed keys, and a
// selection of the largest remainders without branches. A reader of the
// rule can skip this file; exact.go says where they are used.

import (
	"cmp"
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
		mask := (uint64(1)<<(hi-lo) - 1) << lo // 1<<64 is 0: all bits
		slices.SortStableFunc(keys, func(a, b uint64) int { return cmp.Compare(a&mask, b&mask) })
		return
	}
	if radixWidth(len(keys)) == 8 {
		var counts [1 << 8]int
		radixPasses(keys, scratch, lo, hi, 8, counts[:])
	} else {
		var counts [1 << 11]int
		radixPasses(keys, scratch, lo, hi, 11, counts[:])
	}
}

// radixWidth returns the bits of each digit radixSort uses on n keys: 8
// for short slices, 11 from 2,048 keys, where a pass fewer pays for the
// counters.
func radixWidth(n int) uint {
	if n < 1<<11 {
		return 8
	}
	return 11
}

// radixPasses is radixSort on digits of width bits, with len(counts) =
// 2^width.
func radixPasses(keys, scratch []uint64, lo, hi, width uint, counts []int) {
	src, dst := keys, scratch[:len(keys)]
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

// A remainder is the remainder of the j-th share or quota, and its floor.
type remainder struct {
	rem, floor uint64
	j          int
}

// above returns 1 if x comes before y, else 0: if it has the larger
// remainder, then the larger floor, then the smaller j. It does not branch,
// since which way a comparison goes is as good as random.
func above(x, y remainder) uint64 {
	// The borrow out of (y.rem, y.floor, ^y.j) - (x.rem, x.floor, ^x.j).
	_, b := bits.Sub64(^uint64(y.j), ^uint64(x.j), 0)
	_, b = bits.Sub64(y.floor, x.floor, b)
	_, b = bits.Sub64(y.rem, x.rem, b)
	return b
}

// selectTop reorders items so that its first k are the k that come first
// under above, in no particular order, in time linear on average. The j of
// the items must differ.
//
// It first sorts the items into 256 buckets by the top bits of their
// remainders, which are as good as uniform below the divisor. The buckets
// above the one that holds the k-th item are in, those below it out, and
// only that bucket, one item or so, is left to quickSelect. Remainders that
// are all alike leave all the work to quickSelect, which is never worse.
func selectTop(items []remainder, k int) {
	if k <= 0 || k >= len(items) {
		return
	}
	if len(items) < 32 {
		quickSelect(items, k)
		return
	}
	var top uint64
	for _, it := range items {
		top = max(top, it.rem)
	}
	shift := uint(max(bits.Len64(top), 8) - 8)
	var counts [256]int
	for _, it := range items {
		counts[it.rem>>shift]++
	}
	// b is the bucket of the k-th item, and before the number in the
	// buckets above it.
	b, before := uint64(len(counts)-1), 0
	for before+counts[b] < k {
		before += counts[b]
		b--
	}
	// Move those above bucket b to the front, then those in it after
	// them, without branching. Each loop reads the item before the swap,
	// so that the comparison does not wait on the store before it.
	i := 0
	for j, x := range items {
		_, in := bits.Sub64(b, x.rem>>shift, 0) // b < bucket
		items[j] = items[i]
		items[i] = x
		i += int(in)
	}
	m := i
	for j := i; j < len(items); j++ {
		x := items[j]
		_, below := bits.Sub64(x.rem>>shift, b, 0) // bucket < b
		items[j] = items[m]
		items[m] = x
		m += 1 - int(below)
	}
	quickSelect(items[i:m], k-i)
}

// quickSelect is selectTop by partitions around a median of three.
func quickSelect(items []remainder, k int) {
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
		if above(items[b], items[a]) == 1 {
			a, b = b, a
		}
		if above(items[c], items[b]) == 1 {
			// c comes before b: the median is c, or a if c comes
			// before a too.
			b = c
			if above(items[b], items[a]) == 1 {
				b = a
			}
		}
		items[lo], items[b] = items[b], items[lo]
		pivot := items[lo]
		// Those above the pivot first: [lo+1, i) are above it. Every item
		// is swapped, and i moves by the comparison, without a branch.
		i := lo + 1
		for j := lo + 1; j < hi; j++ {
			x := items[j] //nolint:gocritic // read before the swap, as in selectTop
			items[j] = items[i]
			items[i] = x
			i += int(above(x, pivot))
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
	slices.SortFunc(items[lo:hi], func(a, b remainder) int {
		return int(above(b, a)) - int(above(a, b))
	})
}

// Apportion splits m steps in proportion to weights, which add up to total
// > 0, by the package's one rule of rounding: each gets its quota rounded
// down, and the steps left go to the largest remainders, then the larger
// quotas, then the earlier weights.
func Apportion(m uint64, weights []uint64, total uint64) []uint64 {
	out := make([]uint64, len(weights))
	if m == 0 {
		return out
	}
	items := make([]remainder, len(weights))
	var sum uint64
	for j, w := range weights {
		hi, lo := bits.Mul64(m, w)
		out[j], items[j].rem = bits.Div64(hi, lo, total) // hi < total: w <= total
		items[j].floor, items[j].j = out[j], j
		sum += out[j]
	}
	roundUp(out, items, int(m-sum))
	return out
}
