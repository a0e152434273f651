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
	// or [Allocation.VisitPlan] makes: Rest = Other + Prospecting. Both are
	// zero in other plans.
	Other       decimal.Decimal `json:"other"`
	Prospecting decimal.Decimal `json:"prospecting"`

	// Periods name the periods of a plan that [Plan.Spread] spreads over
	// the calendar, as in 2027-01, 2027-Q1 or 2027-W01, and PeriodBudgets
	// hold the budget of each; RestPeriods hold the rest of each period,
	// and OtherPeriods and ProspectingPeriods its parts where Other or
	// Prospecting is not zero; and KeyPeriods hold, for each of Lines, the
	// key customer's time in each period, which adds up to its Amount. All
	// are empty in a plan not spread.
	Periods            []string            `json:"periods,omitempty"`
	PeriodBudgets      []decimal.Decimal   `json:"periodBudgets,omitempty"`
	KeyPeriods         [][]decimal.Decimal `json:"keyPeriods,omitempty"`
	RestPeriods        []decimal.Decimal   `json:"restPeriods,omitempty"`
	OtherPeriods       []decimal.Decimal   `json:"otherPeriods,omitempty"`
	ProspectingPeriods []decimal.Decimal   `json:"prospectingPeriods,omitempty"`

	// In a plan that [Allocation.VisitPlan] makes, Classes are the classes
	// B and C of the other customers, in that order, with their visits and
	// workloads; Days is the number of days the visits are counted over;
	// Visit is the time of a key customer's visit, where the key customers
	// are planned in visits, each line's visits its Amount / Visit; Short
	// is how far the key customers' time and the workloads go beyond the
	// budget; and Utilization is that time over the budget, rounded half
	// to even to [SharePlaces] places. All are nil or zero in other plans.
	Classes                   []Class
	Days                      int
	Visit, Short, Utilization decimal.Decimal
}

// A Class is a class of customers, A, B or C, and how often they are
// visited: given to [Allocation.VisitPlan], its Name, Every and Length; in
// a plan that VisitPlan makes, also its customers, their visits and the
// time they take. It is plain data: the JSON of its plan writes it (see
// [Plan.MarshalJSON]), and encoding/json writes a Class on its own field
// by field.
type Class struct {
	// Name is the class: "A" for the key customers, "B" or "C".
	Name string

	// Every is the number of days from one visit to the next, as a call
	// cycle says "every four weeks": 28. Zero where the class is not
	// visited on a cadence.
	Every int

	// Length is the time of one visit, in hours: 1.5 for an hour and a
	// half.
	Length decimal.Decimal

	// Customers are the customers of the class, in portfolio order; Visits
	// is the number of visits of each over the period, and Workload the
	// time they take, in hours: the number of customers x Visits x Length.
	Customers []Customer
	Visits    int
	Workload  decimal.Decimal
}

// A PlanLine is the time of one key customer in a [Plan]. It is plain
// data, written to JSON by its plan; the zero PlanLine has a zero customer
// and amount.
type PlanLine struct {
	// Customer is the key customer.
	Customer Customer `json:"customer"`

	// Amount is the customer's time: a whole number of steps.
	Amount decimal.Decimal `json:"amount"`
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
