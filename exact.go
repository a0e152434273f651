package salestime

// This file and exact_fast.go, exact_wide.go, exact_big.go, radix.go,
// names.go and scratch.go are the engine: how the numbers of the rule are
// kept and computed, exactly and fast. A reader of the rule can skip them.
// The rule's files, rules.go, portfolio.go, selectors.go, allocation.go and
// plan.go, reach the numbers only through the types and methods of this
// file.
//
// Revenues are kept as integers at an exponent they share, on one of three
// paths. Where every revenue and their total fit an int64, as they do for
// nearly all real data, the arithmetic runs in uint64 with 128-bit products
// (the fast path, exact_fast.go). Where each revenue fits 128 bits, the
// units are kept in two words and the total as a big.Int (the wide path):
// where that total fits 128 bits too, shares and plans run in integers of
// two and three words (exact_wide.go), and the rest in math/big. Larger
// revenues take math/big throughout (the big path, exact_big.go). The paths
// give the same results, bit for bit: TestPathsAgree holds the three to it,
// TestSharesWideAgree and TestSplitWideAgree the wide arithmetic to math/big.
// Each method below tries the fast path and falls back to the others.
//
// What else makes the engine fast, each measured with BenchmarkPipeline:
//   - revenues are sorted by radix, on keys that pack each revenue above its
//     index (radix.go);
//   - the units and steps left over by rounding go to the largest
//     remainders picked by buckets of their top bits and a quickselect
//     without branches (radix.go);
//   - duplicate names are found by hash: in portfolios of up to
//     stackCustomers customers with a set of hash bits filled as they are
//     checked, in longer ones by sorting the hashes (names.go);
//   - portfolios of up to stackCustomers customers and stackKeys key
//     customers keep their scratch space on the stack, and longer ones take
//     it from a pool (scratch.go); the smallest, of up to tinyPortfolio
//     customers and tinyKeys key customers, a smaller space, since Go
//     clears it on every call;
//   - plans share the decimals of small amounts from tables made on first
//     use (exact_fast.go);
//   - lines are written field by field, which the garbage collector's write
//     barrier takes faster than a block copy (setCustomer);
//   - a coefficient written with zeros at its end, as 12.500000000000000000
//     is, is kept without them (withoutZeros, builder.stripZeros), so that
//     revenues written with many places stay on the fast path;
//   - a portfolio keeps its customers field by field (portfolioData): the
//     names, the flags, the units, and the decimals given to NewPortfolio.
//     A portfolio that a reader makes from units (portfolioOfUnits) has no
//     decimals at all: a customer's revenue is made from its unit and
//     exponent when a line or a caller asks for it. A million customers
//     are then about 40 MB rather than 100;
//   - a portfolio of one customer is made in one allocation, its total the
//     revenue given (newPortfolioData): a third fewer allocations for
//     each of a million such portfolios;
//   - off the fast path, numbers that fit 128 bits are sorted as two words
//     side by side, not through big.Ints (sortWide), and powers of ten
//     come from a table (bigPow10s).
//
// What is left is mostly the allocation that the results need: the
// portfolio's copy of the customers, and the decimals of every line. Larger
// portfolios cost more per customer for two reasons outside the engine: the
// collector runs more often per customer once the heap outgrows its 4 MB
// floor, and a million customers no longer fit the processor's caches.

import (
	"fmt"
	"hash/maphash"
	"math/big"
	"slices"
	"sort"

	"github.com/shopspring/decimal"
)

// buildPortfolio returns the portfolio of customers, after check has
// returned, for each customer in turn, the number of digits of its
// revenue's coefficient, or an error, which buildPortfolio returns. It
// returns the earliest customer whose name an earlier customer has, and the
// earliest customer with that name, and no portfolio; or -1, -1.
func buildPortfolio(customers []Customer, check func([]Customer, int) (int, error)) (d *portfolioData, dup, first int, err error) {
	d, units := newPortfolioData(len(customers))
	b := builder{units: units, dup: -1, first: -1}
	if n := len(customers); n > tinyPortfolio && n <= stackCustomers {
		var names nameSet // 12 KB that Go clears: only where it pays
		names.seed = maphash.MakeSeed()
		dup, first, err = b.run(d, customers, check, &names)
	} else {
		dup, first, err = b.run(d, customers, check, nil)
	}
	if err != nil || dup >= 0 {
		return nil, dup, first, err
	}
	return d, -1, -1, nil
}

// newPortfolioData returns the data of a new portfolio of n > 0 customers,
// its names, marks and given revenues made, and the space for their units.
func newPortfolioData(n int) (*portfolioData, []uint64) {
	if n == 1 {
		// All in one allocation: a portfolio of one customer is mostly
		// its allocations (BenchmarkCliffs, n=1000000x1).
		one := &struct {
			d     portfolioData
			name  [1]string
			mark  [1]mark
			given [1]decimal.Decimal
			unit  [1]uint64
		}{}
		one.d.names, one.d.marks, one.d.revenues.given = one.name[:], one.mark[:], one.given[:]
		return &one.d, one.unit[:]
	}
	d := &portfolioData{names: make([]string, n), marks: make([]mark, n)}
	d.revenues.given = make([]decimal.Decimal, n)
	return d, make([]uint64, n)
}

// portfolioOfUnits returns the portfolio of customers that a reader has
// checked as NewPortfolio does, names unique, given in the reader's order
// their names and marks, and the coefficient and exponent of each revenue.
// Where the revenues do not fit the fast path it reports false, having
// changed nothing: the reader then calls NewPortfolio.
func portfolioOfUnits(names []string, marks []mark, coefs []uint64, exps []int8) (Portfolio, bool) {
	n := len(names)
	if n == 0 {
		return Portfolio{}, true
	}
	exp := int32(0)
	for _, e := range exps {
		exp = min(exp, int32(e))
	}
	d := &portfolioData{names: make([]string, n), marks: make([]mark, n)}
	var sorted []int32 // the exponents in portfolio order, where they differ
	if slices.ContainsFunc(exps, func(e int8) bool { return int32(e) != exp }) {
		sorted = make([]int32, n)
	}
	r, ok := sortFast(coefs, exp, func(i int) int32 { return int32(exps[i]) }, func(i int) string { return names[i] },
		func(pos, i int) {
			d.names[pos], d.marks[pos] = names[i], marks[i]
			if sorted != nil {
				sorted[pos] = int32(exps[i])
			}
		})
	if !ok {
		return Portfolio{}, false
	}
	r.exps = sorted
	r.countPositive()
	d.revenues, d.total = r, r.sum()
	return Portfolio{d}, true
}

// tinyPortfolio is the most customers whose names are compared pair by
// pair.
const tinyPortfolio = 8

// A builder makes the data of a new portfolio as its customers are checked
// one by one: it keeps the coefficients of their revenues and finds names
// that repeat, then puts the customers in portfolio order.
type builder struct {
	units      []uint64 // the coefficients of the revenues, where they fit 63 bits
	exp        int32    // the least exponent of the revenues
	long       bool     // some coefficient does not fit 63 bits
	dup, first int

	// Where a coefficient of more than 18 digits is a shorter one with
	// zeros after it, as that of 12.500000000000000000 is, units holds the
	// shorter one and exps the exponent of each unit; unitExp is the least
	// of those exponents.
	exps    []int32
	unitExp int32
}

// run is buildPortfolio with b, and names, if not nil, to find names that
// repeat as customers are added. names is apart from b so that it stays on
// the stack.
func (b *builder) run(d *portfolioData, customers []Customer, check func([]Customer, int) (int, error), names *nameSet) (dup, first int, err error) {
	for i := range customers {
		digits, err := check(customers, i)
		if err != nil {
			return -1, -1, err
		}
		b.add(customers, i, digits)
		if names != nil && b.dup < 0 {
			if f := names.add(customers, i); f >= 0 {
				b.dup, b.first = i, f
			}
		}
	}
	if dup, first := b.duplicate(customers, names != nil); dup >= 0 {
		return dup, first, nil
	}
	b.build(d, customers)
	return -1, -1, nil
}

// add adds customers[i], whose revenue has a coefficient of digits digits,
// after the customers before it.
func (b *builder) add(customers []Customer, i, digits int) {
	c := &customers[i]
	e := c.Revenue.Exponent()
	b.exp = min(b.exp, e)
	switch {
	case digits <= 18:
		b.units[i] = uint64(c.Revenue.CoefficientInt64())
	case !b.long:
		u, zeros, ok := withoutZeros(c.Revenue)
		if !ok {
			b.long = true
			break
		}
		if b.exps == nil {
			b.exps = make([]int32, len(customers))
			for j := range i {
				b.exps[j] = customers[j].Revenue.Exponent()
			}
		}
		b.units[i], e = u, e+zeros
	}
	if b.exps != nil {
		b.exps[i] = e
	}
	b.unitExp = min(b.unitExp, e)
}

// stripZeros takes the zeros off the end of every unit, where add has not,
// and sets exps and unitExp to match.
func (b *builder) stripZeros(customers []Customer) {
	if b.exps == nil {
		b.exps = make([]int32, len(customers))
		for i := range customers {
			b.exps[i] = customers[i].Revenue.Exponent()
		}
	}
	b.unitExp = 0
	for i, u := range b.units {
		for u != 0 && u%10 == 0 {
			u /= 10
			b.exps[i]++
		}
		b.units[i] = u
		b.unitExp = min(b.unitExp, b.exps[i])
	}
}

// duplicate returns the earliest customer whose name an earlier customer
// has, and the earliest customer with that name; or -1, -1. named reports
// whether a nameSet looked for them as they were added.
func (b *builder) duplicate(customers []Customer, named bool) (dup, first int) {
	switch {
	case named:
		return b.dup, b.first
	case len(customers) <= tinyPortfolio:
		for i := range customers {
			for j := range i {
				if customers[i].Name == customers[j].Name {
					return i, j
				}
			}
		}
		return -1, -1
	}
	return findDuplicate(customers)
}

// build sets d, made by newPortfolioData, to the customers in portfolio
// order, and their revenues.
func (b *builder) build(d *portfolioData, customers []Customer) {
	given := d.revenues.given
	place := func(pos, i int) {
		c := &customers[i]
		d.names[pos], d.marks[pos], given[pos] = c.Name, marksOf(c), c.Revenue
	}
	r, ok := revenues{}, false
	name := func(i int) string { return customers[i].Name }
	if !b.long {
		expOf := func(i int) int32 { return customers[i].Revenue.Exponent() }
		if b.exps != nil {
			expOf = func(i int) int32 { return b.exps[i] }
		}
		r, ok = sortFast(b.units, b.unitExp, expOf, name, place)
		if !ok {
			// A revenue with many places may bring the others beyond
			// 63 bits: without their zeros they may fit.
			b.stripZeros(customers)
			r, ok = sortFast(b.units, b.unitExp, func(i int) int32 { return b.exps[i] }, name, place)
		}
	}
	if !ok {
		r = sortBig(customers, b.exp, place)
	}
	d.revenues = r
	d.revenues.given = given
	d.revenues.countPositive()
	switch {
	case len(given) == 1:
		d.total = given[0] // the revenue itself, places and all: no decimal to make
	case r.exp > b.exp:
		// The total with the places of the revenue that has the most.
		c := r.sum().Coefficient()
		d.total = decimal.NewFromBigInt(c.Mul(c, pow10(int64(r.exp-b.exp))), b.exp)
	default:
		d.total = r.sum()
	}
}

// revenues are the revenues of a portfolio's customers, in portfolio order,
// as integers at an exponent they share: revenue = unit x 10^exp. The
// exponent may be above that of a revenue written with zeros at its end. On the
// fast path units holds them and total their sum, each at most MaxInt64.
// Off it, bigTotal holds the total, and wideUnits the units where each
// fits 128 bits (the wide path), bigUnits where one does not (the big
// path). The zero revenues are those of the empty portfolio.
type revenues struct {
	exp       int32
	units     []uint64
	total     uint64
	wideUnits []u128
	bigUnits  []*big.Int
	bigTotal  *big.Int // nil on the fast path
	positive  int      // revenues above zero: the first ones

	// How each revenue was given: the decimals given to NewPortfolio, or,
	// where a reader made the portfolio from units, nil and the exponent
	// of each, nil if all are at exp.
	given []decimal.Decimal
	exps  []int32
}

// countPositive counts the revenues above zero, which come first.
func (r *revenues) countPositive() {
	switch {
	case r.wideUnits != nil:
		r.positive = sort.Search(len(r.wideUnits), func(i int) bool { return r.wideUnits[i] == u128{} })
	case r.bigUnits != nil:
		r.positive = sort.Search(len(r.bigUnits), func(i int) bool { return r.bigUnits[i].Sign() == 0 })
	default:
		r.positive = sort.Search(len(r.units), func(i int) bool { return r.units[i] == 0 })
	}
}

// revenue returns the i-th revenue, as it was given.
func (r *revenues) revenue(i int) decimal.Decimal {
	if r.given != nil {
		return r.given[i]
	}
	// A reader's, on the fast path: units and exponents.
	e := r.exp
	if r.exps != nil {
		e = r.exps[i]
	}
	shift := e - r.exp
	u := r.units[i]
	if u != 0 {
		u /= pow10s[shift] // a unit is at most MaxInt64: a nonzero one was scaled by under 10^19
	}
	return decimal.New(int64(u), e)
}

// sum returns the total revenue.
func (r *revenues) sum() decimal.Decimal {
	if r.bigTotal != nil {
		return decimal.NewFromBigInt(r.bigTotal, r.exp)
	}
	return decimal.New(int64(r.total), r.exp)
}

// positives returns the number of revenues above zero, which come first.
func (r *revenues) positives() int {
	return r.positive
}

// tied reports whether the i-th and j-th revenues are equal.
func (r *revenues) tied(i, j int) bool {
	switch {
	case r.wideUnits != nil:
		return r.wideUnits[i] == r.wideUnits[j]
	case r.bigUnits != nil:
		return r.bigUnits[i].Cmp(r.bigUnits[j]) == 0
	}
	return r.units[i] == r.units[j]
}

// reach returns the fewest revenues, largest first, whose sum reaches share
// of the total, for 0 < share <= 1; 0 if the total is zero.
func (r *revenues) reach(share decimal.Decimal) int {
	if k, ok := r.reachFast(share); ok {
		return k
	}
	return r.reachBig(share)
}

// atLeast returns the number of revenues above zero and at least m, for
// m >= 0 within the bounds.
func (r *revenues) atLeast(m decimal.Decimal) int {
	if k, ok := r.atLeastFast(m); ok {
		return k
	}
	return r.atLeastBig(m)
}

// classA returns the size of class A of the ABC analysis that [ABC]
// documents: min(Pareto point, break-even point). It is computed in
// math/big only: squares of totals outgrow 128 bits.
func (r *revenues) classA() int {
	return r.classABig()
}

// factors are the factors of the two rules as integers at an exponent they
// share: factor = f x 10^exp, with -MaxPlaces <= exp <= 0.
type factors struct {
	exp           int32
	existing, new uint64
}

// newFactors returns the factors of the rules for existing and new
// customers, both valid factors.
func newFactors(existing, new decimal.Decimal) factors { //nolint:revive // the parameter names those of the rules
	exp := min(existing.Exponent(), new.Exponent(), 0)
	e, _ := scaled64(existing, exp) // at most 10^18: a factor is at most 1
	n, _ := scaled64(new, exp)
	return factors{exp: exp, existing: e, new: n}
}

// of returns the factor for a customer with marks m.
func (f factors) of(m mark) uint64 {
	if m&markNew != 0 {
		return f.new
	}
	return f.existing
}

// keyShares are the shares of an Allocation that are not a key
// customer's: the revenue and time share of the key customers together,
// and the rest's share of time.
type keyShares struct {
	keyRevenue, keyTime decimal.Decimal
	rest                decimal.Decimal
}

// shares returns the shares of the key customers at positions keys of
// customers, whose revenues r are, under the factors f: each revenue share
// rounded to SharePlaces places, their sum rounded half to even, and the
// time shares likewise, by the package's one rule of rounding. It calls
// set(j, revenue, time) with the shares of the j-th key customer, for
// each, unless the total revenue is zero: then every share is zero.
func (r *revenues) shares(keys []int, marks []mark, f factors, set func(j int, revenue, time decimal.Decimal)) keyShares {
	if s, ok := r.sharesFast(keys, marks, f, set); ok {
		return s
	}
	if s, ok := r.sharesWide(keys, marks, f, set); ok {
		return s
	}
	return r.sharesBig(keys, marks, f, set)
}

// stepCount is a number of steps of a budget, at most MaxSteps.
type stepCount uint64

// countSteps returns budget / step after checking both as [Allocation.Plan]
// documents.
func countSteps(budget, step decimal.Decimal) (stepCount, error) {
	if err := checkPlaces(budget); err != nil {
		return 0, fmt.Errorf("%w: budget %w", ErrInvalidBudget, err)
	}
	if err := checkPlaces(step); err != nil {
		return 0, fmt.Errorf("%w: step %w", ErrInvalidBudget, err)
	}
	if budget.Sign() < 0 {
		return 0, fmt.Errorf("%w: budget %s is negative", ErrInvalidBudget, formatDecimal(budget))
	}
	if step.Sign() <= 0 {
		return 0, fmt.Errorf("%w: step %s is not positive", ErrInvalidBudget, formatDecimal(step))
	}
	if m, ok := countStepsFast(budget, step); ok {
		return m, nil
	}
	return countStepsBig(budget, step)
}

// split splits m steps of step between the key customers at positions
// keys of customers, whose revenues r are, and the rest, under the factors
// f, by the package's one rule of rounding, and calls set with each amount:
// set(j, amount) for the j-th key customer, then set(len(keys), amount)
// for the rest.
func (r *revenues) split(m stepCount, step decimal.Decimal, keys []int, marks []mark, f factors, set func(j int, amount decimal.Decimal)) {
	// Go clears stack scratch on each call: no more than it needs.
	var smallCounts [tinyKeys + 1]uint64
	var smallParties [tinyKeys + 1]remainder
	countBuf, partyBuf := smallCounts[:], smallParties[:]
	if len(keys) > tinyKeys {
		var largeCounts [stackKeys + 1]uint64
		var largeParties [stackKeys + 1]remainder
		countBuf, partyBuf = largeCounts[:], largeParties[:]
	}
	counts, pooledCounts := uint64Scratch.get(countBuf, len(keys)+1)
	defer uint64Scratch.put(pooledCounts)
	parties, pooledParties := remainderScratch.get(partyBuf, len(keys)+1)
	defer remainderScratch.put(pooledParties)
	if !r.splitFast(m, keys, marks, f, counts, parties) && !r.splitWide(m, keys, marks, f, counts) {
		counts = r.splitBig(m, keys, marks, f)
	}
	of := newAmounts(step)
	for j, c := range counts {
		set(j, of.amount(c))
	}
}
