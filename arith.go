package salestime

import (
	"cmp"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"sync"

	"github.com/shopspring/decimal"
)

// The arithmetic of Allocate and Plan, twice: in uint64 with 128-bit
// products where the numbers fit, as they do for nearly all real data, and
// in math/big for the rest. Both give the same results; the tests check one
// against the other.

// shareScale is 10^SharePlaces.
const shareScale = 1_000_000_000_000

// sharesSmall sets rev and tim, of one entry per key customer, to the
// revenue and time shares of a's key customers, and returns the key
// customers' revenue and time shares, on the int64 path, which needs the
// factors to have at most SharePlaces places. Shares are counted in units
// of 10^-SharePlaces.
func (a *Allocation) sharesSmall(rev, tim []uint64) (keyRev, keyTime uint64) {
	units, t := a.p.d.units, a.p.d.total
	if t == 0 {
		clear(rev)
		clear(tim)
		return 0, 0
	}
	// A revenue share is unit x 10^SharePlaces / t, and a time share
	// g x unit / t, with g the factor x 10^SharePlaces, at most
	// 10^SharePlaces.
	g := factors{
		existing: a.f.existing * pow10s[SharePlaces+a.f.exp],
		new:      a.f.new * pow10s[SharePlaces+a.f.exp],
	}
	k := len(a.keys)
	var itemBuf [stackKeys]remainder
	items, pooled := remainderScratch.get(itemBuf[:], k)
	defer remainderScratch.put(pooled)
	// Revenue shares.
	var revSum uint64
	for j, i := range a.keys {
		u := units[i]
		hi, lo := bits.Mul64(u, shareScale)
		q, r := bits.Div64(hi, lo, t)
		rev[j], items[j] = q, remainder{rem: r, floor: q, j: j}
		revSum += u
	}
	hi, lo := bits.Mul64(revSum, shareScale)
	keyRev = roundHalfEven64(hi, lo, t)
	apportion64(rev, items, keyRev)
	// Time shares.
	var timHi, timLo uint64
	customers := a.p.d.customers
	for j, i := range a.keys {
		hi, lo := bits.Mul64(g.of(customers[i]), units[i])
		q, r := bits.Div64(hi, lo, t)
		tim[j], items[j] = q, remainder{rem: r, floor: q, j: j}
		var carry uint64
		timLo, carry = bits.Add64(timLo, lo, 0)
		timHi += hi + carry
	}
	keyTime = roundHalfEven64(timHi, timLo, t)
	apportion64(tim, items, keyTime)
	return keyRev, keyTime
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

// apportion64 adds one to the floors of the shares with the largest
// remainders, until they add up to total; ties go to the larger quota,
// then to the earlier share. items holds the remainder and floor of each
// share, and is reordered.
func apportion64(floors []uint64, items []remainder, total uint64) {
	var sum uint64
	for _, f := range floors {
		sum += f
	}
	need := int(total - sum)
	if need == 0 {
		return
	}
	selectTop(items, need)
	for _, it := range items[:need] {
		floors[it.j]++
	}
}

// share64 returns q x 10^-SharePlaces without trailing zeros.
func share64(q uint64) decimal.Decimal {
	if q == 0 {
		return decimal.Decimal{}
	}
	exp := int32(-SharePlaces)
	for exp < 0 && q%10 == 0 {
		q /= 10
		exp++
	}
	return decimal.New(int64(q), exp)
}

// sharesBig returns, in math/big, the revenue and time shares of a's key
// customers, one by one and as a whole.
func (a *Allocation) sharesBig() (rev, tim []decimal.Decimal, keyRev, keyTime decimal.Decimal) {
	t := a.p.totalUnits()
	if t.Sign() == 0 {
		return make([]decimal.Decimal, len(a.keys)), make([]decimal.Decimal, len(a.keys)), decimal.Decimal{}, decimal.Decimal{}
	}
	fExisting, fNew := new(big.Int).SetUint64(a.f.existing), new(big.Int).SetUint64(a.f.new)
	revenues := make([]*big.Int, len(a.keys))
	weights := make([]*big.Int, len(a.keys))
	customers := a.p.customersOf()
	for j, i := range a.keys {
		revenues[j] = a.p.bigUnit(int(i))
		f := fExisting
		if customers[i].New {
			f = fNew
		}
		weights[j] = new(big.Int).Mul(f, revenues[j])
	}
	rev, keyRev = apportion(revenues, t)
	tim, keyTime = apportion(weights, new(big.Int).Mul(t, pow10(int64(-a.f.exp))))
	return rev, tim, keyRev, keyTime
}

// roundUpLargest adds one to need of floors: those with the largest
// remainders, ties to the larger floor, which is the larger quota, then to
// the earlier. It is the one rule of every apportionment on the math/big
// path, as above is on the int64 path.
func roundUpLargest(floors, rems []*big.Int, need int64) {
	order := make([]int, len(floors))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(rems[b].Cmp(rems[a]), floors[b].Cmp(floors[a]), cmp.Compare(a, b))
	})
	for _, i := range order[:need] {
		floors[i].Add(floors[i], big.NewInt(1))
	}
}

// apportion returns nums[i] / den, for den > 0, rounded to SharePlaces
// places so that the results add up exactly to the sum of nums / den
// rounded half to even, and that sum. Each result is its exact value
// rounded down, or up where the sum needs it, as roundUpLargest picks.
func apportion(nums []*big.Int, den *big.Int) ([]decimal.Decimal, decimal.Decimal) {
	scale := pow10(SharePlaces)
	floors := make([]*big.Int, len(nums))
	rems := make([]*big.Int, len(nums))
	sum := new(big.Int)
	floorSum := new(big.Int)
	for i, n := range nums {
		x := new(big.Int).Mul(n, scale)
		sum.Add(sum, x)
		floors[i], rems[i] = new(big.Int).QuoRem(x, den, new(big.Int))
		floorSum.Add(floorSum, floors[i])
	}
	total := roundHalfEven(sum, den)
	roundUpLargest(floors, rems, new(big.Int).Sub(total, floorSum).Int64())
	shares := make([]decimal.Decimal, len(nums))
	for i, f := range floors {
		shares[i] = trimmed(f, -SharePlaces)
	}
	return shares, trimmed(total, -SharePlaces)
}

// roundHalfEven returns x / y rounded to the nearest integer, ties to even,
// for x >= 0 and y > 0.
func roundHalfEven(x, y *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(x, y, new(big.Int))
	switch r.Lsh(r, 1).Cmp(y) {
	case 1:
		q.Add(q, big.NewInt(1))
	case 0:
		if q.Bit(0) == 1 {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

// trimmed returns the decimal c x 10^exp, for exp <= 0, without the
// trailing zeros of its fraction.
func trimmed(c *big.Int, exp int32) decimal.Decimal {
	c = new(big.Int).Set(c)
	ten := big.NewInt(10)
	q, r := new(big.Int), new(big.Int)
	for exp < 0 && c.Sign() != 0 {
		q.QuoRem(c, ten, r)
		if r.Sign() != 0 {
			break
		}
		c, q = q, c
		exp++
	}
	if c.Sign() == 0 {
		exp = 0
	}
	return decimal.NewFromBigInt(c, exp)
}

// planSmall sets counts to the steps of the key customers of a, then of
// the rest, on the int64 path, using parties, of the same length, as
// scratch; it reports whether the numbers fit that path: they do when the
// total revenue in the units of the factors fits 64 bits.
func (a Allocation) planSmall(m uint64, counts []uint64, parties []remainder) bool {
	if a.p.d == nil || a.p.d.units == nil {
		return false
	}
	// Quotas are m x f x unit / den, with den = total x 10^-exp.
	dhi, den := bits.Mul64(a.p.d.total, pow10s[-a.f.exp])
	if dhi != 0 {
		return false
	}
	k := len(a.keys)
	if den == 0 {
		clear(counts[:k])
		counts[k] = m
		return true
	}
	var sumHi, sumLo uint64
	left := m
	customers := a.p.d.customers
	weight := func(j int) uint64 { // f x unit, at most den
		i := a.keys[j]
		return a.f.of(customers[i]) * a.p.d.units[i]
	}
	for j := range a.keys {
		hi, lo := bits.Mul64(m, weight(j))
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
	if left > 0 {
		// Hamilton's method: the largest remainders, then the larger
		// quota, then the earlier party, the rest last. Where remainders
		// are equal, the larger quota is the one with the larger floor.
		selectTop(parties, int(left))
		for _, p := range parties[:left] {
			counts[p.j]++
		}
	}
	return true
}

// planBig returns the steps of the key customers of a, then of the rest, in
// math/big.
func (a Allocation) planBig(m uint64) []uint64 {
	k := len(a.keys)
	counts := make([]uint64, k+1)
	den := new(big.Int).Mul(a.p.totalUnits(), pow10(int64(-a.f.exp)))
	if den.Sign() == 0 {
		counts[k] = m
		return counts
	}
	bm := new(big.Int).SetUint64(m)
	quotas := make([]*big.Int, k+1) // numerators over den
	floors := make([]*big.Int, k+1)
	rems := make([]*big.Int, k+1)
	rest := new(big.Int).Mul(bm, den)
	left := new(big.Int).Set(bm)
	customers := a.p.customersOf()
	for j := range k + 1 {
		if j < k {
			i := int(a.keys[j])
			f := new(big.Int).SetUint64(a.f.of(customers[i]))
			quotas[j] = new(big.Int).Mul(bm, f)
			quotas[j].Mul(quotas[j], a.p.bigUnit(i))
			rest.Sub(rest, quotas[j])
		} else {
			quotas[j] = rest
		}
		floors[j], rems[j] = new(big.Int).QuoRem(quotas[j], den, new(big.Int))
		left.Sub(left, floors[j])
	}
	roundUpLargest(floors, rems, left.Int64())
	for j, f := range floors {
		counts[j] = f.Uint64()
	}
	return counts
}

// amounts makes the decimal amounts of a plan. Where the step's exponent
// has a table in sharedAmounts, an amount whose coefficient is in it comes
// from there; other amounts of a small number of steps are made once per
// plan and shared between the parties that get them.
type amounts struct {
	step   decimal.Decimal
	coef   uint64 // the step's coefficient, if it fits 63 bits; else 0
	shared *[sharedCoefficients]decimal.Decimal
	cache  [64]decimal.Decimal
	made   [64]bool
}

// newAmounts returns the amounts of step, which is positive.
func newAmounts(step decimal.Decimal) amounts {
	a := amounts{step: step}
	if step.NumDigits() <= 18 {
		a.coef = uint64(step.CoefficientInt64())
	}
	if exp := step.Exponent(); exp <= 0 && exp > -int32(len(sharedAmounts)) {
		a.shared = sharedAmounts[-exp]()
	}
	return a
}

// of returns count x step.
func (a *amounts) of(count uint64) decimal.Decimal {
	hi, c := bits.Mul64(count, a.coef)
	fits := a.coef != 0 && hi == 0 && c <= math.MaxInt64
	switch {
	case fits && a.shared != nil && c < sharedCoefficients:
		return a.shared[c]
	case count < uint64(len(a.cache)):
		if !a.made[count] {
			a.cache[count], a.made[count] = a.make(count, c, fits), true
		}
		return a.cache[count]
	}
	return a.make(count, c, fits)
}

// make returns a new count x step, given c = count x coef and whether it
// fits 63 bits.
func (a *amounts) make(count, c uint64, fits bool) decimal.Decimal {
	if fits {
		return decimal.New(int64(c), a.step.Exponent())
	}
	return decimal.NewFromBigInt(new(big.Int).SetUint64(count), 0).Mul(a.step)
}

// sharedCoefficients is the number of decimals in each table of
// sharedAmounts.
const sharedCoefficients = 2048

// sharedAmounts holds, for the exponents 0, -1 and -2 (steps such as 1,
// 0.5 and 0.25), the decimals c x 10^exp for every c below
// sharedCoefficients, each table made on the first plan with a step of its
// exponent and never changed.
// A decimal never changes its value, so plans share them: most amounts of
// most plans are among them, and cost no allocation.
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
