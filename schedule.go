package salestime

import (
	"fmt"

	"github.com/salestime/salestime/internal/exact"
	"github.com/shopspring/decimal"
)

// A SchedulePeriod is one period of a [Schedule], such as a month, and its
// weight: its share of the budget is its share of the weights of all the
// periods. The command weighs a period by its working days; a program may
// bring weights of its own calendar.
type SchedulePeriod struct {
	// Label names the period, as in 2027-03, 2027-Q1 or 2027-W09.
	Label string `json:"label"`

	// Weight is the period's working days, or any whole weight, at least 0.
	Weight int64 `json:"weight"`
}

// MaxPeriods is the most periods a [Schedule] may have: every week of ten
// years fits.
const MaxPeriods = 1000

// MaxScheduleCells is the most cells, parties times periods, a [Schedule]
// may have: 10,000 key customers by every week of nineteen years, or
// 830,000 by the months of a year.
const MaxScheduleCells = 10_000_000

// A Schedule spreads a [Plan] over periods, such as the months of a year,
// so that a salesperson sees each customer's time in each month. Every
// figure is a whole number of steps and every figure adds up exactly: each
// party's periods to its amount in the plan, and each period's parties to
// the period's budget. [NewSchedule] makes it.
type Schedule struct {
	// Step is the plan's step.
	Step decimal.Decimal `json:"step"`

	// Periods are the periods, in the order given to NewSchedule.
	Periods []SchedulePeriod `json:"periods"`

	// Budgets holds the budget of each period: the plan's budget split in
	// proportion to the periods' weights.
	Budgets []decimal.Decimal `json:"budgets"`

	// Lines has one line per party of the plan: the key customers in the
	// plan's order, then the rest; or the other customers and prospecting
	// where the plan's Other or Prospecting is not zero, as in a plan that
	// [Allocation.SplitPlan] makes of a rest above zero.
	Lines []ScheduleLine `json:"lines"`
}

// A ScheduleLine is one party's time in each period of a [Schedule].
type ScheduleLine struct {
	// Kind is the party: "key" for a key customer, then "rest", or
	// "other" and "prospecting", as [Schedule.Lines] says.
	Kind string `json:"kind"`

	// Name is the key customer's name; empty for the other parties.
	Name string `json:"name"`

	// Amount is the party's amount in the plan.
	Amount decimal.Decimal `json:"amount"`

	// Periods holds the party's amount in each period; they add up to
	// Amount.
	Periods []decimal.Decimal `json:"periods"`
}

// NewSchedule spreads the plan p over periods.
//
// First the budget, in steps, is split between the periods in proportion
// to their weights, by the package's one rule of rounding: each period gets
// its quota rounded down, and the steps left over go to the largest
// remainders, then to the larger quotas, then to the earlier periods.
//
// Then each party's steps are spread over the periods. The quota of a
// party in a period is the party's steps times the period's budget over
// the plan's budget: the quotas of a party add up to its amount, and those
// of a period to its budget. Each cell of the schedule is its quota rounded
// down or up, such that each party's cells add up to its amount and each
// period's to its budget: a controlled rounding (Bacharach 1966; Cox and
// Ernst 1982), which always exists. Of all such roundings, NewSchedule
// takes the one that rounds up the cells with the largest remainders:
// taking the cells whose quotas are not whole in order of remainder,
// largest first (ties: larger quota, then earlier party, then earlier
// period), it rounds each up if some controlled rounding rounds it up
// together with every cell rounded up before it, and rounds down every
// cell rounded down before it; otherwise it rounds the cell down. The
// schedule depends only on the plan and the periods.
//
// NewSchedule returns an error wrapping [ErrInvalidPeriod] if there are no
// periods or more than [MaxPeriods], if the schedule would have more than
// [MaxScheduleCells] cells, if a weight is negative, if the weights
// add up to more than 2^62, or if they are all zero while the budget is
// not; and one wrapping [ErrInvalidBudget] if p's step is not positive, or
// if its amounts are not whole numbers of steps that add up to its budget,
// as they do in every plan that [Allocation.Plan] makes.
func NewSchedule(p Plan, periods []SchedulePeriod) (Schedule, error) {
	weights, err := checkPeriods(periods)
	if err != nil {
		return Schedule{}, err
	}
	m, err := countSteps(p.Budget, p.Step)
	if err != nil {
		return Schedule{}, err
	}
	lines := scheduleLines(p)
	if cells := len(lines) * len(periods); cells > MaxScheduleCells {
		return Schedule{}, fmt.Errorf("%w: %d parties by %d periods are %d cells, more than the %d a schedule may have",
			ErrInvalidPeriod, len(lines), len(periods), cells, MaxScheduleCells)
	}
	counts := make([]uint64, len(lines))
	var sum uint64
	for i, l := range lines {
		c, err := countSteps(l.Amount, p.Step)
		if err != nil {
			return Schedule{}, fmt.Errorf("%w (%s %q)", err, l.Kind, l.Name)
		}
		counts[i] = uint64(c)
		if sum += counts[i]; sum > uint64(m) {
			break
		}
	}
	if sum != uint64(m) {
		return Schedule{}, fmt.Errorf("%w: the plan's amounts do not add up to its budget %s", ErrInvalidBudget, formatDecimal(p.Budget))
	}
	var total uint64
	for _, w := range weights {
		total += w
	}
	if total == 0 && m > 0 {
		return Schedule{}, fmt.Errorf("%w: every period has a weight of 0, and the budget %s is not 0", ErrInvalidPeriod, formatDecimal(p.Budget))
	}
	budgets := exact.Apportion(uint64(m), weights, total)
	cells, err := exact.RoundTable(counts, budgets, uint64(m))
	if err != nil {
		return Schedule{}, fmt.Errorf("%w: %w", ErrInvalidPeriod, err)
	}
	of := exact.NewAmounts(p.Step)
	s := Schedule{Step: p.Step, Periods: periods, Budgets: make([]decimal.Decimal, len(periods)), Lines: lines}
	for j, b := range budgets {
		s.Budgets[j] = of.Amount(b)
	}
	k := len(periods)
	for i := range s.Lines {
		s.Lines[i].Periods = make([]decimal.Decimal, k)
		for j, c := range cells[i*k : (i+1)*k] {
			s.Lines[i].Periods[j] = of.Amount(c)
		}
	}
	return s, nil
}

// checkPeriods returns the weights of periods, after checking them as
// [NewSchedule] documents.
func checkPeriods(periods []SchedulePeriod) ([]uint64, error) {
	if len(periods) == 0 || len(periods) > MaxPeriods {
		return nil, fmt.Errorf("%w: a schedule has from 1 to %d periods, not %d", ErrInvalidPeriod, MaxPeriods, len(periods))
	}
	weights := make([]uint64, len(periods))
	var total uint64
	for j, p := range periods {
		if p.Weight < 0 {
			return nil, fmt.Errorf("%w: period %q has a negative weight, %d", ErrInvalidPeriod, p.Label, p.Weight)
		}
		weights[j] = uint64(p.Weight)
		if total += weights[j]; total > 1<<62 {
			return nil, fmt.Errorf("%w: the weights of the periods add up to more than 2^62", ErrInvalidPeriod)
		}
	}
	return weights, nil
}

// scheduleLines returns the lines of the parties of p, without periods.
func scheduleLines(p Plan) []ScheduleLine {
	lines := make([]ScheduleLine, 0, len(p.Lines)+2)
	for _, l := range p.Lines {
		lines = append(lines, ScheduleLine{Kind: "key", Name: l.Customer.Name, Amount: l.Amount})
	}
	if p.Other.Sign() != 0 || p.Prospecting.Sign() != 0 {
		return append(lines, ScheduleLine{Kind: "other", Amount: p.Other}, ScheduleLine{Kind: "prospecting", Amount: p.Prospecting})
	}
	return append(lines, ScheduleLine{Kind: "rest", Amount: p.Rest})
}
