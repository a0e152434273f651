package salestime

import (
	"fmt"
	"math/big"
	"math/bits"
	"sort"

	"github.com/shopspring/decimal"
)

// A Selector picks the key customers of a portfolio. It returns one mark per
// customer of p in portfolio order: marks[i] reports whether the i-th
// customer of p.Customers() is key. [Allocate] calls it once.
//
// The selectors of this package pick by revenue ([TopN], [TopShare],
// [MinRevenue], [ABC]) or by hand ([Marked]). The ones that pick by revenue
// never pick a customer with zero revenue, and never split customers with
// equal revenue: both are key or neither is. Since the portfolio is sorted
// by revenue, they pick a run of its first customers.
//
// Any function of this type is a selector; one written for a program should
// return an error wrapping [ErrInvalidSelector] when its arguments are bad.
// A nil Selector makes [Allocate] return [ErrInvalidSelector].
type Selector func(p Portfolio) (marks []bool, err error)

// TopN returns a selector of the n largest customers, and any customer tied
// with the n-th. TopN(0) picks no one. A negative n is an error wrapping
// [ErrInvalidSelector].
func TopN(n int) Selector {
	return func(p Portfolio) ([]bool, error) {
		if n < 0 {
			return nil, fmt.Errorf("%w: TopN(%d): n is negative", ErrInvalidSelector, n)
		}
		return p.firstMarks(min(n, p.positive())), nil
	}
}

// TopShare returns a selector of the fewest largest customers whose revenue
// together reaches at least share of the total: customers are taken largest
// first until their revenue reaches the share, so the one that crosses the
// line is in, and then any customer tied with the last one taken.
// TopShare(decimal.RequireFromString("0.8")) picks the customers who bring
// 80% of the revenue, the Pareto rule. It picks no one from a portfolio
// without revenue.
//
// A share that is not greater than 0 and at most 1, or that has more than
// [MaxPlaces] decimal places, is an error wrapping [ErrInvalidSelector].
func TopShare(share decimal.Decimal) Selector {
	return func(p Portfolio) ([]bool, error) {
		if err := checkBounds(share, 1); err != nil {
			return nil, fmt.Errorf("%w: TopShare: share %w", ErrInvalidSelector, err)
		}
		if share.Sign() <= 0 || share.Cmp(one) > 0 {
			return nil, fmt.Errorf("%w: TopShare(%s): share must be greater than 0 and at most 1",
				ErrInvalidSelector, formatDecimal(share))
		}
		return p.firstMarks(p.reach(share)), nil
	}
}

// reach returns the fewest customers of p, largest first, whose revenue
// reaches share of the total, for 0 < share <= 1; 0 if p has no revenue.
func (p Portfolio) reach(share decimal.Decimal) int {
	// With share = s x 10^e: cum >= share x total when cum x 10^-e >= s x total.
	n := p.positive()
	e := min(share.Exponent(), 0)
	if s, ok := scaled64(share, e); ok && p.d != nil && p.d.units != nil {
		// The int64 path: both sides fit 128 bits.
		scale := pow10s[-e]
		thi, tlo := bits.Mul64(s, p.d.total)
		var cum uint64
		for k := range n {
			hi, lo := bits.Mul64(cum, scale)
			if hi > thi || hi == thi && lo >= tlo {
				return k
			}
			cum += p.d.units[k]
		}
		return n
	}
	target := new(big.Int).Mul(scaled(share, e), p.totalUnits())
	scale := pow10(int64(-e))
	cum, x, u := new(big.Int), new(big.Int), new(big.Int)
	k := 0
	for k < n && x.Mul(cum, scale).Cmp(target) < 0 {
		cum.Add(cum, p.unitInto(u, k))
		k++
	}
	return k
}

// MinRevenue returns a selector of the customers whose revenue is at least
// min and not zero. A negative min, or one outside the bounds [MaxPlaces]
// and [MaxIntegerDigits], is an error wrapping [ErrInvalidSelector].
func MinRevenue(min decimal.Decimal) Selector { //nolint:revive // the parameter name is that of the documented API
	return func(p Portfolio) ([]bool, error) {
		if err := checkPlaces(min); err != nil {
			return nil, fmt.Errorf("%w: MinRevenue: minimum %w", ErrInvalidSelector, err)
		}
		if min.Sign() < 0 {
			return nil, fmt.Errorf("%w: MinRevenue(%s): minimum is negative", ErrInvalidSelector, formatDecimal(min))
		}
		return p.firstMarks(p.atLeast(min)), nil
	}
}

// atLeast returns the number of customers of p with revenue above zero and
// at least m, for m >= 0 within the bounds.
func (p Portfolio) atLeast(m decimal.Decimal) int {
	n := p.positive()
	if n == 0 {
		return 0
	}
	// The least number of units that is at least m: ceil(m x 10^-exp).
	var least *big.Int
	if e := m.Exponent(); e >= p.d.exp {
		least = scaled(m, p.d.exp)
	} else {
		var r big.Int
		least, _ = new(big.Int).QuoRem(m.Coefficient(), pow10(int64(p.d.exp-e)), &r)
		if r.Sign() > 0 {
			least.Add(least, big.NewInt(1))
		}
	}
	// Revenues fall in portfolio order: the ones at least m come first.
	u := new(big.Int)
	return sort.Search(n, func(i int) bool { return p.unitInto(u, i).Cmp(least) < 0 })
}

// Marked returns a selector of the customers marked by hand, those whose
// [Customer.Key] is set, whatever their revenue.
func Marked() Selector {
	return func(p Portfolio) ([]bool, error) {
		marks := make([]bool, p.Len())
		for i, c := range p.customersOf() {
			marks[i] = c.Key
		}
		return marks, nil
	}
}

// ABC returns a selector of class A of a computed ABC analysis (Ultsch and
// Lötsch, PLoS ONE 2015), done exactly on the unsmoothed curve of revenue.
//
// Take the n customers with revenue, largest first; T their total and Y(i)
// the share of T that the first i bring. The Pareto point is the smallest i
// in 1..n that minimises (i/n)^2 + (1 - Y(i))^2, the point of the curve
// nearest the ideal of all revenue from no customers. The break-even point
// is the largest i whose revenue is at least the mean, T/n. Class A is the
// first min(Pareto point, break-even point) customers, and any customer tied
// with the last of them. Distances are compared exactly, in integers.
//
// Unlike [TopShare], ABC needs no threshold: it finds where the few large
// customers end in the data. It picks no one from a portfolio without
// revenue.
func ABC() Selector {
	return func(p Portfolio) ([]bool, error) {
		n := p.positive()
		if n == 0 {
			return p.firstMarks(0), nil
		}
		// Scaled by n^2 x T^2, the distance is i^2 T^2 + n^2 (T - S(i))^2,
		// with S(i) the revenue of the first i customers.
		t := p.totalUnits()
		nn := big.NewInt(int64(n))
		t2 := new(big.Int).Mul(t, t)
		n2 := new(big.Int).Mul(nn, nn)
		// The loop reuses its integers: it allocates nothing per customer.
		best, d, rest, ii, u := new(big.Int), new(big.Int), new(big.Int), new(big.Int), new(big.Int)
		pareto := 0
		cum := new(big.Int)
		for i := 1; i <= n; i++ {
			cum.Add(cum, p.unitInto(u, i-1))
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
		for i := 1; i <= n && x.Mul(p.unitInto(u, i-1), nn).Cmp(t) >= 0; i++ {
			breakEven = i
		}
		return p.firstMarks(min(pareto, breakEven)), nil
	}
}

// firstMarks marks the first k customers of p, and any customer tied with
// the k-th.
func (p Portfolio) firstMarks(k int) []bool {
	marks := make([]bool, p.Len())
	if k == 0 {
		return marks
	}
	for k < p.Len() && p.cmpUnits(k, k-1) == 0 {
		k++
	}
	for i := range k {
		marks[i] = true
	}
	return marks
}
