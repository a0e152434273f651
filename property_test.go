package salestime_test

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// This file checks Allocate and Plan against a naive oracle in math/big.Rat
// on many random portfolios: it sorts, selects, shares and apportions with
// rationals and the rules as the documentation states them.

// rat returns d as a rational.
func rat(d decimal.Decimal) *big.Rat {
	return d.Rat()
}

// oracleOrder returns customers largest revenue first, ties by name.
func oracleOrder(cs []salestime.Customer) []salestime.Customer {
	out := slices.Clone(cs)
	slices.SortFunc(out, func(a, b salestime.Customer) int {
		if c := rat(b.Revenue).Cmp(rat(a.Revenue)); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// oracleSelector is a selector and a naive version of it: the names it picks
// from customers in oracle order.
type oracleSelector struct {
	name  string
	key   salestime.Selector
	naive func(sorted []salestime.Customer) map[string]bool
}

// withRevenueAtLeast returns the customers with revenue at least that of
// sorted[k-1] and above zero: the first k customers and their ties.
func withRevenueAtLeast(sorted []salestime.Customer, k int) map[string]bool {
	keys := map[string]bool{}
	if k == 0 {
		return keys
	}
	line := rat(sorted[k-1].Revenue)
	for _, c := range sorted {
		if c.Revenue.Sign() > 0 && rat(c.Revenue).Cmp(line) >= 0 {
			keys[c.Name] = true
		}
	}
	return keys
}

func positives(sorted []salestime.Customer) []salestime.Customer {
	var out []salestime.Customer
	for _, c := range sorted {
		if c.Revenue.Sign() > 0 {
			out = append(out, c)
		}
	}
	return out
}

func ratTotal(cs []salestime.Customer) *big.Rat {
	t := new(big.Rat)
	for _, c := range cs {
		t.Add(t, rat(c.Revenue))
	}
	return t
}

func randomSelector(r *rand.Rand) oracleSelector {
	return selectorOfKind(r.IntN(5), r)
}

// selectorOfKind returns the selector of one kind, 0 to 4, with arguments
// drawn from r.
func selectorOfKind(kind int, r *rand.Rand) oracleSelector {
	switch kind {
	case 0:
		n := r.IntN(8)
		return oracleSelector{fmt.Sprintf("TopN(%d)", n), salestime.TopN(n), func(sorted []salestime.Customer) map[string]bool {
			return withRevenueAtLeast(sorted, min(n, len(positives(sorted))))
		}}
	case 1:
		s := decimal.New(int64(1+r.IntN(100)), -2)
		return oracleSelector{"TopShare(" + s.String() + ")", salestime.TopShare(s), func(sorted []salestime.Customer) map[string]bool {
			pos := positives(sorted)
			target := new(big.Rat).Mul(rat(s), ratTotal(pos))
			cum := new(big.Rat)
			for k, c := range pos {
				cum.Add(cum, rat(c.Revenue))
				if cum.Cmp(target) >= 0 {
					return withRevenueAtLeast(sorted, k+1)
				}
			}
			return withRevenueAtLeast(sorted, 0)
		}}
	case 2:
		m := decimal.New(int64(r.IntN(2000)), -1)
		return oracleSelector{"MinRevenue(" + m.String() + ")", salestime.MinRevenue(m), func(sorted []salestime.Customer) map[string]bool {
			keys := map[string]bool{}
			for _, c := range sorted {
				if c.Revenue.Sign() > 0 && c.Revenue.Cmp(m) >= 0 {
					keys[c.Name] = true
				}
			}
			return keys
		}}
	case 3:
		return oracleSelector{"Marked()", salestime.Marked(), func(sorted []salestime.Customer) map[string]bool {
			keys := map[string]bool{}
			for _, c := range sorted {
				if c.Key {
					keys[c.Name] = true
				}
			}
			return keys
		}}
	default:
		return oracleSelector{"ABC()", salestime.ABC(), naiveABC}
	}
}

// naiveABC computes class A with rational distances.
func naiveABC(sorted []salestime.Customer) map[string]bool {
	pos := positives(sorted)
	n := len(pos)
	if n == 0 {
		return withRevenueAtLeast(sorted, 0)
	}
	t := ratTotal(pos)
	var best *big.Rat
	pareto := 0
	cum := new(big.Rat)
	for i := 1; i <= n; i++ {
		cum.Add(cum, rat(pos[i-1].Revenue))
		x := big.NewRat(int64(i), int64(n))
		y := new(big.Rat).Sub(big.NewRat(1, 1), new(big.Rat).Quo(cum, t))
		dist := new(big.Rat).Add(new(big.Rat).Mul(x, x), new(big.Rat).Mul(y, y))
		if best == nil || dist.Cmp(best) < 0 {
			best, pareto = dist, i
		}
	}
	mean := new(big.Rat).Quo(t, big.NewRat(int64(n), 1))
	breakEven := 0
	for i, c := range pos {
		if rat(c.Revenue).Cmp(mean) >= 0 {
			breakEven = i + 1
		}
	}
	return withRevenueAtLeast(sorted, min(pareto, breakEven))
}

func randomCustomers(r *rand.Rand) []salestime.Customer {
	n := r.IntN(25)
	pool := []decimal.Decimal{decimal.New(int64(r.IntN(1000)), -int32(r.IntN(3))), decimal.New(0, 0)}
	cs := make([]salestime.Customer, n)
	// Some portfolios are too large for int64 arithmetic.
	scale := int32(0)
	if r.IntN(8) == 0 {
		scale = 20
	}
	for i := range cs {
		rev := decimal.New(r.Int64N(1_000_000), scale-int32(r.IntN(5)))
		if r.IntN(4) == 0 {
			rev = pool[r.IntN(len(pool))]
		}
		cs[i] = salestime.Customer{Name: fmt.Sprintf("c%02d", r.IntN(1000)*100+i), Revenue: rev, New: r.IntN(4) == 0, Key: r.IntN(3) == 0}
	}
	return cs
}

func pow10(n int32) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

func randomRules(r *rand.Rand) (salestime.Rule, salestime.Rule, []salestime.Option) {
	if r.IntN(3) > 0 {
		return salestime.ExistingCustomers, salestime.NewCustomers, nil
	}
	places := int32(3)
	if r.IntN(4) == 0 {
		places = 15 // more than the int64 path takes
	}
	ex, err1 := salestime.NewRule("e", decimal.New(1+r.Int64N(pow10(places)), -places))
	nw, err2 := salestime.NewRule("n", decimal.New(int64(1+r.IntN(100)), -2))
	if err1 != nil || err2 != nil {
		panic(fmt.Sprint(err1, err2))
	}
	return ex, nw, []salestime.Option{salestime.WithRules(ex, nw)}
}

var unit = big.NewRat(1, 1_000_000_000_000) // one unit of the last place of a share

// checkShare checks that got is within one unit of exact, has at most
// SharePlaces places, and equals exact when exact has no more places.
func checkShare(t *testing.T, what string, got decimal.Decimal, exact *big.Rat) {
	t.Helper()
	if got.Exponent() < -salestime.SharePlaces {
		t.Errorf("%s = %v has more than %d places", what, got, salestime.SharePlaces)
	}
	diff := new(big.Rat).Sub(rat(got), exact)
	if diff.Abs(diff).Cmp(unit) >= 0 {
		t.Errorf("%s = %v, not within one unit of %v", what, got, exact.FloatString(20))
	}
	scaledExact := new(big.Rat).Quo(exact, unit)
	if scaledExact.IsInt() && rat(got).Cmp(exact) != 0 {
		t.Errorf("%s = %v, want the exact %v", what, got, exact.RatString())
	}
}

// roundHalfEven rounds x to SharePlaces places, ties to even.
func roundHalfEven(x *big.Rat) *big.Rat {
	s := new(big.Rat).Quo(x, unit)
	q, r := new(big.Int).QuoRem(s.Num(), s.Denom(), new(big.Int))
	switch c := new(big.Int).Lsh(r, 1).Cmp(s.Denom()); {
	case c > 0, c == 0 && q.Bit(0) == 1:
		q.Add(q, big.NewInt(1))
	}
	return new(big.Rat).Mul(new(big.Rat).SetInt(q), unit)
}

// naiveApportion is Hamilton's method as documented, in rationals: quotas
// rounded down, then up, one each, for the largest remainders, ties to the
// larger quota, then to the earlier, until they add up to m. Plans and
// shares both follow it.
func naiveApportion(quotas []*big.Rat, m int64) []int64 {
	counts := make([]int64, len(quotas))
	rems := make([]*big.Rat, len(quotas))
	left := m
	for i, q := range quotas {
		f := new(big.Int).Quo(q.Num(), q.Denom())
		counts[i] = f.Int64()
		rems[i] = new(big.Rat).Sub(q, new(big.Rat).SetInt(f))
		left -= counts[i]
	}
	order := make([]int, len(quotas))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := rems[b].Cmp(rems[a]); c != 0 {
			return c
		}
		return quotas[b].Cmp(quotas[a])
	})
	for _, i := range order[:left] {
		counts[i]++
	}
	return counts
}

func TestAllocateAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := range 2000 {
		customers := randomCustomers(r)
		sel := randomSelector(r)
		ex, nw, opts := randomRules(r)
		budget := decimal.New(int64(r.IntN(5000)), 0)
		step := decimal.New(int64(1+r.IntN(4)), -int32(r.IntN(3)))
		budget = budget.Mul(step) // a whole number of steps
		name := fmt.Sprintf("%d/%s/%d customers", iter, sel.name, len(customers))
		t.Run(name, func(t *testing.T) {
			checkAgainstOracle(t, r, customers, sel, ex, nw, opts, budget, step)
		})
	}
}

// Large portfolios take the radix sorts and the linear selection, which
// small ones skip.
func TestAllocateAgainstOracleLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	for iter, n := range []int{64, 65, 300, 1000, 2500, 5000} {
		customers := make([]salestime.Customer, n)
		for i := range customers {
			rev := decimal.New(r.Int64N(1_000_000_000), -int32(r.IntN(3)))
			if r.IntN(5) == 0 {
				rev = decimal.New(int64(r.IntN(20)), 0) // zeros and ties
			}
			customers[i] = salestime.Customer{Name: fmt.Sprintf("c%d", r.IntN(1_000_000)*10_000+i), Revenue: rev,
				New: r.IntN(4) == 0, Key: r.IntN(3) == 0}
		}
		if iter%2 == 1 {
			// One revenue too large for int64 arithmetic.
			customers[r.IntN(n)].Revenue = decimal.New(r.Int64N(1_000_000_000), 15)
		}
		for kind := range 5 {
			sel := selectorOfKind(kind, r)
			ex, nw, opts := randomRules(r)
			step := decimal.New(int64(1+r.IntN(4)), -int32(r.IntN(3)))
			budget := step.Mul(decimal.New(int64(r.IntN(1_000_000)), 0))
			t.Run(fmt.Sprintf("%d/%s/%d customers", iter, sel.name, n), func(t *testing.T) {
				checkAgainstOracle(t, r, customers, sel, ex, nw, opts, budget, step)
			})
		}
	}
}

func checkAgainstOracle(t *testing.T, r *rand.Rand, customers []salestime.Customer, sel oracleSelector,
	ex, nw salestime.Rule, opts []salestime.Option, budget, step decimal.Decimal) {
	t.Helper()
	p, err := salestime.NewPortfolio(customers...)
	if err != nil {
		t.Fatal(err)
	}
	sorted := oracleOrder(customers)
	if diff := cmp.Diff(sorted, p.Customers(), cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("portfolio order mismatch (-want +got):\n%s", diff)
	}
	a, err := salestime.Allocate(p, sel.key, opts...)
	if err != nil {
		t.Fatal(err)
	}

	// The key customers, in portfolio order.
	keys := sel.naive(sorted)
	var want []string
	for _, c := range sorted {
		if keys[c.Name] {
			want = append(want, c.Name)
		}
	}
	var got []string
	for _, l := range a.Lines {
		got = append(got, l.Customer.Name)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("key customers mismatch (-want +got):\n%s", diff)
	}

	// Shares.
	total := ratTotal(customers)
	exactRev, exactTime := new(big.Rat), new(big.Rat)
	sumRev, sumTime := decimal.Decimal{}, decimal.Decimal{}
	quotas := make([]*big.Rat, 0, len(a.Lines)+1)
	m := new(big.Rat).Quo(rat(budget), rat(step))
	keyQuotas := new(big.Rat)
	for _, l := range a.Lines {
		rule := ex
		if l.Customer.New {
			rule = nw
		}
		if !l.Rule.Equal(rule) {
			t.Errorf("%s has rule %v, want %v", l.Customer.Name, l.Rule, rule)
		}
		rs, ts, q := new(big.Rat), new(big.Rat), new(big.Rat)
		if total.Sign() > 0 {
			rs.Quo(rat(l.Customer.Revenue), total)
			ts.Mul(rs, rat(rule.Factor()))
			q.Mul(ts, m)
		}
		checkShare(t, l.Customer.Name+" revenue share", l.RevenueShare, rs)
		checkShare(t, l.Customer.Name+" time share", l.TimeShare, ts)
		exactRev.Add(exactRev, rs)
		exactTime.Add(exactTime, ts)
		sumRev = sumRev.Add(l.RevenueShare)
		sumTime = sumTime.Add(l.TimeShare)
		quotas = append(quotas, q)
		keyQuotas.Add(keyQuotas, q)
	}
	for kind, exact := range map[string]*big.Rat{"revenue": exactRev, "time": exactTime} {
		// The lines' shares, in units of the last place, as the one rule
		// apportions them.
		var lineQuotas []*big.Rat
		for _, l := range a.Lines {
			q := new(big.Rat)
			if total.Sign() > 0 {
				q.Quo(rat(l.Customer.Revenue), total)
				if kind == "time" {
					q.Mul(q, rat(l.Rule.Factor()))
				}
			}
			lineQuotas = append(lineQuotas, q.Quo(q, unit))
		}
		units := new(big.Rat).Quo(roundHalfEven(exact), unit)
		want := naiveApportion(lineQuotas, units.Num().Int64())
		for i, l := range a.Lines {
			got := l.RevenueShare
			if kind == "time" {
				got = l.TimeShare
			}
			if w := decimal.New(want[i], -salestime.SharePlaces); !got.Equal(w) {
				t.Errorf("%s %s share = %v, want %v", l.Customer.Name, kind, got, w)
			}
		}
	}
	if rat(a.KeyRevenueShare).Cmp(roundHalfEven(exactRev)) != 0 {
		t.Errorf("KeyRevenueShare = %v, want %v", a.KeyRevenueShare, roundHalfEven(exactRev).FloatString(12))
	}
	if rat(a.KeyTimeShare).Cmp(roundHalfEven(exactTime)) != 0 {
		t.Errorf("KeyTimeShare = %v, want %v", a.KeyTimeShare, roundHalfEven(exactTime).FloatString(12))
	}
	if !sumRev.Equal(a.KeyRevenueShare) || !sumTime.Equal(a.KeyTimeShare) {
		t.Errorf("lines add up to %v and %v, want KeyRevenueShare %v and KeyTimeShare %v",
			sumRev, sumTime, a.KeyRevenueShare, a.KeyTimeShare)
	}
	if !a.KeyTimeShare.Add(a.RestTimeShare).Equal(decimal.New(1, 0)) {
		t.Errorf("KeyTimeShare %v + RestTimeShare %v is not 1", a.KeyTimeShare, a.RestTimeShare)
	}

	// The plan.
	plan, err := a.Plan(budget, step)
	if err != nil {
		t.Fatalf("Plan(%v, %v) returned error %v", budget, step, err)
	}
	quotas = append(quotas, new(big.Rat).Sub(m, keyQuotas))
	counts := naiveApportion(quotas, new(big.Int).Quo(m.Num(), m.Denom()).Int64())
	amounts := make([]decimal.Decimal, 0, len(counts))
	for _, l := range plan.Lines {
		amounts = append(amounts, l.Amount)
	}
	amounts = append(amounts, plan.Rest)
	sum := decimal.Decimal{}
	for i, amount := range amounts {
		sum = sum.Add(amount)
		if want := step.Mul(decimal.New(counts[i], 0)); !amount.Equal(want) {
			t.Errorf("amount %d = %v, want %v (quota %v steps of %v)", i, amount, want, quotas[i].FloatString(6), step)
		}
		off := new(big.Rat).Sub(new(big.Rat).Quo(rat(amount), rat(step)), quotas[i])
		if off.Abs(off).Cmp(big.NewRat(1, 1)) >= 0 {
			t.Errorf("amount %d = %v, a step or more from its quota %v steps", i, amount, quotas[i].FloatString(6))
		}
	}
	if !sum.Equal(budget) {
		t.Errorf("amounts add up to %v, want the budget %v", sum, budget)
	}

	// Independence from input order.
	shuffled := slices.Clone(customers)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	p2, err := salestime.NewPortfolio(shuffled...)
	if err != nil {
		t.Fatal(err)
	}
	a2, err := salestime.Allocate(p2, sel.key, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, a2, ignoreState); diff != "" {
		t.Errorf("Allocate() on shuffled customers mismatch (-want +got):\n%s", diff)
	}
	plan2, err := a2.Plan(budget, step)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(plan, plan2); diff != "" {
		t.Errorf("Plan() on shuffled customers mismatch (-want +got):\n%s", diff)
	}
}

// Portfolios and key sets at the sizes where NewPortfolio, Allocate and
// Plan move their scratch space from the stack to the heap (1,024
// customers, 256 key customers) agree with the oracle on both sides.
func TestAllocateAgainstOracleAtStackLimits(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 20))
	for _, n := range []int{255, 256, 257, 258, 1023, 1024, 1025} {
		customers := make([]salestime.Customer, n)
		for i := range customers {
			rev := decimal.New(r.Int64N(1_000_000_000), -2)
			if r.IntN(7) == 0 {
				rev = decimal.New(int64(r.IntN(5)), 0) // zeros and ties
			}
			customers[i] = salestime.Customer{Name: fmt.Sprintf("c%d", i), Revenue: rev, New: r.IntN(4) == 0}
		}
		for _, k := range []int{255, 256, 257} {
			sel := oracleSelector{fmt.Sprintf("TopN(%d)", k), salestime.TopN(k), func(sorted []salestime.Customer) map[string]bool {
				return withRevenueAtLeast(sorted, min(k, len(positives(sorted))))
			}}
			ex, nw, opts := randomRules(r)
			step := decimal.New(25, -2)
			budget := step.Mul(decimal.New(int64(r.IntN(1_000_000)), 0))
			t.Run(fmt.Sprintf("%s/%d customers", sel.name, n), func(t *testing.T) {
				checkAgainstOracle(t, r, customers, sel, ex, nw, opts, budget, step)
			})
		}
	}
}

// SplitPlan rounds the key customers, the other customers and prospecting
// together by the one rule, against an oracle in rationals.
func TestSplitPlanAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for iter := range 1000 {
		customers := randomCustomers(r)
		if iter%7 == 0 {
			for i := range customers {
				customers[i].Revenue = decimal.Decimal{} // no revenue at all
			}
		}
		sel := randomSelector(r)
		ex, nw, opts := randomRules(r)
		p, err := salestime.NewPortfolio(customers...)
		if err != nil {
			t.Fatal(err)
		}
		a, err := salestime.Allocate(p, sel.key, opts...)
		if err != nil {
			t.Fatal(err)
		}
		step := decimal.New(int64(1+r.IntN(4)), -int32(r.IntN(3)))
		budget := step.Mul(decimal.New(int64(r.IntN(5000)), 0))
		share := decimal.New(int64(r.IntN(1001)), -3)
		plan, err := a.SplitPlan(budget, step, share)
		if err != nil {
			t.Fatal(err)
		}
		m := new(big.Rat).Quo(rat(budget), rat(step))
		total := ratTotal(customers)
		var quotas []*big.Rat
		keys := new(big.Rat)
		for _, l := range a.Lines {
			q := new(big.Rat)
			if total.Sign() > 0 {
				rule := ex
				if l.Customer.New {
					rule = nw
				}
				q.Quo(rat(l.Customer.Revenue), total).Mul(q, rat(rule.Factor())).Mul(q, m)
			}
			quotas = append(quotas, q)
			keys.Add(keys, q)
		}
		rest := new(big.Rat).Sub(m, keys)
		prospecting := new(big.Rat).Mul(rest, rat(share))
		quotas = append(quotas, new(big.Rat).Sub(rest, prospecting), prospecting)
		counts := naiveApportion(quotas, new(big.Int).Quo(m.Num(), m.Denom()).Int64())
		got := []decimal.Decimal{}
		for _, l := range plan.Lines {
			got = append(got, l.Amount)
		}
		got = append(got, plan.Other, plan.Prospecting)
		sum := decimal.Decimal{}
		for i, c := range counts {
			if want := step.Mul(decimal.New(c, 0)); !got[i].Equal(want) {
				t.Fatalf("%d: amount %d = %v, want %v (quota %s steps)", iter, i, got[i], want, quotas[i].FloatString(4))
			}
			sum = sum.Add(got[i])
		}
		if !sum.Equal(budget) || !plan.Rest.Equal(plan.Other.Add(plan.Prospecting)) {
			t.Fatalf("%d: parties add up to %v, want %v; rest %v", iter, sum, budget, plan.Rest)
		}
	}
	if _, err := (salestime.Allocation{}).SplitPlan(d("10"), d("1"), d("1.5")); !errors.Is(err, salestime.ErrInvalidShare) {
		t.Errorf("SplitPlan(share 1.5) = %v, want ErrInvalidShare", err)
	}
}
