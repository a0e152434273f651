package exact

// Names for the engine: duplicates found by hash, as a portfolio is built
// and as a reader finds the rows of one customer.

import (
	"hash/maphash"
)

// A nameSet finds customers with the same name in a portfolio of at most
// stackCustomers customers, as they are added in index order. It keeps a
// bit for each value of the low 16 bits of the names' hashes, and the high
// 32 bits of each hash. A name whose bit is clear is new, as nearly every
// name is, so the test is well predicted; one whose bit is set is compared
// with the earlier names whose hashes agree.
type nameSet struct {
	seed maphash.Seed
	seen [1 << 16 / 64]uint64
	tags [stackCustomers]uint32
}

// add adds the i-th customer, after the ones before it, and returns the
// index of the earliest customer with the same name, or -1 if there is
// none.
func (t *nameSet) add(name func(i int) string, i int) int {
	n := name(i)
	h := maphash.String(t.seed, n)
	tag := uint32(h >> 32)
	t.tags[i] = tag
	w, bit := uint16(h)/64, uint64(1)<<(h%64)
	if t.seen[w]&bit == 0 {
		t.seen[w] |= bit
		return -1
	}
	for j, other := range t.tags[:i] {
		if other == tag && name(j) == n {
			return j
		}
	}
	return -1
}

// findDuplicate returns the earliest customer whose name an earlier
// customer has, and the earliest customer with that name; or -1, -1. It
// sorts hashes, for portfolios too long for a nameSet, whose tags would
// not stay in the cache.
func findDuplicate(n int, name func(i int) string) (dup, first int) {
	keys, pooled := uint64Scratch.get(nil, n)
	defer uint64Scratch.put(pooled)
	scratch, pooledScratch := uint64Scratch.get(nil, n)
	defer uint64Scratch.put(pooledScratch)
	hashNames(maphash.MakeSeed(), n, name, keys)
	// Sorting on the top hash bits, as many whole radix digits as fit
	// twice the bits of the index, leaves runs of keys that share them:
	// about n^2 / 2^sortBits pairs. Only pairs whose whole 32-bit hashes
	// agree, about n^2 / 2^33, need their names compared.
	width := radixWidth(len(keys))
	sortBits := max(min(2*bitLen(uint64(len(keys))), 32)/width*width, width)
	low := 64 - sortBits
	radixSort(keys, scratch, low, 64)
	dup, first = -1, -1
	for start, j := 0, 1; j <= len(keys); j++ {
		if j < len(keys) && keys[j]>>low == keys[start]>>low {
			continue
		}
		// A run of equal hash bits. Customers with the same name have the
		// same hash, and sit in it in index order.
		for a := start + 1; a < j; a++ {
			later := int(uint32(keys[a]))
			if dup >= 0 && later >= dup {
				continue
			}
			for b := start; b < a; b++ {
				earlier := int(uint32(keys[b]))
				if keys[a]&hashMask == keys[b]&hashMask && name(earlier) == name(later) {
					dup, first = later, earlier
					break
				}
			}
		}
		start = j
	}
	return dup, first
}

// hashMask keeps the hash in a key made by hashNames.
const hashMask = ^uint64(1<<32 - 1)

// hashNames sets keys[i] to the hash of the i-th of n names in its high 32
// bits and i in its low 32 bits.
func hashNames(seed maphash.Seed, n int, name func(i int) string, keys []uint64) {
	for i := range n {
		keys[i] = maphash.String(seed, name(i))&hashMask | uint64(i)
	}
}

// RepeatedNames calls found(later, first) for each i < n whose name(i) a
// position before it has, with first the first position of that name, in
// no particular order. It sorts hashes, as findDuplicate does, rather than
// keep a map of every name.
func RepeatedNames(n int, name func(i int) string, found func(later, first int)) {
	if n < 2 {
		return
	}
	keys, pooled := uint64Scratch.get(nil, n)
	defer uint64Scratch.put(pooled)
	scratch, pooledScratch := uint64Scratch.get(nil, n)
	defer uint64Scratch.put(pooledScratch)
	seed := maphash.MakeSeed()
	for i := range n {
		keys[i] = maphash.String(seed, name(i))&hashMask | uint64(i)
	}
	radixSort(keys, scratch, 32, 64)
	for start, j := 0, 1; j <= n; j++ {
		if j < n && keys[j]&hashMask == keys[start]&hashMask {
			continue
		}
		// A run of equal hashes, in index order: each name is compared
		// with the first of each name before it.
		run := keys[start:j]
		for a := 1; a < len(run); a++ {
			later := int(uint32(run[a]))
			for b := range a {
				first := int(uint32(run[b]))
				if name(first) == name(later) {
					found(later, first) // the earliest of its name: they are in index order
					break
				}
			}
		}
		start = j
	}
}
