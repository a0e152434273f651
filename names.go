package salestime

// Names for the engine: duplicates found by hash, the index of Lookup, and
// a fast test of the common names. A reader of the rule can skip this file.

import (
	"hash/maphash"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
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
func (t *nameSet) add(customers []Customer, i int) int {
	name := customers[i].Name
	h := maphash.String(t.seed, name)
	tag := uint32(h >> 32)
	t.tags[i] = tag
	w, bit := uint16(h)/64, uint64(1)<<(h%64)
	if t.seen[w]&bit == 0 {
		t.seen[w] |= bit
		return -1
	}
	for j, other := range t.tags[:i] {
		if other == tag && customers[j].Name == name {
			return j
		}
	}
	return -1
}

// findDuplicate returns the earliest customer whose name an earlier
// customer has, and the earliest customer with that name; or -1, -1. It
// sorts hashes, for portfolios too long for a nameSet, whose tags would
// not stay in the cache.
func findDuplicate(customers []Customer) (dup, first int) {
	keys, pooled := uint64Scratch.get(nil, len(customers))
	defer uint64Scratch.put(pooled)
	scratch, pooledScratch := uint64Scratch.get(nil, len(customers))
	defer uint64Scratch.put(pooledScratch)
	hashNames(maphash.MakeSeed(), customers, keys)
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
				if keys[a]&hashMask == keys[b]&hashMask && customers[earlier].Name == customers[later].Name {
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

// hashNames sets keys[i] to the hash of the i-th customer's name in its
// high 32 bits and i in its low 32 bits.
func hashNames(seed maphash.Seed, customers []Customer, keys []uint64) {
	for i, c := range customers {
		keys[i] = maphash.String(seed, c.Name)&hashMask | uint64(i)
	}
}

// printableASCII reports whether s is all printable ASCII, 0x20 to 0x7e.
// It tests eight bytes at once, as one word: names are checked on the way
// into every portfolio.
func printableASCII(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; len(s) >= 8; s = s[8:] {
		x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		below := (x - 0x20*ones) &^ x // a byte below 0x20 sets its top bit
		above := (x + ones) | x       // a byte above 0x7e sets its top bit
		if (below|above)&highs != 0 {
			return false
		}
	}
	for i := range len(s) {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// A nameIndex finds a customer by name, from a map made on first use.
type nameIndex struct {
	once sync.Once
	at   map[string]int
}

// find returns the position of the customer called name in customers,
// which must be the same on every call, and reports whether there is one.
func (x *nameIndex) find(names []string, name string) (int, bool) {
	x.once.Do(func() {
		x.at = make(map[string]int, len(names))
		for i, n := range names {
			x.at[n] = i
		}
	})
	i, ok := x.at[name]
	return i, ok
}

// repeatedNames calls found(later, first) for each i < n whose name(i) a
// position before it has, with first the first position of that name, in
// no particular order. It sorts hashes, as findDuplicate does, rather than
// keep a map of every name.
func repeatedNames(n int, name func(i int) string, found func(later, first int)) {
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

// nameKey returns name as names are matched when they may be one name
// written two ways: in lower case, without accents, and with each run of
// white space within it one space. Two names with the same key differ only
// in case, accents or spaces: "Alex  Rivera", "alex rivera", "Álex Rivera".
func nameKey(name string) string {
	if printableASCII(name) && !strings.Contains(name, "  ") {
		return strings.ToLower(name) // the common case
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, name)
	if err != nil {
		out = name
	}
	return strings.ToLower(strings.Join(strings.Fields(out), " "))
}
