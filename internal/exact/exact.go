// Package exact keeps the revenues of a portfolio and computes the rule's
// numbers from them, exactly: the order of the customers, the selectors'
// cuts, the shares, the plans in whole steps, and the package's one rule
// of rounding (largest remainders, then the larger quota, then the earlier
// party). It takes and returns plain values, decimals, integers and
// positions, and never the types of package salestime.
//
// Revenues are integers at an exponent they share, on one of three paths:
// uint64 with 128-bit products where every revenue and their total fit an
// int64 (exact_fast.go), two and three words where each fits 128 bits
// (exact_wide.go), and math/big beyond (exact_big.go). Each operation
// tries the fast path first; all three give the same results, bit for bit,
// as the tests hold them to. docs/performance.md says what else makes the
// engine fast, and what each trick was measured to pay.
package exact

import (
	"hash/maphash"
	"math/big"
	"slices"
	"sort"

	"github.com/shopspring/decimal"
)

// Bounds of the numbers the engine takes, which the package checks before.
const (
	// MaxPlaces is the most decimal places of a revenue, a budget, a step
	// or a factor.
	MaxPlaces = 18

	// MaxSteps is the most whole steps a budget may hold.
	MaxSteps = 1_000_000_000_000_000_000

	// SharePlaces is the places every share is rounded to, half to even.
	SharePlaces = 12
)

// one is the share of the whole.
var one = decimal.New(1, 0)

// A Mark holds the flags of a customer.
type Mark uint8

// The flags of a Mark.
const (
	MarkNew Mark = 1 << iota // the customer is new: the new-customer rule applies
	MarkKey                  // the customer was marked key by hand
	MarkB                    // the customer was marked class B by hand
)

// Build returns the revenues of n customers in portfolio order, largest
// first and equal revenues in byte order of their names, given by revenue
// and name, after check has returned, for each customer in turn, the
// number of digits of its revenue's coefficient, or an error, which Build
// returns. It calls place(pos, i) for the customer i that goes at each
// position pos. units, of length n, is space for the revenues' units, which
// the revenues may keep. Build returns the total, with as many places as
// the revenue that has the most; or the earliest customer whose name an
// earlier customer has, and the earliest customer with that name, and no
// revenues; dup and first are -1 where there are none.
func Build(n int, revenue func(i int) decimal.Decimal, name func(i int) string, check func(i int) (int, error), units []uint64,
	place func(pos, i int)) (r Revenues, total decimal.Decimal, dup, first int, err error) {
	b := builder{n: n, rev: revenue, name: name, units: units, dup: -1, first: -1}
	if n > tinyPortfolio && n <= stackCustomers {
		var names nameSet // 12 KB that Go clears: only where it pays
		names.seed = maphash.MakeSeed()
		dup, first, err = b.run(check, &names)
	} else {
		dup, first, err = b.run(check, nil)
	}
	if err != nil || dup >= 0 {
		return Revenues{}, decimal.Decimal{}, dup, first, err
	}
	r, total = b.build(place)
	return r, total, -1, -1, nil
}

// FromUnits returns the revenues of customers that a reader has checked as
// Build does, names unique, given the coefficient and exponent of each
// revenue and their names, in portfolio order, calling place as Build
// does, and their total. Where the revenues do not fit the fast path it
// reports false, having placed no one: the reader then calls Build.
func FromUnits(coefs []uint64, exps []int8, name func(i int) string, place func(pos, i int)) (Revenues, decimal.Decimal, bool) {
	n := len(coefs)
	if n == 0 {
		return Revenues{}, decimal.Decimal{}, true
	}
	exp := int32(0)
	for _, e := range exps {
		exp = min(exp, int32(e))
	}
	var sorted []int32 // the exponents in portfolio order, where they differ
	if slices.ContainsFunc(exps, func(e int8) bool { return int32(e) != exp }) {
		sorted = make([]int32, n)
	}
	r, ok := sortFast(coefs, exp, func(i int) int32 { return int32(exps[i]) }, name,
		func(pos, i int) {
			place(pos, i)
			if sorted != nil {
				sorted[pos] = int32(exps[i])
			}
		})
	if !ok {
		return Revenues{}, decimal.Decimal{}, false
	}
	r.exps = sorted
	r.countPositive()
	sum := r.Sum()
	return r, sum, true
}

// tinyPortfolio is the most customers whose names are compared pair by
// pair.
const tinyPortfolio = 8

// A builder makes the revenues of a new portfolio as its customers are
// checked one by one: it keeps the coefficients of their revenues and
// finds names that repeat, then puts the customers in portfolio order.
type builder struct {
	n          int
	rev        func(i int) decimal.Decimal
	name       func(i int) string
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

// run checks and adds the customers, and, with names, if not nil, finds
// names that repeat as customers are added. names is apart from b so that
// it stays on the stack.
func (b *builder) run(check func(i int) (int, error), names *nameSet) (dup, first int, err error) {
	for i := range b.n {
		digits, err := check(i)
		if err != nil {
			return -1, -1, err
		}
		b.add(i, digits)
		if names != nil && b.dup < 0 {
			if f := names.add(b.name, i); f >= 0 {
				b.dup, b.first = i, f
			}
		}
	}
	if dup, first := b.duplicate(names != nil); dup >= 0 {
		return dup, first, nil
	}
	return -1, -1, nil
}

// add adds the i-th customer, whose revenue has a coefficient of digits
// digits, after the customers before it.
func (b *builder) add(i, digits int) {
	rev := b.rev(i)
	e := rev.Exponent()
	b.exp = min(b.exp, e)
	switch {
	case digits <= 18:
		b.units[i] = uint64(rev.CoefficientInt64())
	case !b.long:
		u, zeros, ok := withoutZeros(rev)
		if !ok {
			b.long = true
			break
		}
		if b.exps == nil {
			b.exps = make([]int32, b.n)
			for j := range i {
				b.exps[j] = b.rev(j).Exponent()
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
func (b *builder) stripZeros() {
	if b.exps == nil {
		b.exps = make([]int32, b.n)
		for i := range b.n {
			b.exps[i] = b.rev(i).Exponent()
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
func (b *builder) duplicate(named bool) (dup, first int) {
	switch {
	case named:
		return b.dup, b.first
	case b.n <= tinyPortfolio:
		for i := range b.n {
			for j := range i {
				if b.name(i) == b.name(j) {
					return i, j
				}
			}
		}
		return -1, -1
	}
	return findDuplicate(b.n, b.name)
}

// build puts the customers in portfolio order, calling place, and returns
// their revenues and total.
func (b *builder) build(place func(pos, i int)) (Revenues, decimal.Decimal) {
	r, ok := Revenues{}, false
	if !b.long {
		expOf := func(i int) int32 { return b.rev(i).Exponent() }
		if b.exps != nil {
			expOf = func(i int) int32 { return b.exps[i] }
		}
		r, ok = sortFast(b.units, b.unitExp, expOf, b.name, place)
		if !ok {
			// A revenue with many places may bring the others beyond
			// 63 bits: without their zeros they may fit.
			b.stripZeros()
			r, ok = sortFast(b.units, b.unitExp, func(i int) int32 { return b.exps[i] }, b.name, place)
		}
	}
	if !ok {
		r = sortBig(b.n, b.rev, b.exp, b.name, place)
	}
	r.countPositive()
	switch {
	case b.n == 1:
		return r, b.rev(0) // the revenue itself, places and all: no decimal to make
	case r.exp > b.exp:
		// The total with the places of the revenue that has the most.
		c := r.Sum().Coefficient()
		return r, decimal.NewFromBigInt(c.Mul(c, Pow10(int64(r.exp-b.exp))), b.exp)
	}
	sum := r.Sum()
	return r, sum
}

// Revenues are the revenues of a portfolio's customers, in portfolio order,
// as integers at an exponent they share: revenue = unit x 10^exp. The
// exponent may be above that of a revenue written with zeros at its end. On the
// fast path units holds them and total their sum, each at most MaxInt64.
// Off it, bigTotal holds the total, and wideUnits the units where each
// fits 128 bits (the wide path), bigUnits where one does not (the big
// path). The zero revenues are those of the empty portfolio.
type Revenues struct {
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
	Given []decimal.Decimal
	exps  []int32
}

// countPositive counts the revenues above zero, which come first.
func (r *Revenues) countPositive() {
	switch {
	case r.wideUnits != nil:
		r.positive = sort.Search(len(r.wideUnits), func(i int) bool { return r.wideUnits[i] == u128{} })
	case r.bigUnits != nil:
		r.positive = sort.Search(len(r.bigUnits), func(i int) bool { return r.bigUnits[i].Sign() == 0 })
	default:
		r.positive = sort.Search(len(r.units), func(i int) bool { return r.units[i] == 0 })
	}
}

// Revenue returns the i-th revenue, as it was given.
func (r *Revenues) Revenue(i int) decimal.Decimal {
	if r.Given != nil {
		return r.Given[i]
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

// Sum returns the total revenue.
func (r *Revenues) Sum() decimal.Decimal {
	if r.bigTotal != nil {
		return decimal.NewFromBigInt(r.bigTotal, r.exp)
	}
	return decimal.New(int64(r.total), r.exp)
}

// SumOf returns the sum of the revenues at positions keys, exactly.
func (r *Revenues) SumOf(keys []int) decimal.Decimal {
	if r.bigTotal == nil {
		var sum uint64 // at most the total, an int64
		for _, i := range keys {
			sum += r.units[i]
		}
		return decimal.New(int64(sum), r.exp)
	}
	sum, z := new(big.Int), new(big.Int)
	for _, i := range keys {
		sum.Add(sum, r.unit(z, i))
	}
	return decimal.NewFromBigInt(sum, r.exp)
}

// Positives returns the number of revenues above zero, which come first.
func (r *Revenues) Positives() int {
	return r.positive
}

// Tied reports whether the i-th and j-th revenues are equal.
func (r *Revenues) Tied(i, j int) bool {
	switch {
	case r.wideUnits != nil:
		return r.wideUnits[i] == r.wideUnits[j]
	case r.bigUnits != nil:
		return r.bigUnits[i].Cmp(r.bigUnits[j]) == 0
	}
	return r.units[i] == r.units[j]
}

// Reach returns the fewest revenues, largest first, whose sum reaches share
// of the total, for 0 < share <= 1; 0 if the total is zero.
func (r *Revenues) Reach(share decimal.Decimal) int {
	if k, ok := r.reachFast(share); ok {
		return k
	}
	return r.reachBig(share)
}

// AtLeast returns the number of revenues above zero and at least m, for
// m >= 0 within the bounds.
func (r *Revenues) AtLeast(m decimal.Decimal) int {
	if k, ok := r.atLeastFast(m); ok {
		return k
	}
	return r.atLeastBig(m)
}

// ClassA returns the size of class A of the ABC analysis that [ABC]
// documents: min(Pareto point, break-even point). It is computed in
// math/big only: squares of totals outgrow 128 bits.
func (r *Revenues) ClassA() int {
	return r.classABig()
}

// Factors are the factors of the two rules as integers at an exponent they
// share: factor = f x 10^exp, with -MaxPlaces <= exp <= 0.
type Factors struct {
	exp           int32
	existing, new uint64
}

// NewFactors returns the factors of the rules for existing and new
// customers, both valid factors.
func NewFactors(existing, new decimal.Decimal) Factors { //nolint:revive // the parameter names those of the rules
	exp := min(existing.Exponent(), new.Exponent(), 0)
	e, _ := scaled64(existing, exp) // at most 10^18: a factor is at most 1
	n, _ := scaled64(new, exp)
	return Factors{exp: exp, existing: e, new: n}
}

// of returns the factor for a customer with marks m.
func (f Factors) of(m Mark) uint64 {
	if m&MarkNew != 0 {
		return f.new
	}
	return f.existing
}

// KeyShares are the shares of an allocation that are not a key
// customer's: the revenue and time share of the key customers together,
// and the rest's share of time.
type KeyShares struct {
	KeyRevenue, KeyTime decimal.Decimal
	Rest                decimal.Decimal
}

// Shares returns the shares of the key customers at positions keys of
// customers, whose revenues r are, under the factors f: each revenue share
// rounded to SharePlaces places, their sum rounded half to even, and the
// time shares likewise, by the package's one rule of rounding. It calls
// set(j, revenue, time) with the shares of the j-th key customer, for
// each, unless the total revenue is zero: then every share is zero.
func (r *Revenues) Shares(keys []int, marks []Mark, f Factors, set func(j int, revenue, time decimal.Decimal)) KeyShares {
	if s, ok := r.sharesFast(keys, marks, f, set); ok {
		return s
	}
	if s, ok := r.sharesWide(keys, marks, f, set); ok {
		return s
	}
	return r.sharesBig(keys, marks, f, set)
}

// Steps is a number of steps of a budget, at most MaxSteps.
type Steps uint64

// CountSteps returns budget / step, for a budget at least 0 and a step
// above 0, each with at most MaxPlaces places, or an error that says why
// it is not a whole number of at most MaxSteps steps.
func CountSteps(budget, step decimal.Decimal) (Steps, error) {
	if m, ok := countStepsFast(budget, step); ok {
		return m, nil
	}
	return countStepsBig(budget, step)
}

// Split splits m steps of step between the key customers at positions
// keys of customers, whose revenues r are, and the rest, under the factors
// f, by the package's one rule of rounding, and calls set with each amount:
// set(j, amount) for the j-th key customer, then set(len(keys), amount)
// for the rest.
func (r *Revenues) Split(m Steps, step decimal.Decimal, keys []int, marks []Mark, f Factors, set func(j int, amount decimal.Decimal)) {
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
	of := NewAmounts(step)
	for j, c := range counts {
		set(j, of.Amount(c))
	}
}

// OnFastPath reports whether r is on the fast path, for the tests that
// hold the paths to the same results.
func (r *Revenues) OnFastPath() bool {
	return r.units != nil && r.bigTotal == nil
}

// ToBig returns r on the math/big path, for the tests that hold the paths
// to the same results.
func ToBig(r Revenues) Revenues {
	if r.bigTotal != nil {
		return r
	}
	b := Revenues{exp: r.exp, positive: r.positive, Given: r.Given, exps: r.exps, bigTotal: new(big.Int).SetUint64(r.total),
		bigUnits: make([]*big.Int, len(r.units))}
	for i, u := range r.units {
		b.bigUnits[i] = new(big.Int).SetUint64(u)
	}
	return b
}

// ToWide returns r on the wide path, and reports whether each of its units
// fits 128 bits, for the tests that hold the paths to the same results.
func ToWide(r Revenues) (Revenues, bool) {
	return asWide(ToBig(r))
}

// asWide returns revenues on the big path on the wide path instead, and
// reports whether each unit fits it.
func asWide(r Revenues) (Revenues, bool) {
	w := Revenues{exp: r.exp, positive: r.positive, Given: r.Given, exps: r.exps, bigTotal: r.bigTotal, wideUnits: make([]u128, len(r.bigUnits))}
	for i, u := range r.bigUnits {
		var ok bool
		if w.wideUnits[i], ok = words128(u); !ok {
			return Revenues{}, false
		}
	}
	return w, true
}
