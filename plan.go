package salestime

import (
	"fmt"

	"github.com/salestime/salestime/internal/exact"
	"github.com/shopspring/decimal"
)

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

	// Other and Prospecting split Rest in a plan that [Allocation.SplitPlan]
	// makes: Rest = Other + Prospecting. Both are zero in other plans.
	Other       decimal.Decimal `json:"other"`
	Prospecting decimal.Decimal `json:"prospecting"`
}

// A PlanLine is the time of one key customer in a [Plan]. It is plain
// data; the zero PlanLine has a zero customer and amount.
type PlanLine struct {
	// Customer is the key customer.
	Customer Customer `json:"customer"`

	// Amount is the customer's time: a whole number of steps.
	Amount decimal.Decimal `json:"amount"`
}

// CheckBudget returns the error that [Allocation.Plan] would return for
// budget and step, or nil if it takes them, as a program checks a budget
// before it has an allocation.
func CheckBudget(budget, step decimal.Decimal) error {
	_, err := countSteps(budget, step)
	return err
}

// countSteps returns budget / step after checking both as [Allocation.Plan]
// documents.
func countSteps(budget, step decimal.Decimal) (exact.Steps, error) {
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
	m, err := exact.CountSteps(budget, step)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrInvalidBudget, err)
	}
	return m, nil
}
