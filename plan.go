package salestime

import "github.com/shopspring/decimal"

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
	m, err := countSteps(budget, step)
	if err != nil {
		return Plan{}, err
	}
	customers := a.p.customersOf()
	amounts := a.p.revenues().split(m, step, a.keys, customers, a.f)
	plan := Plan{Budget: budget, Step: step, Lines: make([]PlanLine, len(a.keys)), Rest: amounts[len(a.keys)]}
	for j, i := range a.keys {
		l := &plan.Lines[j] // written field by field, as Allocate writes lines
		copyCustomer(&l.Customer, &customers[i])
		l.Amount = amounts[j]
	}
	return plan, nil
}

// CheckBudget returns the error that [Allocation.Plan] would return for
// budget and step, or nil if it takes them, as a program checks a budget
// before it has an allocation.
func CheckBudget(budget, step decimal.Decimal) error {
	_, err := countSteps(budget, step)
	return err
}
