package salestime

import (
	"cmp"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// A Customer is one account of a salesperson. The zero Customer has a blank
// name, which [NewPortfolio] refuses.
type Customer struct {
	// Name identifies the customer, such as the account name or id in the
	// CRM. It is unique in a portfolio and must not be blank.
	Name string `json:"name"`

	// Revenue is what the customer brings over the period, turnover or
	// margin, in any currency as long as it is the same for every customer
	// of a portfolio. For a new customer it is the revenue expected. It must
	// not be negative. In JSON it is a string.
	Revenue decimal.Decimal `json:"revenue"`

	// New reports whether the customer is new, its revenue expected rather
	// than earned: the new-customer rule applies to it.
	New bool `json:"new,omitempty"`

	// Key reports whether the customer was marked key by hand. Only the
	// [Marked] selector reads it.
	Key bool `json:"key,omitempty"`
}

// A Portfolio is the set of customers of one salesperson, in portfolio
// order: largest revenue first, customers with equal revenue by name in byte
// order. That order depends only on the customers, never on the order they
// were given in.
//
// A Portfolio is immutable: [NewPortfolio] copies the customers it is given
// and [Portfolio.Customers] returns a copy. It is safe for concurrent use.
// The zero Portfolio is the empty one.
type Portfolio struct {
	d *portfolioData // nil in the empty portfolio
}

// portfolioData is what a Portfolio holds. Revenues are kept as integers at
// an exponent they share: Revenue = unit x 10^exp. Where every unit and
// their total fit an int64, as they do for nearly all real data, units
// holds them; otherwise bigUnits does, and the arithmetic is done in
// math/big. Both give the same results.
type portfolioData struct {
	customers []Customer // portfolio order
	exp       int32
	units     []uint64   // nil on the math/big path; each at most MaxInt64
	total     uint64     // the sum of units, at most MaxInt64
	bigUnits  []*big.Int // nil on the int64 path
	bigTotal  *big.Int   // the sum of units, on the math/big path
	revenue   decimal.Decimal
	positive  int // customers with revenue above zero: the first ones

	// For Lookup, made on its first call: hash<<32 | position for every
	// customer, sorted by hash.
	lookupOnce sync.Once
	seed       maphash.Seed
	byHash     []uint64
}

// maxCustomers is the most customers a portfolio may have, so that every
// index fits 31 bits.
const maxCustomers = math.MaxInt32

// NewPortfolio returns the portfolio of the given customers.
//
// NewPortfolio returns an error, naming the first customer at fault, if:
//   - a customer's name is empty, begins or ends with white space, or is
//     not valid UTF-8 or has a control character or a line break in it:
//     [ErrInvalidCustomer];
//   - a revenue is negative or has more than [MaxPlaces] decimal places or
//     [MaxIntegerDigits] integer digits: [ErrInvalidRevenue];
//   - two customers have the same name: [ErrDuplicateCustomer]. The error
//     names the earliest customer whose name an earlier one has, and the
//     earliest customer with that name.
//
// Names and revenues are checked for every customer before names are
// compared: a blank name or a bad revenue is reported before a duplicate,
// wherever each is.
//
// Names are compared byte for byte: "Acme" and "ACME" are different
// customers. No customers, or customers that all have zero revenue, make a
// valid portfolio in which all time goes to the rest.
func NewPortfolio(customers ...Customer) (Portfolio, error) {
	n := len(customers)
	if n == 0 {
		return Portfolio{}, nil
	}
	if n > maxCustomers {
		return Portfolio{}, fmt.Errorf("%w: %d customers, more than the %d allowed", ErrInvalidCustomer, n, maxCustomers)
	}
	// units first holds the coefficients of the revenues, where they
	// have at most 18 digits, then the revenues at the shared exponent.
	units := make([]uint64, n)
	var names *nameSet // finds duplicates in small portfolios as it goes
	if n <= stackCustomers {
		names = &nameSet{seed: maphash.MakeSeed()}
	}
	exp := int32(0)
	short := true // every coefficient has at most 18 digits
	dup, first := -1, -1
	for i := range customers {
		c := &customers[i]
		if err := checkName(c.Name); err != nil {
			return Portfolio{}, fmt.Errorf("%w: customers[%d] %s: %w", ErrInvalidCustomer, i, quoteText(c.Name), err)
		}
		nd, err := boundsDigits(c.Revenue, MaxIntegerDigits)
		if err != nil {
			return Portfolio{}, fmt.Errorf("%w: customer %s: revenue %w", ErrInvalidRevenue, quoteText(c.Name), err)
		}
		if c.Revenue.Sign() < 0 {
			return Portfolio{}, fmt.Errorf("%w: customer %s has negative revenue %s", ErrInvalidRevenue, quoteText(c.Name), formatDecimal(c.Revenue))
		}
		e := c.Revenue.Exponent()
		exp = min(exp, e)
		if nd <= 18 {
			units[i] = uint64(c.Revenue.CoefficientInt64())
		} else {
			short = false
		}
		if names != nil && dup < 0 {
			// A blank name or a bad revenue further on is still
			// reported first, as in a portfolio too long for a nameSet.
			if f := names.add(customers, i); f >= 0 {
				dup, first = i, f
			}
		}
	}
	var scratchBuf [stackCustomers]uint64 // the radix sort's second buffer
	scratch, pooled := uint64Scratch.get(scratchBuf[:], n)
	defer uint64Scratch.put(pooled)
	if names == nil {
		dup, first = findDuplicate(customers, scratch)
	}
	if dup >= 0 {
		return Portfolio{}, fmt.Errorf("%w: customers[%d] and customers[%d] are both named %s",
			ErrDuplicateCustomer, first, dup, quoteText(customers[dup].Name))
	}

	d := &portfolioData{exp: exp, customers: make([]Customer, n)}
	var total, maxU, minU uint64
	ok := false
	if short {
		total, maxU, minU, ok = smallUnits(customers, exp, units)
	}
	if ok {
		d.units, d.total = units, total
		sortSmall(customers, units, maxU, minU, scratch, d.customers)
		d.revenue = decimal.New(int64(total), exp)
	} else {
		d.bigUnits, d.bigTotal = sortBig(customers, exp, d.customers)
		d.revenue = decimal.NewFromBigInt(d.bigTotal, exp)
	}
	// Revenues fall in portfolio order, so the zeros come last.
	d.positive = sort.Search(n, Portfolio{d}.isZero)
	return Portfolio{d}, nil
}

// checkName returns an error unless name is a name NewPortfolio takes: not
// blank, without white space at either end, and valid UTF-8 without
// control characters or line breaks. Such a name is written and read back
// by every reader and writer unchanged.
func checkName(name string) error {
	if name != "" && printableASCII(name) && name[0] != ' ' && name[len(name)-1] != ' ' {
		return nil // the common case
	}
	if strings.TrimFunc(name, unicode.IsSpace) == "" {
		return errors.New("the name is blank")
	}
	for i, r := range name {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(name[i:], "\uFFFD"):
			return fmt.Errorf("the name is not valid UTF-8 at byte %d", i)
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			return fmt.Errorf("the name has the control character %U at byte %d", r, i)
		}
	}
	if startsWithSpace(name) || endsWithSpace(name) {
		return errors.New("the name begins or ends with white space")
	}
	return nil
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

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

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
// uses scratch, of the length of customers. It sorts hashes, for
// portfolios too long for a nameSet, whose tags would not stay in the
// cache.
func findDuplicate(customers []Customer, scratch []uint64) (dup, first int) {
	keys, pooled := uint64Scratch.get(nil, len(customers))
	defer uint64Scratch.put(pooled)
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

// pow10s holds 10^0 to 10^19, the powers of ten a uint64 holds.
var pow10s = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// smallUnits turns units, the coefficients of the revenues of customers,
// into the revenues at exponent exp, which is at most the exponent of each,
// and returns their total, largest and smallest. It reports whether they
// and their total all fit an int64; if not, units is left part done.
func smallUnits(customers []Customer, exp int32, units []uint64) (total, maxU, minU uint64, ok bool) {
	minU = math.MaxUint64
	for i, c := range customers {
		u := units[i]
		if shift := int(c.Revenue.Exponent() - exp); shift != 0 && u != 0 {
			if shift >= len(pow10s) {
				return 0, 0, 0, false
			}
			var hi uint64
			if hi, u = bits.Mul64(u, pow10s[shift]); hi != 0 {
				return 0, 0, 0, false
			}
			units[i] = u
		}
		// Both are at most MaxInt64, so the sum does not wrap.
		if total += u; u > math.MaxInt64 || total > math.MaxInt64 {
			return 0, 0, 0, false
		}
		maxU, minU = max(maxU, u), min(minU, u)
	}
	return total, maxU, minU, true
}

// sortSmall puts customers in portfolio order on the int64 path, given
// their units: it sets dst to the customers in that order, and units to the
// units in that order. It packs each revenue, as an offset that sorts
// largest first, above the index in one uint64 where they fit, and radix
// sorts those in place of units, using scratch, of the same length;
// customers with equal revenue are then put in name order. maxU and minU
// are the largest and smallest unit.
func sortSmall(customers []Customer, units []uint64, maxU, minU uint64, scratch []uint64, dst []Customer) {
	n := len(units)
	idxBits := bitLen(uint64(n - 1))
	keyBits := bitLen(maxU - minU)
	if idxBits+keyBits > 64 {
		order := sortIndexes(customers, func(a, b int32) int { return cmp.Compare(units[a], units[b]) })
		for pos, i := range order {
			dst[pos], scratch[pos] = customers[i], units[i]
		}
		copy(units, scratch)
		return
	}
	keys := units
	for i, u := range units {
		keys[i] = (maxU-u)<<idxBits | uint64(i)
	}
	radixSort(keys, scratch, idxBits, idxBits+keyBits)
	mask := uint64(1)<<idxBits - 1
	for pos, k := range keys {
		copyCustomer(&dst[pos], &customers[k&mask])
	}
	// Customers with equal revenue, now side by side, go in name order.
	for start, j := 0, 1; j <= n; j++ {
		if j < n && keys[j]>>idxBits == keys[start]>>idxBits {
			continue
		}
		switch j - start {
		case 1:
		case 2:
			if dst[start].Name > dst[start+1].Name {
				dst[start], dst[start+1] = dst[start+1], dst[start]
			}
		default:
			slices.SortFunc(dst[start:j], func(a, b Customer) int { return strings.Compare(a.Name, b.Name) })
		}
		start = j
	}
	for pos, k := range keys {
		units[pos] = maxU - k>>idxBits
	}
}

// copyCustomer sets *dst to *c field by field. Go copies a Customer, five
// words long, as a block, which while the garbage collector marks goes
// through the runtime's bulk write barrier: in a gather of a million
// customers, that cost more than the reads. Field by field, each of the two
// pointers takes the compiler's inline barrier instead.
func copyCustomer(dst, c *Customer) {
	dst.Name = c.Name
	dst.Revenue = c.Revenue
	dst.New = c.New
	dst.Key = c.Key
}

// sortBig sets dst to customers in portfolio order and returns their
// revenues as big integers at exponent exp, in that order, and their
// total.
func sortBig(customers []Customer, exp int32, dst []Customer) ([]*big.Int, *big.Int) {
	units := make([]*big.Int, len(customers))
	for i, c := range customers {
		units[i] = scaled(c.Revenue, exp)
	}
	order := sortIndexes(customers, func(a, b int32) int { return units[a].Cmp(units[b]) })
	sorted, total := make([]*big.Int, len(units)), new(big.Int)
	for pos, i := range order {
		dst[pos], sorted[pos] = customers[i], units[i]
		total.Add(total, units[i])
	}
	return sorted, total
}

// sortIndexes returns the index in customers of each position in
// portfolio order, given how the revenues of two customers compare.
func sortIndexes(customers []Customer, cmpRevenue func(a, b int32) int) []int32 {
	order := make([]int32, len(customers))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(cmpRevenue(b, a), strings.Compare(customers[a].Name, customers[b].Name))
	})
	return order
}

// Len returns the number of customers in p.
func (p Portfolio) Len() int {
	if p.d == nil {
		return 0
	}
	return len(p.d.customers)
}

// Total returns the total revenue of p: 0 for the empty portfolio.
func (p Portfolio) Total() decimal.Decimal {
	if p.d == nil {
		return decimal.Decimal{}
	}
	return p.d.revenue
}

// Customers returns a copy of the customers of p in portfolio order: largest
// revenue first, equal revenues by name. It returns nil for the empty
// portfolio.
func (p Portfolio) Customers() []Customer {
	if p.d == nil {
		return nil
	}
	return slices.Clone(p.d.customers)
}

// Lookup returns the customer of p with the given name, compared byte for
// byte, and reports whether there is one.
func (p Portfolio) Lookup(name string) (Customer, bool) {
	if p.d == nil {
		return Customer{}, false
	}
	d := p.d
	d.lookupOnce.Do(func() {
		d.seed = maphash.MakeSeed()
		d.byHash = make([]uint64, len(d.customers))
		hashNames(d.seed, d.customers, d.byHash)
		var buf [stackCustomers]uint64
		scratch, pooled := uint64Scratch.get(buf[:], len(d.byHash))
		radixSort(d.byHash, scratch, 32, 64)
		uint64Scratch.put(pooled)
	})
	h := maphash.String(d.seed, name) & hashMask
	i, _ := slices.BinarySearch(d.byHash, h)
	for ; i < len(d.byHash) && d.byHash[i]&hashMask == h; i++ {
		if c := d.customers[uint32(d.byHash[i])]; c.Name == name {
			return c, true
		}
	}
	return Customer{}, false
}

// customersOf returns the customers of p in portfolio order, without a
// copy; callers must not change them.
func (p Portfolio) customersOf() []Customer {
	if p.d == nil {
		return nil
	}
	return p.d.customers
}

// positive returns the number of customers of p with revenue above zero:
// they are the first ones in portfolio order.
func (p Portfolio) positive() int {
	if p.d == nil {
		return 0
	}
	return p.d.positive
}

// cmpUnits compares the revenues of the i-th and j-th customers of p.
func (p Portfolio) cmpUnits(i, j int) int {
	if p.d.units != nil {
		return cmp.Compare(p.d.units[i], p.d.units[j])
	}
	return p.d.bigUnits[i].Cmp(p.d.bigUnits[j])
}

// isZero reports whether the i-th customer of p has no revenue.
func (p Portfolio) isZero(i int) bool {
	if p.d.units != nil {
		return p.d.units[i] == 0
	}
	return p.d.bigUnits[i].Sign() == 0
}

// bigUnit returns the revenue of the i-th customer of p in units; callers
// must not change it.
func (p Portfolio) bigUnit(i int) *big.Int {
	return p.unitInto(new(big.Int), i)
}

// unitInto sets z to the revenue of the i-th customer of p in units and
// returns it, or returns the math/big unit itself, which callers must not
// change.
func (p Portfolio) unitInto(z *big.Int, i int) *big.Int {
	if p.d.units != nil {
		return z.SetUint64(p.d.units[i])
	}
	return p.d.bigUnits[i]
}

// totalUnits returns the total revenue of p in units, 0 for the empty
// portfolio; callers must not change it.
func (p Portfolio) totalUnits() *big.Int {
	switch {
	case p.d == nil:
		return new(big.Int)
	case p.d.units != nil:
		return new(big.Int).SetUint64(p.d.total)
	}
	return p.d.bigTotal
}
