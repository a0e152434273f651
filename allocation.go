package salestime

import (
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"
)

// SharePlaces is the number of decimal places of every share in an
// [Allocation]. A share whose exact value has more places is rounded to it;
// one with fewer is returned exactly, with no trailing zeros (0.35, not
// 0.350000000000).
const SharePlaces = 12

// An Option changes how [Allocate] works. A nil Option changes nothing.
type Option func(*options)

type options struct {
	existing, new Rule
}

// WithRules returns an option that makes [Allocate] apply existing to key
// customers that are not new and new to the new ones, in place of
// [ExistingCustomers] and [NewCustomers]. Allocate returns an error wrapping
// [ErrInvalidRule] if either is not a rule that [NewRule] would make, the
// zero Rule included.
func WithRules(existing, new Rule) Option { //nolint:revive // the parameter names are those of the documented API
	return func(o *options) {
		o.existing, o.new = existing, new
	}
}

// withOptions returns o changed by opts. It is apart from Allocate so that
// the options, which opts may keep, escape to the heap only when there are
// some.
func withOptions(o options, opts []Option) options {
	p := new(options)
	*p = o
	for _, opt := range opts {
		if opt != nil {
			opt(p)
		}
	}
	return *p
}

// An Allocation is the share of selling time that the key customers of a
// portfolio get, as a whole and one by one. [Allocate] makes it;
// [Allocation.Plan] turns it into amounts of a budget.
//
// The shares have at most [SharePlaces] decimal places. KeyRevenueShare and
// KeyTimeShare are the exact values rounded half to even; the lines' shares
// add up exactly to them, and each is within one unit of the last place of
// its exact value, rounded by the package's one rule: largest remainders
// first, then the larger quota, then the earlier line. RestTimeShare is
// exactly 1 - KeyTimeShare.
//
// An Allocation keeps, apart from its exported fields, what
// [Allocation.Plan] needs: the portfolio and which of its customers are
// key. Changing the exported fields does not change its plans. The zero
// Allocation has no key customers: its plans give the whole budget to the
// rest. An Allocation is safe for concurrent use as long as no one writes
// its fields.
type Allocation struct {
	// Lines has one line per key customer, in portfolio order.
	Lines []Line `json:"lines"`

	// KeyRevenueShare is the share of the total revenue that the key
	// customers bring.
	KeyRevenueShare decimal.Decimal `json:"keyRevenueShare"`

	// KeyTimeShare is the share of selling time for the key customers.
	KeyTimeShare decimal.Decimal `json:"keyTimeShare"`

	// RestTimeShare is the share of selling time for the other customers
	// and for prospecting: 1 - KeyTimeShare.
	RestTimeShare decimal.Decimal `json:"restTimeShare"`

	// What Plan needs, kept apart from the exported fields.
	p    Portfolio
	keys []int32 // positions in p of the key customers
	f    factors
}

// factors are the factors of the two rules as integers at a shared
// exponent: factor = f x 10^exp, with -MaxPlaces <= exp <= 0.
type factors struct {
	exp           int32
	existing, new uint64
}

// of returns the factor for c.
func (f factors) of(c Customer) uint64 {
	if c.New {
		return f.new
	}
	return f.existing
}

// A Line is the share of one key customer in an [Allocation]. It is plain
// data; the zero Line has a zero customer, rule and shares.
type Line struct {
	// Customer is the key customer.
	Customer Customer `json:"customer"`

	// Rule is the rule applied to the customer: the new-customer rule if
	// Customer.New is set, the existing-customer rule otherwise.
	Rule Rule `json:"rule"`

	// RevenueShare is the share of the total revenue the customer brings.
	RevenueShare decimal.Decimal `json:"revenueShare"`

	// TimeShare is the share of selling time the customer gets:
	// Rule.Factor() x RevenueShare before rounding.
	TimeShare decimal.Decimal `json:"timeShare"`
}

// Allocate picks the key customers of p with key and returns the share of
// selling time each of them gets. A key customer that is new gets the
// new-customer rule ([NewCustomers], factor 0.75); any other key customer
// the existing-customer rule ([ExistingCustomers], factor 0.5). [WithRules]
// replaces the two.
//
// Shares are computed from the revenues, exactly, and rounded only at the
// end; see [Allocation] for the guarantees. If the portfolio has no
// revenue, every share is zero and all time goes to the rest.
//
// Allocate returns an error if:
//   - key is nil, is a selector of this package given a bad argument, or
//     returns a number of marks other than p.Len(): [ErrInvalidSelector];
//   - key returns any other error: that error, unchanged;
//   - a rule given with [WithRules] is not valid: [ErrInvalidRule].
func Allocate(p Portfolio, key Selector, opts ...Option) (Allocation, error) {
	o := options{existing: existingCustomers(), new: newCustomers()}
	if len(opts) > 0 { // the standard rules need no check
		o = withOptions(o, opts)
		if err := o.existing.validate("existing-customer rule"); err != nil {
			return Allocation{}, err
		}
		if err := o.new.validate("new-customer rule"); err != nil {
			return Allocation{}, err
		}
	}
	if key == nil {
		return Allocation{}, fmt.Errorf("%w: the selector is nil", ErrInvalidSelector)
	}
	marks, err := key(p)
	if err != nil {
		return Allocation{}, err
	}
	if len(marks) != p.Len() {
		return Allocation{}, fmt.Errorf("%w: the selector returned %d marks for %d customers",
			ErrInvalidSelector, len(marks), p.Len())
	}

	fe := min(o.existing.factor.Exponent(), o.new.factor.Exponent(), 0)
	a := Allocation{p: p, f: factors{
		exp:      fe,
		existing: scaled(o.existing.factor, fe).Uint64(),
		new:      scaled(o.new.factor, fe).Uint64(),
	}}
	customers := p.customersOf()
	k := 0
	for _, marked := range marks {
		if marked {
			k++
		}
	}
	a.keys = make([]int32, 0, k)
	for i, marked := range marks {
		if marked {
			a.keys = append(a.keys, int32(i))
		}
	}
	// Each line is written once, with its shares, field by field: a
	// composite literal would be built aside and then copied.
	a.Lines = make([]Line, len(a.keys))
	rule := func(c Customer) Rule {
		if c.New {
			return o.new
		}
		return o.existing
	}
	if p.d != nil && p.d.units != nil && fe >= -SharePlaces {
		var revBuf, timeBuf [stackKeys]uint64
		rev, pooledRev := uint64Scratch.get(revBuf[:], k)
		defer uint64Scratch.put(pooledRev)
		tim, pooledTime := uint64Scratch.get(timeBuf[:], k)
		defer uint64Scratch.put(pooledTime)
		keyRev, keyTime := a.sharesSmall(rev, tim)
		for j, i := range a.keys {
			l := &a.Lines[j]
			copyCustomer(&l.Customer, &customers[i])
			l.Rule = rule(l.Customer)
			l.RevenueShare, l.TimeShare = share64(rev[j]), share64(tim[j])
		}
		a.KeyRevenueShare, a.KeyTimeShare = share64(keyRev), share64(keyTime)
		a.RestTimeShare = share64(shareScale - keyTime)
	} else {
		rev, tim, keyRev, keyTime := a.sharesBig()
		for j, i := range a.keys {
			l := &a.Lines[j]
			copyCustomer(&l.Customer, &customers[i])
			l.Rule = rule(l.Customer)
			l.RevenueShare, l.TimeShare = rev[j], tim[j]
		}
		a.KeyRevenueShare, a.KeyTimeShare = keyRev, keyTime
		a.RestTimeShare = one.Sub(keyTime)
	}
	return a, nil
}

// A Plan splits a budget of selling time, in hours, days, calls or any
// other unit, between the key customers of an [Allocation] and the rest,
// in whole steps. [Allocation.Plan] makes it.
//
// Every amount is a whole number of steps, the amounts add up exactly to
// the budget, and each is within one step of its exact quota. The zero Plan
// is the plan of a zero budget with no key customers.
type Plan struct {
	// Budget is the time split, as given to Plan.
	Budget decimal.Decimal `json:"budget"`

	// Step is the unit of the split, as given to Plan: 1 for whole hours,
	// 0.25 for quarter hours.
	Step decimal.Decimal `json:"step"`

	// Lines has one line per line of the allocation, in the same order.
	Lines []PlanLine `json:"lines"`

	// Rest is the time for the other customers and for prospecting.
	Rest decimal.Decimal `json:"rest"`
}

// A PlanLine is the time of one key customer in a [Plan]. It is plain
// data; the zero PlanLine has a zero customer and amount.
type PlanLine struct {
	// Customer is the key customer.
	Customer Customer `json:"customer"`

	// Amount is the customer's time: a whole number of steps.
	Amount decimal.Decimal `json:"amount"`
}

// Plan splits budget between the key customers of a and the rest in whole
// steps of step.
//
// A key customer's quota is budget x factor x revenue / total revenue,
// computed from the revenues, not from the rounded shares; the rest's quota
// is the budget less the key customers' quotas. The quotas are rounded to
// whole steps by the package's one rule, as shares are: each rounded down,
// and the steps left over one each to the largest remainders, ties to the
// larger quota, then to key customers in line order, then to the rest. A
// party whose quota is a whole number of steps, zero included, gets exactly
// its quota.
//
// Each amount is step times a whole number: 15 steps of 0.50 are 7.50.
//
// Plan returns an error wrapping [ErrInvalidBudget] if:
//   - budget is negative, or step is not positive;
//   - either has more than [MaxPlaces] decimal places or [MaxIntegerDigits]
//     integer digits;
//   - budget is not a whole number of steps, or more than [MaxSteps] of them.
func (a Allocation) Plan(budget, step decimal.Decimal) (Plan, error) {
	m, err := steps(budget, step)
	if err != nil {
		return Plan{}, err
	}
	// The steps of the key customers, then of the rest.
	k := len(a.keys)
	var countBuf [stackKeys + 1]uint64
	var partyBuf [stackKeys + 1]remainder
	counts, pooledCounts := uint64Scratch.get(countBuf[:], k+1)
	defer uint64Scratch.put(pooledCounts)
	parties, pooledParties := remainderScratch.get(partyBuf[:], k+1)
	defer remainderScratch.put(pooledParties)
	if !a.planSmall(m, counts, parties) {
		counts = a.planBig(m)
	}
	plan := Plan{Budget: budget, Step: step, Lines: make([]PlanLine, k)}
	amounts := newAmounts(step)
	customers := a.p.customersOf()
	for j, i := range a.keys {
		l := &plan.Lines[j]
		copyCustomer(&l.Customer, &customers[i])
		l.Amount = amounts.of(counts[j])
	}
	plan.Rest = amounts.of(counts[k])
	return plan, nil
}

// steps returns budget / step after checking both.
func steps(budget, step decimal.Decimal) (uint64, error) {
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
	e := min(budget.Exponent(), step.Exponent())
	if b, ok := scaled64(budget, e); ok {
		if s, ok := scaled64(step, e); ok && b%s == 0 && b/s <= MaxSteps {
			return b / s, nil
		}
	}
	// Where the numbers do not fit, or the budget is refused.
	m, r := new(big.Int).QuoRem(scaled(budget, e), scaled(step, e), new(big.Int))
	if r.Sign() != 0 {
		return 0, fmt.Errorf("%w: budget %s is not a whole number of steps of %s",
			ErrInvalidBudget, formatDecimal(budget), formatDecimal(step))
	}
	if m.Cmp(big.NewInt(MaxSteps)) > 0 {
		return 0, fmt.Errorf("%w: budget %s is %s steps of %s, more than the %d allowed",
			ErrInvalidBudget, formatDecimal(budget), m, formatDecimal(step), int64(MaxSteps))
	}
	return m.Uint64(), nil
}
