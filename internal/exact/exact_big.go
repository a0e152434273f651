package exact

// The big path of the engine: the same arithmetic as exact_fast.go, in
// math/big, for numbers that do not fit 64 bits, where the wide path's
// arithmetic does not reach either. A reader of the rule can skip this
// file; exact.go says what it does and when.

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
)

// Pow10 returns 10^n for n >= 0.
func Pow10(n int64) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(n), nil)
}

// Scaled returns the coefficient of d at exponent exp, which must not be
// greater than the exponent of d: d = scaled(d, exp) x 10^exp.
func Scaled(d decimal.Decimal, exp int32) *big.Int {
	if u, ok := scaled64(d, exp); ok {
		return new(big.Int).SetUint64(u)
	}
	return Shifted(d.Coefficient(), int64(d.Exponent())-int64(exp))
}

// Shifted sets z to z x 10^shift, for shift >= 0, and returns it.
func Shifted(z *big.Int, shift int64) *big.Int {
	switch {
	case shift == 0:
	case shift < int64(len(bigPow10s)):
		z.Mul(z, bigPow10s[shift]) // a table's: a pow10 for each revenue costs 16% (BenchmarkCliffs, one=bounds)
	default:
		z.Mul(z, Pow10(shift))
	}
	return z
}

// bigPow10s holds 10^n for the n of pow10s, as big.Ints that are only read.
var bigPow10s = func() (p [len(pow10s)]*big.Int) {
	for i, u := range pow10s {
		p[i] = new(big.Int).SetUint64(u)
	}
	return p
}()

// sortBig puts n customers, of the given revenues and names, in portfolio
// order, as sortFast does, and returns their revenues off the fast path,
// at exponent exp, the least of theirs:
// on the wide path where each unit fits 128 bits, else on the big path.
func sortBig(n int, revenue func(i int) decimal.Decimal, exp int32, name func(i int) string, place func(pos, i int)) Revenues {
	if r, ok := sortWide(n, revenue, exp, name, place); ok {
		return r
	}
	units := make([]*big.Int, n)
	for i := range units {
		units[i] = Scaled(revenue(i), exp)
	}
	order := sortIndexes(n, name, func(a, b int32) int { return units[a].Cmp(units[b]) })
	r := Revenues{exp: exp, bigUnits: make([]*big.Int, len(units)), bigTotal: new(big.Int)}
	for pos, i := range order {
		place(pos, int(i))
		r.bigUnits[pos] = units[i]
		r.bigTotal.Add(r.bigTotal, units[i])
	}
	return r
}

// sortIndexes returns the index of each of n customers at each position in
// portfolio order, given their names and how their revenues compare.
func sortIndexes(n int, name func(int) string, cmpRevenue func(a, b int32) int) []int32 {
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(cmpRevenue(b, a), strings.Compare(name(int(a)), name(int(b))))
	})
	return order
}

// unit sets z to the i-th revenue in units and returns it, or returns the
// big unit itself, which callers must not change.
func (r *Revenues) unit(z *big.Int, i int) *big.Int {
	switch {
	case r.wideUnits != nil:
		return r.wideUnits[i].setBig(z)
	case r.bigUnits != nil:
		return r.bigUnits[i]
	}
	return z.SetUint64(r.units[i])
}

// totalUnits returns the total in units; callers must not change it.
func (r *Revenues) totalUnits() *big.Int {
	if r.bigTotal != nil {
		return r.bigTotal
	}
	return new(big.Int).SetUint64(r.total)
}

// reachBig is reach in math/big.
func (r *Revenues) reachBig(share decimal.Decimal) int {
	// With share = s x 10^e: cum >= share x total when cum x 10^-e >= s x total.
	e := min(share.Exponent(), 0)
	target := new(big.Int).Mul(Scaled(share, e), r.totalUnits())
	scale := Pow10(int64(-e))
	cum, x, u := new(big.Int), new(big.Int), new(big.Int)
	k := 0
	for k < r.positive && x.Mul(cum, scale).Cmp(target) < 0 {
		cum.Add(cum, r.unit(u, k))
		k++
	}
	return k
}

// atLeastBig is atLeast in math/big.
func (r *Revenues) atLeastBig(m decimal.Decimal) int {
	// The least number of units that is at least m: ceil(m x 10^-exp).
	var least *big.Int
	if e := m.Exponent(); e >= r.exp {
		least = Scaled(m, r.exp)
	} else {
		var rem big.Int
		least, _ = new(big.Int).QuoRem(m.Coefficient(), Pow10(int64(r.exp-e)), &rem)
		if rem.Sign() > 0 {
			least.Add(least, big.NewInt(1))
		}
	}
	// Revenues fall in portfolio order: the ones at least m come first.
	u := new(big.Int)
	return sort.Search(r.positive, func(i int) bool { return r.unit(u, i).Cmp(least) < 0 })
}

// classABig is classA in math/big.
func (r *Revenues) classABig() int {
	n := r.positive
	if n == 0 {
		return 0
	}
	// Scaled by n^2 x T^2, the distance is i^2 T^2 + n^2 (T - S(i))^2,
	// with S(i) the revenue of the first i customers.
	t := r.totalUnits()
	nn := big.NewInt(int64(n))
	t2 := new(big.Int).Mul(t, t)
	n2 := new(big.Int).Mul(nn, nn)
	// The loop reuses its integers: it allocates nothing per customer.
	best, d, rest, ii, u := new(big.Int), new(big.Int), new(big.Int), new(big.Int), new(big.Int)
	pareto := 0
	cum := new(big.Int)
	for i := 1; i <= n; i++ {
		cum.Add(cum, r.unit(u, i-1))
		rest.Sub(t, cum)
		d.Mul(rest, rest)
		d.Mul(d, n2)
		ii.SetInt64(int64(i))
		ii.Mul(ii, ii)
		d.Add(d, ii.Mul(ii, t2))
		if pareto == 0 || d.Cmp(best) < 0 {
			best.Set(d)
			pareto = i
		}
	}
	breakEven := 0
	x := new(big.Int)
	for i := 1; i <= n && x.Mul(r.unit(u, i-1), nn).Cmp(t) >= 0; i++ {
		breakEven = i
	}
	return min(pareto, breakEven)
}

// sharesBig is shares in math/big.
func (r *Revenues) sharesBig(keys []int, marks []Mark, f Factors, set func(j int, revenue, time decimal.Decimal)) KeyShares {
	k := len(keys)
	t := r.totalUnits()
	if t.Sign() == 0 {
		return KeyShares{Rest: one}
	}
	fExisting, fNew := new(big.Int).SetUint64(f.existing), new(big.Int).SetUint64(f.new)
	revs := make([]*big.Int, k)
	weights := make([]*big.Int, k)
	for j, i := range keys {
		revs[j] = r.unit(new(big.Int), i)
		g := fExisting
		if marks[i]&MarkNew != 0 {
			g = fNew
		}
		weights[j] = new(big.Int).Mul(g, revs[j])
	}
	var s KeyShares
	revShares, keyRevenue := apportionBig(revs, t)
	timeShares, keyTime := apportionBig(weights, new(big.Int).Mul(t, Pow10(int64(-f.exp))))
	for j := range keys {
		set(j, revShares[j], timeShares[j])
	}
	s.KeyRevenue, s.KeyTime, s.Rest = keyRevenue, keyTime, one.Sub(keyTime)
	return s
}

// apportionBig returns nums[i] / den, for den > 0, rounded to SharePlaces
// places so that the results add up exactly to the sum of nums / den
// rounded half to even, and that sum. Each result is its exact value
// rounded down, or up where the sum needs it, as roundUpLargest picks.
func apportionBig(nums []*big.Int, den *big.Int) ([]decimal.Decimal, decimal.Decimal) {
	scale := Pow10(SharePlaces)
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
		shares[i] = trimmed(f)
	}
	return shares, trimmed(total)
}

// roundUpLargest adds one to need of floors: those with the largest
// remainders, ties to the larger floor, which is the larger quota, then to
// the earlier. It is the one rule of every apportionment on the big path,
// as above is on the fast path.
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

// trimmed returns the share c x 10^-SharePlaces without the trailing
// zeros of its fraction.
func trimmed(c *big.Int) decimal.Decimal {
	exp := int32(-SharePlaces)
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

// countStepsBig is CountSteps in math/big.
func countStepsBig(budget, step decimal.Decimal) (Steps, error) {
	e := min(budget.Exponent(), step.Exponent())
	m, r := new(big.Int).QuoRem(Scaled(budget, e), Scaled(step, e), new(big.Int))
	if r.Sign() != 0 {
		return 0, fmt.Errorf("budget %s is not a whole number of steps of %s", plain(budget), plain(step))
	}
	if m.Cmp(big.NewInt(MaxSteps)) > 0 {
		return 0, fmt.Errorf("budget %s is %s steps of %s, more than the %d allowed", plain(budget), m, plain(step), int64(MaxSteps))
	}
	return Steps(m.Uint64()), nil
}

// splitBig is split in math/big: it returns the steps of the key
// customers, then of the rest.
func (r *Revenues) splitBig(steps Steps, keys []int, marks []Mark, f Factors) []uint64 {
	k := len(keys)
	counts := make([]uint64, k+1)
	den := new(big.Int).Mul(r.totalUnits(), Pow10(int64(-f.exp)))
	if den.Sign() == 0 {
		counts[k] = uint64(steps)
		return counts
	}
	m := new(big.Int).SetUint64(uint64(steps))
	floors := make([]*big.Int, k+1)
	rems := make([]*big.Int, k+1)
	rest := new(big.Int).Mul(m, den)
	left := new(big.Int).Set(m)
	for j := range k + 1 {
		quota := rest // the rest's, after the key customers'
		if j < k {
			i := keys[j]
			quota = new(big.Int).Mul(m, new(big.Int).SetUint64(f.of(marks[i])))
			quota.Mul(quota, r.unit(new(big.Int), i))
			rest.Sub(rest, quota)
		}
		floors[j], rems[j] = new(big.Int).QuoRem(quota, den, new(big.Int))
		left.Sub(left, floors[j])
	}
	roundUpLargest(floors, rems, left.Int64())
	for j, f := range floors {
		counts[j] = f.Uint64()
	}
	return counts
}

// bigAmount returns count x step in math/big.
func bigAmount(count uint64, step decimal.Decimal) decimal.Decimal {
	return decimal.NewFromBigInt(new(big.Int).SetUint64(count), 0).Mul(step)
}

// Ratio returns x / y rounded half to even to SharePlaces places, without
// trailing zeros, for y > 0.
func Ratio(x, y int64) decimal.Decimal {
	if r, ok := ratioFast(x, y); ok {
		return r
	}
	n := new(big.Int).Mul(big.NewInt(x), Pow10(SharePlaces))
	neg := n.Sign() < 0
	q := roundHalfEven(n.Abs(n), big.NewInt(y))
	if neg {
		q.Neg(q)
	}
	return trimmed(q)
}

// Share returns part / whole rounded half to even to SharePlaces places,
// without trailing zeros, for 0 <= part <= whole and whole > 0.
func Share(part, whole decimal.Decimal) decimal.Decimal {
	exp := min(part.Exponent(), whole.Exponent())
	if s, ok := shareFast(part, whole, exp); ok {
		return s
	}
	n := Shifted(Scaled(part, exp), SharePlaces)
	return trimmed(roundHalfEven(n, Scaled(whole, exp)))
}

// SplitRest is split with the rest split in two: share of it for
// prospecting, the remainder for the other customers; it returns the
// amounts of the key customers, then of the other customers, then of
// prospecting. All quotas are over one denominator, so that the package's
// one rule rounds them together; it runs in math/big, once a plan.
func (r *Revenues) SplitRest(steps Steps, step decimal.Decimal, keys []int, marks []Mark, f Factors, share decimal.Decimal) []decimal.Decimal {
	k := len(keys)
	m := new(big.Int).SetUint64(uint64(steps))
	// share = sc / s; the quotas are over d = total x 10^-exp x s x s.
	e := min(share.Exponent(), 0)
	sc, s := Scaled(share, e), Pow10(int64(-e))
	den := new(big.Int).Mul(r.totalUnits(), Pow10(int64(-f.exp)))
	quotas := make([]*big.Int, k+2)
	if den.Sign() == 0 {
		// No revenue: the rest is all, split by the share alone.
		den.SetInt64(1)
	}
	d := new(big.Int).Mul(den, s)
	d.Mul(d, s)
	rest := new(big.Int).Mul(m, new(big.Int).Mul(den, s)) // over den x s
	for j, i := range keys {
		q := new(big.Int).Mul(m, new(big.Int).SetUint64(f.of(marks[i])))
		q.Mul(q, r.unit(new(big.Int), i)) // zero where the total is
		q.Mul(q, s)
		rest.Sub(rest, q)
		quotas[j] = q.Mul(q, s)
	}
	quotas[k] = new(big.Int).Mul(rest, new(big.Int).Sub(s, sc))
	quotas[k+1] = new(big.Int).Mul(rest, sc)
	floors := make([]*big.Int, k+2)
	rems := make([]*big.Int, k+2)
	left := new(big.Int).Set(m)
	for j, q := range quotas {
		floors[j], rems[j] = new(big.Int).QuoRem(q, d, new(big.Int))
		left.Sub(left, floors[j])
	}
	roundUpLargest(floors, rems, left.Int64())
	Amounts := make([]decimal.Decimal, k+2)
	of := NewAmounts(step)
	for j, fl := range floors {
		Amounts[j] = of.Amount(fl.Uint64())
	}
	return Amounts
}

// plain writes d in plain notation with the places it has.
func plain(d decimal.Decimal) string {
	return d.StringFixed(max(-d.Exponent(), 0))
}
