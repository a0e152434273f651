package salestime

import (
	"fmt"

	"github.com/salestime/salestime/internal/exact"
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
	keys []int // positions in p of the key customers
	f    exact.Factors
}

// A Line is the share of one key customer in an [Allocation]. It is plain
// data, written to JSON by its allocation; the zero Line has a zero
// customer, rule and shares.
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
	o, err := rulesOf(opts)
	if err != nil {
		return Allocation{}, err
	}
	keys, err := keyCustomers(p, key)
	if err != nil {
		return Allocation{}, err
	}
	a := Allocation{Lines: make([]Line, len(keys)), p: p, keys: keys, f: exact.NewFactors(o.existing.factor, o.new.factor)}
	for j, i := range keys {
		l := &a.Lines[j]
		p.customerTo(&l.Customer, i)
		l.Rule = o.ruleFor(l.Customer)
	}
	s := p.revenues().Shares(keys, p.marksOf(), a.f, func(j int, revenue, time decimal.Decimal) {
		a.Lines[j].RevenueShare, a.Lines[j].TimeShare = revenue, time
	})
	a.KeyRevenueShare, a.KeyTimeShare, a.RestTimeShare = s.KeyRevenue, s.KeyTime, s.Rest
	return a, nil
}

// keyRevenue returns the revenue of the key customers, exactly.
func (a Allocation) keyRevenue() decimal.Decimal {
	return a.p.revenues().SumOf(a.keys)
}

// rulesOf returns the rules that opts set, checked, or the standard ones.
func rulesOf(opts []Option) (options, error) {
	if len(opts) == 0 {
		return options{existing: existingCustomers(), new: newCustomers()}, nil
	}
	o := &options{existing: existingCustomers(), new: newCustomers()}
	for _, opt := range opts {
		if opt != nil {
			opt(o)
		}
	}
	if err := o.existing.validate("existing-customer rule"); err != nil {
		return options{}, err
	}
	if err := o.new.validate("new-customer rule"); err != nil {
		return options{}, err
	}
	return *o, nil
}

// ruleFor returns the rule for c: the new-customer rule if c is new.
func (o options) ruleFor(c Customer) Rule {
	if c.New {
		return o.new
	}
	return o.existing
}

// keyCustomers returns the positions in p of the customers that key picks.
func keyCustomers(p Portfolio, key Selector) ([]int, error) {
	if key == nil {
		return nil, fmt.Errorf("%w: the selector is nil", ErrInvalidSelector)
	}
	marks, err := key(p)
	if err != nil {
		return nil, err
	}
	if len(marks) != p.Len() {
		return nil, fmt.Errorf("%w: the selector returned %d marks for %d customers",
			ErrInvalidSelector, len(marks), p.Len())
	}
	k := 0
	for _, marked := range marks {
		if marked {
			k++
		}
	}
	keys := make([]int, 0, k)
	for i, marked := range marks {
		if marked {
			keys = append(keys, i)
		}
	}
	return keys, nil
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
	m, err := countSteps(budget, step)
	if err != nil {
		return Plan{}, err
	}
	plan := Plan{Budget: budget, Step: step, Lines: make([]PlanLine, len(a.keys))}
	for j, i := range a.keys {
		a.p.customerTo(&plan.Lines[j].Customer, i)
	}
	a.p.revenues().Split(m, step, a.keys, a.p.marksOf(), a.f, func(j int, amount decimal.Decimal) {
		if j < len(plan.Lines) {
			plan.Lines[j].Amount = amount
		} else {
			plan.Rest = amount
		}
	})
	return plan, nil
}

// SplitPlan is [Allocation.Plan] with the rest split in two: prospecting,
// a share of the rest such as 0.4, goes to prospecting, and the remainder
// to the other customers. Their quotas are the rest's quota times the
// share and times one less the share, and all parties, key customers,
// other customers and prospecting, are rounded to whole steps by the
// package's one rule (other customers and prospecting last, in that
// order), so that they add up exactly to the budget. Rest is then Other +
// Prospecting. The key customers' amounts may differ from Plan's by a
// step, as the steps left over go to the largest remainders among more
// parties.
//
// SplitPlan returns the errors of Plan, and one wrapping [ErrInvalidShare]
// if prospecting is outside [0, 1] or has more than [MaxPlaces] places.
func (a Allocation) SplitPlan(budget, step, prospecting decimal.Decimal) (Plan, error) {
	m, err := countSteps(budget, step)
	if err != nil {
		return Plan{}, err
	}
	if err := checkShare(prospecting); err != nil {
		return Plan{}, err
	}
	amounts := a.p.revenues().SplitRest(m, step, a.keys, a.p.marksOf(), a.f, prospecting)
	k := len(a.keys)
	plan := Plan{Budget: budget, Step: step, Lines: make([]PlanLine, k), Other: amounts[k], Prospecting: amounts[k+1]}
	plan.Rest = plan.Other.Add(plan.Prospecting)
	for j, i := range a.keys {
		a.p.customerTo(&plan.Lines[j].Customer, i)
		plan.Lines[j].Amount = amounts[j]
	}
	return plan, nil
}
