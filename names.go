package salestime

// Names: a fast test of the common names, the index of Lookup, and the
// key by which two spellings of one name are found.

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

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
