package exact

// The fast path of the engine: revenues, factors and steps as uint64, with
// 128-bit products and quotients from math/bits. A reader of the rule can
// skip this file; exact.go says what it does and when.

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

// pow10s holds 10^0 to 10^19, the powers of ten a uint64 holds.
var pow10s = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// scaled64 returns the coefficient of d at exponent exp, no greater than
// the exponent of d, for d >= 0, and reports whether it fits 63 bits.
func scaled64(d decimal.Decimal, exp int32) (uint64, bool) {
	shift := int64(d.Exponent()) - int64(exp)
	if d.Sign() < 0 || shift < 0 || shift >= int64(len(pow10s)) || d.NumDigits() > 18 {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(d.CoefficientInt64()), pow10s[shift])
	return lo, hi == 0 && lo <= math.MaxInt64
}

// shareFast is Share in uint64 and its 128-bit products, where part and
// whole fit an int64 at the exponent exp: a team's summary takes a share
// for every plan it adds (BenchmarkShare).
func shareFast(part, whole decimal.Decimal, exp int32) (decimal.Decimal, bool) {
	p, ok := scaled64(part, exp)
	w, ok2 := scaled64(whole, exp)
	if !ok || !ok2 || w == 0 || p > w {
		return decimal.Decimal{}, false
	}
	hi, lo := bits.Mul64(p, pow10s[SharePlaces])
	return quotient(hi, lo, w), true // hi < w, as the quotient is at most 10^SharePlaces
}

// ratioFast is Ratio in uint64 and its 128-bit products, where x >= 0 and
// the ratio is below 2^64 / 10^SharePlaces: every review line takes one.
func ratioFast(x, y int64) (decimal.Decimal, bool) {
	if x < 0 {
		return decimal.Decimal{}, false
	}
	hi, lo := bits.Mul64(uint64(x), pow10s[SharePlaces])
	if y <= 0 || hi >= uint64(y)>>1 { // else the quotient is below 2^63
		return decimal.Decimal{}, false
	}
	return quotient(hi, lo, uint64(y)), true
}

// quotient returns (hi x 2^64 + lo) / w, for hi < w, rounded half to
// even, as a share at -SharePlaces without the trailing zeros of its
// fraction.
func quotient(hi, lo, w uint64) decimal.Decimal {
	q, rem := bits.Div64(hi, lo, w)
	if rem > w-rem || rem == w-rem && q&1 == 1 {
		q++
	}
	e := int32(-SharePlaces)
	for q != 0 && q%10 == 0 && e < 0 {
		q, e = q/10, e+1
	}
	if q == 0 {
		e = 0
	}
	return decimal.New(int64(q), e)
}

// sortFast puts customers in portfolio order, calling place(pos, i) for
// the i-th customer at each position, and returns their revenues on the
// fast path, given units, the coefficients of the revenues, expOf, their
// exponents, exp, the least of those, and name, their names. It reports
// whether the revenues fit that path; if not, it has placed no one and
// left units as they were. Customers are gathered into their places:
// independent loads, which the processor overlaps.
func sortFast(units []uint64, exp int32, expOf func(int) int32, name func(int) string, place func(pos, i int)) (Revenues, bool) {
	total, maxU, minU, ok := unitsAt(units, exp, expOf)
	if !ok {
		return Revenues{}, false
	}
	var small [tinyPortfolio]uint64 // Go clears stack scratch on each call: no more than it needs
	fromBuf := small[:]
	if len(units) > len(small) {
		var large [stackCustomers]uint64
		fromBuf = large[:]
	}
	from, pooled := uint64Scratch.get(fromBuf, len(units))
	defer uint64Scratch.put(pooled)
	sortUnits(units, maxU, minU, from, name)
	for pos, i := range from {
		place(pos, int(i))
	}
	return Revenues{exp: exp, units: units, total: total}, true
}

// sortUnits puts units in portfolio order, largest first and equal ones in
// byte order of name(i), their index, and sets from[pos] to the index of
// the unit now at pos. maxU and minU are the largest and smallest unit;
// from, of the length of units, is the sort's scratch space until then.
//
// It packs each unit, as an offset that sorts largest first, above its
// index in one uint64 where they fit, and radix sorts those in place.
func sortUnits(units []uint64, maxU, minU uint64, from []uint64, name func(int) string) {
	n := len(units)
	idxBits := bitLen(uint64(n - 1))
	keyBits := bitLen(maxU - minU)
	if idxBits+keyBits > 64 {
		order := sortIndexes(n, name, func(a, b int32) int { return cmp.Compare(units[a], units[b]) })
		for pos, i := range order {
			from[pos] = units[i]
		}
		copy(units, from)
		for pos, i := range order {
			from[pos] = uint64(i)
		}
		return
	}
	keys := units
	for i, u := range units {
		keys[i] = (maxU-u)<<idxBits | uint64(i)
	}
	radixSort(keys, from, idxBits, idxBits+keyBits)
	mask := uint64(1)<<idxBits - 1
	// Units that are equal, now side by side, go in name order.
	for start, j := 0, 1; j <= n; j++ {
		if j < n && keys[j]>>idxBits == keys[start]>>idxBits {
			continue
		}
		switch j - start {
		case 1:
		case 2:
			if name(int(keys[start]&mask)) > name(int(keys[start+1]&mask)) {
				keys[start], keys[start+1] = keys[start+1], keys[start]
			}
		default:
			slices.SortFunc(keys[start:j], func(a, b uint64) int { return strings.Compare(name(int(a&mask)), name(int(b&mask))) })
		}
		start = j
	}
	for pos, k := range keys {
		from[pos] = k & mask
		units[pos] = maxU - k>>idxBits
	}
}

// unitsAt turns units, the coefficients of revenues whose exponents expOf
// returns, into the revenues at exponent exp, which is at most the exponent
// of each, and returns their total, largest and smallest. It reports
// whether they and their total all fit an int64; if not, it leaves units
// as they were.
func unitsAt(units []uint64, exp int32, expOf func(int) int32) (total, maxU, minU uint64, ok bool) {
	minU = math.MaxUint64
	Scaled := false
	for i, u := range units {
		if shift := int(expOf(i) - exp); shift != 0 && u != 0 {
			if shift >= len(pow10s) {
				return 0, 0, 0, false
			}
			var hi uint64
			if hi, u = bits.Mul64(u, pow10s[shift]); hi != 0 {
				return 0, 0, 0, false
			}
			Scaled = true
		}
		// Both are at most MaxInt64, so the sum does not wrap.
		if total += u; u > math.MaxInt64 || total > math.MaxInt64 {
			return 0, 0, 0, false
		}
		maxU, minU = max(maxU, u), min(minU, u)
	}
	if Scaled {
		for i, u := range units {
			if shift := expOf(i) - exp; shift != 0 && u != 0 {
				units[i] = u * pow10s[shift] // fits, as checked above
			}
		}
	}
	return total, maxU, minU, true
}

// reachFast is reach on the fast path; it reports whether the numbers fit.
func (r *Revenues) reachFast(share decimal.Decimal) (int, bool) {
	// With share = s x 10^e: cum >= share x total when cum x 10^-e >= s x total.
	e := min(share.Exponent(), 0)
	s, ok := scaled64(share, e)
	if !ok || r.bigTotal != nil {
		return 0, false
	}
	scale := pow10s[-e]
	thi, tlo := bits.Mul64(s, r.total) // both sides fit 128 bits
	var cum uint64
	for k := range r.positive {
		hi, lo := bits.Mul64(cum, scale)
		if hi > thi || hi == thi && lo >= tlo {
			return k, true
		}
		cum += r.units[k]
	}
	return r.positive, true
}

// atLeastFast is atLeast on the fast path; it reports whether the numbers
// fit.
func (r *Revenues) atLeastFast(m decimal.Decimal) (int, bool) {
	if r.bigTotal != nil || m.NumDigits() > 18 {
		return 0, false
	}
	// The least number of units that is at least m: ceil(m x 10^-exp).
	c, e := uint64(m.CoefficientInt64()), m.Exponent()
	var least uint64
	switch {
	case c == 0:
	case e >= r.exp:
		u, ok := scaled64(m, r.exp)
		if !ok {
			return 0, true // more than any revenue, each at most MaxInt64 units
		}
		least = u
	case r.exp-e < int32(len(pow10s)):
		p := pow10s[r.exp-e]
		least = c / p
		if c%p != 0 {
			least++
		}
	default:
		least = 1 // m is less than a unit
	}
	// Revenues fall in portfolio order: the ones at least m come first.
	return sort.Search(r.positive, func(i int) bool { return r.units[i] < least }), true
}

// shareScale is 10^SharePlaces.
const shareScale = 1_000_000_000_000

// sharesFast is shares on the fast path, which needs the factors to have
// at most SharePlaces places; it reports whether the numbers fit. Shares
// are counted in units of 10^-SharePlaces.
func (r *Revenues) sharesFast(keys []int, marks []Mark, f Factors, set func(j int, revenue, time decimal.Decimal)) (KeyShares, bool) {
	if r.bigTotal != nil || f.exp < -SharePlaces {
		return KeyShares{}, false
	}
	k := len(keys)
	t := r.total
	if t == 0 {
		return KeyShares{Rest: one}, true
	}
	// Go clears stack scratch on each call: no more than it needs.
	var smallRev, smallTime [tinyKeys]uint64
	var smallItems [tinyKeys]remainder
	revBuf, timeBuf, itemBuf := smallRev[:], smallTime[:], smallItems[:]
	if k > tinyKeys {
		var largeRev, largeTime [stackKeys]uint64
		var largeItems [stackKeys]remainder
		revBuf, timeBuf, itemBuf = largeRev[:], largeTime[:], largeItems[:]
	}
	rev, pooledRev := uint64Scratch.get(revBuf, k)
	defer uint64Scratch.put(pooledRev)
	tim, pooledTime := uint64Scratch.get(timeBuf, k)
	defer uint64Scratch.put(pooledTime)
	items, pooled := remainderScratch.get(itemBuf, k)
	defer remainderScratch.put(pooled)

	// A revenue share is unit x 10^SharePlaces / t, and a time share
	// g x unit / t, with g the factor x 10^SharePlaces, at most
	// 10^SharePlaces.
	g := Factors{
		existing: f.existing * pow10s[SharePlaces+f.exp],
		new:      f.new * pow10s[SharePlaces+f.exp],
	}
	var revSum uint64
	for j, i := range keys {
		u := r.units[i]
		hi, lo := bits.Mul64(u, shareScale)
		q, rem := bits.Div64(hi, lo, t)
		rev[j], items[j] = q, remainder{rem: rem, floor: q, j: j}
		revSum += u
	}
	hi, lo := bits.Mul64(revSum, shareScale)
	keyRev := roundHalfEven64(hi, lo, t)
	apportionFast(rev, items, keyRev)

	var timHi, timLo uint64
	for j, i := range keys {
		hi, lo := bits.Mul64(g.of(marks[i]), r.units[i])
		q, rem := bits.Div64(hi, lo, t)
		tim[j], items[j] = q, remainder{rem: rem, floor: q, j: j}
		var carry uint64
		timLo, carry = bits.Add64(timLo, lo, 0)
		timHi += hi + carry
	}
	keyTime := roundHalfEven64(timHi, timLo, t)
	apportionFast(tim, items, keyTime)

	for j := range keys {
		set(j, share64(rev[j]), share64(tim[j]))
	}
	return KeyShares{KeyRevenue: share64(keyRev), KeyTime: share64(keyTime), Rest: share64(shareScale - keyTime)}, true
}

// roundHalfEven64 returns (hi, lo) / y rounded to the nearest integer, ties
// to even; the quotient must fit 64 bits and y 63.
func roundHalfEven64(hi, lo, y uint64) uint64 {
	q, r := bits.Div64(hi, lo, y)
	if r2 := 2 * r; r2 > y || r2 == y && q&1 == 1 {
		q++
	}
	return q
}

// apportionFast adds one to the floors of the shares with the largest
// remainders, by roundUp, until they add up to total. items holds the
// remainder and floor of each share, and is reordered.
func apportionFast(floors []uint64, items []remainder, total uint64) {
	var sum uint64
	for _, f := range floors {
		sum += f
	}
	roundUp(floors, items, int(total-sum))
}

// roundUp is the package's one rule of rounding, for remainders of a
// word: it adds one to the floors of the need parties with the largest
// remainders, ties going to the larger quota, which has the larger floor,
// then to the earlier party. items holds the floor and remainder of each
// party, and is reordered.
func roundUp(floors []uint64, items []remainder, need int) {
	if need == 0 {
		return
	}
	selectTop(items, need)
	for _, it := range items[:need] {
		floors[it.j]++
	}
}

// withoutZeros returns the coefficient of d, for d >= 0 of more than 18
// digits, without the zeros at its end, and their number, where what is
// left fits 63 bits: 12.500000000000000000 is 125 and 17 zeros.
func withoutZeros(d decimal.Decimal) (uint64, int32, bool) {
	w, ok := words128(d.Coefficient())
	if !ok {
		return 0, 0, false
	}
	hi, lo := w.hi, w.lo
	zeros := int32(0)
	for _, k := range [...]int32{16, 8, 4, 2, 1} {
		p := pow10s[k]
		for hi != 0 || lo >= p {
			qhi, r := bits.Div64(0, hi, p)
			qlo, r := bits.Div64(r, lo, p)
			if r != 0 {
				break
			}
			hi, lo, zeros = qhi, qlo, zeros+k
		}
	}
	return lo, zeros, hi == 0 && lo <= math.MaxInt64
}

// AtMostOne reports whether d <= 1, in integers where d fits them: Cmp
// allocates to compare decimals of different exponents.
func AtMostOne(d decimal.Decimal) bool {
	if e := d.Exponent(); e <= 0 && e >= -18 && d.NumDigits() <= 18 {
		return d.CoefficientInt64() <= int64(pow10s[-e])
	}
	return d.Cmp(one) <= 0
}

// countStepsFast is countSteps on the fast path, for a budget that is a
// whole number of steps; it reports false otherwise, or where the numbers
// do not fit, for countStepsBig to say why.
func countStepsFast(budget, step decimal.Decimal) (Steps, bool) {
	e := min(budget.Exponent(), step.Exponent())
	b, okB := scaled64(budget, e)
	s, okS := scaled64(step, e)
	if !okB || !okS || s == 0 || b%s != 0 || b/s > MaxSteps {
		return 0, false
	}
	return Steps(b / s), true
}

// share64 returns q x 10^-SharePlaces, a share of at most 1, without
// trailing zeros: from the tables of sharedAmounts where it is one of their
// decimals, as shares such as 1, 0.5 and 0.75 are.
func share64(q uint64) decimal.Decimal {
	if q == 0 {
		return decimal.Decimal{}
	}
	exp := int32(-SharePlaces)
	// The zeros in four steps, 8, 4, 2 and 1 (a share has at most 12): one
	// at a time cost a share of 1 twelve (BenchmarkCliffs, n=1000000x1).
	if q%1e8 == 0 {
		q, exp = q/1e8, exp+8
	}
	if q%1e4 == 0 {
		q, exp = q/1e4, exp+4
	}
	if q%100 == 0 {
		q, exp = q/100, exp+2
	}
	if q%10 == 0 {
		q, exp = q/10, exp+1
	}
	if exp > -int32(len(sharedAmounts)) && q < sharedCoefficients {
		return sharedAmounts[-exp]()[q]
	}
	return decimal.New(int64(q), exp)
}

// splitFast sets counts to the steps of the key customers, then of the
// rest, on the fast path, using parties, as long as counts, as scratch; it
// reports whether the numbers fit: they do when the total revenue in the
// units of the factors fits 64 bits.
func (r *Revenues) splitFast(steps Steps, keys []int, marks []Mark, f Factors, counts []uint64, parties []remainder) bool {
	if r.bigTotal != nil {
		return false
	}
	m := uint64(steps)
	// Quotas are m x f x unit / den, with den = total x 10^-exp.
	dhi, den := bits.Mul64(r.total, pow10s[-f.exp])
	if dhi != 0 {
		return false
	}
	k := len(keys)
	if den == 0 {
		clear(counts[:k])
		counts[k] = m
		return true
	}
	var sumHi, sumLo uint64
	left := m
	for j, i := range keys {
		hi, lo := bits.Mul64(m, f.of(marks[i])*r.units[i]) // f x unit is at most den
		counts[j], parties[j].rem = bits.Div64(hi, lo, den)
		parties[j].floor, parties[j].j = counts[j], j
		var carry uint64
		sumLo, carry = bits.Add64(sumLo, lo, 0)
		sumHi += hi + carry
		left -= counts[j]
	}
	restHi, restLo := bits.Mul64(m, den)
	var borrow uint64
	restLo, borrow = bits.Sub64(restLo, sumLo, 0)
	restHi -= sumHi + borrow
	counts[k], parties[k].rem = bits.Div64(restHi, restLo, den)
	parties[k].floor, parties[k].j = counts[k], k
	left -= counts[k]
	roundUp(counts, parties, int(left))
	return true
}

// Amounts makes the decimal amounts of a plan, count x step. An amount
// whose coefficient is in a table of sharedAmounts comes from there; other
// amounts of a small number of steps are made once per plan and shared
// between the parties that get them.
type Amounts struct {
	step   decimal.Decimal
	coef   uint64 // the step's coefficient, if it fits 63 bits; else 0
	shared *[sharedCoefficients]decimal.Decimal
	// The cache is made on first use: clearing it cost a plan of one
	// customer 5% (BenchmarkCliffs, n=1000000x1).
	cache *[64]decimal.Decimal // 64: a bit of made for each
	made  uint64               // bit c is set once cache[c] is made
}

// NewAmounts returns the amounts of step, which is positive and within the
// bounds.
func NewAmounts(step decimal.Decimal) Amounts {
	a := Amounts{step: step}
	if step.NumDigits() <= 18 {
		a.coef = uint64(step.CoefficientInt64())
	}
	if exp := step.Exponent(); exp <= 0 && exp > -int32(len(sharedAmounts)) {
		a.shared = sharedAmounts[-exp]()
	}
	return a
}

// Amount returns count x step.
func (a *Amounts) Amount(count uint64) decimal.Decimal {
	hi, c := bits.Mul64(count, a.coef)
	fits := a.coef != 0 && hi == 0 && c <= math.MaxInt64
	switch {
	case fits && a.shared != nil && c < sharedCoefficients:
		return a.shared[c]
	case count < uint64(len(a.cache)): // len of a pointer to an array: its length, even while nil
		if a.made&(1<<count) == 0 {
			if a.cache == nil {
				a.cache = new([64]decimal.Decimal)
			}
			a.cache[count] = a.make(count, c, fits)
			a.made |= 1 << count
		}
		return a.cache[count]
	}
	return a.make(count, c, fits)
}

// make returns a new count x step, given c = count x coef and whether it
// fits 63 bits.
func (a *Amounts) make(count, c uint64, fits bool) decimal.Decimal {
	if fits {
		return decimal.New(int64(c), a.step.Exponent())
	}
	return bigAmount(count, a.step)
}

// sharedCoefficients is the number of decimals in each table of
// sharedAmounts.
const sharedCoefficients = 2048

// sharedAmounts holds, for the exponents 0, -1 and -2 (steps such as 1,
// 0.5 and 0.25), the decimals c x 10^exp for every c below
// sharedCoefficients, each table made on the first plan with a step of its
// exponent and never changed. A decimal never changes its value, so plans
// share them: most amounts of most plans are among them.
var sharedAmounts = [...]func() *[sharedCoefficients]decimal.Decimal{
	sync.OnceValue(func() *[sharedCoefficients]decimal.Decimal { return makeShared(0) }),
	sync.OnceValue(func() *[sharedCoefficients]decimal.Decimal { return makeShared(-1) }),
	sync.OnceValue(func() *[sharedCoefficients]decimal.Decimal { return makeShared(-2) }),
}

// makeShared returns a table of sharedAmounts.
func makeShared(exp int32) *[sharedCoefficients]decimal.Decimal {
	var t [sharedCoefficients]decimal.Decimal
	for c := range t {
		t[c] = decimal.New(int64(c), exp)
	}
	return &t
}

// Prorate returns counts, steps of the parties of a plan, times passed /
// total, for passed <= total and total > 0, in whole steps that add up to
// the sum of counts times passed / total rounded half to even, by the
// package's one rule of rounding: largest remainders, then larger quotas,
// then earlier parties.
func Prorate(counts []uint64, passed, total uint64) []uint64 {
	out := make([]uint64, len(counts))
	items := make([]remainder, len(counts))
	var sumHi, sumLo uint64
	var floors uint64
	for j, c := range counts {
		hi, lo := bits.Mul64(c, passed) // quotient fits: passed <= total
		out[j], items[j].rem = bits.Div64(hi, lo, total)
		items[j].floor, items[j].j = out[j], j
		floors += out[j]
		var carry uint64
		sumLo, carry = bits.Add64(sumLo, lo, 0)
		sumHi += hi + carry
	}
	roundUp(out, items, int(roundHalfEven64(sumHi, sumLo, total)-floors))
	return out
}

// Digits returns the number of decimal digits of u, 1 for 0.
func Digits(u uint64) int {
	// bits.Len64(u)*1233>>12 is floor(log10(2^bits)): the digits or one
	// fewer.
	n := bits.Len64(u) * 1233 >> 12
	if n < len(pow10s) && u >= pow10s[n] {
		n++
	}
	return max(n, 1)
}
