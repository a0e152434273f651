package salestime

import (
	"fmt"
	"time"

	"github.com/salestime/salestime/internal/exact"
	"github.com/shopspring/decimal"
)

// maxSpreadCells is the most amounts, parties times periods, of a spread
// plan: 10,000 key customers by every week of nineteen years, or 830,000
// by the months of a year.
const maxSpreadCells = 10_000_000

// Spread returns a copy of p spread over the calendar: over period, by
// calendar months ("month"), quarters ("quarter") or ISO 8601 weeks
// ("week"), so that a salesperson sees each customer's time in each month.
// The copy's Periods name the periods, as in 2027-01, 2027-Q1 and 2027-W01
// (a week's year is its ISO year, so that 2027-01-01 is in 2026-W53); a
// month, quarter or week cut by the period's first or last day counts only
// its days in the period.
//
// Each period weighs its working days: the days from Monday to Friday,
// less the holidays (those outside the period or on a weekend change
// nothing, and one given twice counts once). First the budget, in steps,
// is split between the periods in proportion to their weights by the
// package's one rule of rounding: each period gets its quota rounded down,
// and the steps left over go to the largest remainders, then to the larger
// quotas, then to the earlier periods.
//
// Then each party's steps are spread over the periods. The quota of a
// party in a period is the party's steps times the period's budget over
// the plan's budget: the quotas of a party add up to its amount, and those
// of a period to its budget. Each amount is its quota rounded down or up,
// such that each party's amounts add up to its amount in p and each
// period's to its budget: a controlled rounding (Bacharach 1966; Cox and
// Ernst 1982), which always exists. Of all such roundings, Spread takes
// the one that rounds up the amounts with the largest remainders: taking
// the amounts whose quotas are not whole in order of remainder, largest
// first (ties: larger quota, then earlier party, then earlier period), it
// rounds each up if some controlled rounding rounds it up together with
// every amount rounded up before it, and rounds down every amount rounded
// down before it; otherwise it rounds the amount down. The parties are the
// key customers in the plan's order, then the rest, or the other
// customers and prospecting where p's Other or Prospecting is not zero.
// The spread depends only on p and the periods.
//
// Spread returns an error wrapping [ErrInvalidOption] if by is none of
// those, if period is the zero Period, ends before it starts or is longer
// than ten years, if it has more than 1,000 periods, if the parties times
// the periods are more than 10,000,000 amounts, or if it has no working
// day while the budget is not zero; and one wrapping [ErrInvalidBudget] if
// p's step is not positive, or if its amounts are not whole numbers of
// steps that add up to its budget, as they do in every plan that
// [Allocation.Plan] makes.
func (p Plan) Spread(period Period, by string, holidays []time.Time) (Plan, error) {
	periods, err := period.split(by, holidays)
	if err != nil {
		return Plan{}, err
	}
	return p.spread(period, periods)
}

// spread is Spread over the periods that period.split made.
func (p Plan) spread(period Period, periods []spreadPeriod) (Plan, error) {
	cells, budgets, err := p.spreadSteps(period, periods)
	if err != nil {
		return Plan{}, err
	}
	of := exact.NewAmounts(p.Step)
	k := len(periods)
	row := func(i int) []decimal.Decimal {
		out := make([]decimal.Decimal, k)
		for j, c := range cells[i*k : (i+1)*k] {
			out[j] = of.Amount(c)
		}
		return out
	}
	s := p
	s.Periods = make([]string, k)
	s.PeriodBudgets = make([]decimal.Decimal, k)
	for j, q := range periods {
		s.Periods[j], s.PeriodBudgets[j] = q.label, of.Amount(budgets[j])
	}
	s.KeyPeriods = make([][]decimal.Decimal, len(p.Lines))
	for i := range p.Lines {
		s.KeyPeriods[i] = row(i)
	}
	n := len(p.Lines)
	if p.split() {
		s.OtherPeriods, s.ProspectingPeriods = row(n), row(n+1)
		s.RestPeriods = make([]decimal.Decimal, k)
		for j := range k {
			s.RestPeriods[j] = of.Amount(cells[n*k+j] + cells[(n+1)*k+j])
		}
	} else {
		s.RestPeriods = row(n)
		s.OtherPeriods, s.ProspectingPeriods = nil, nil
	}
	return s, nil
}

// spreadSteps returns the steps of each party of p, as parties lists them,
// in each of periods, party after party, and the budget of each period in
// steps: the figures of Spread, before they are made amounts.
func (p Plan) spreadSteps(period Period, periods []spreadPeriod) (cells, budgets []uint64, err error) {
	m, err := countSteps(p.Budget, p.Step)
	if err != nil {
		return nil, nil, err
	}
	amounts := p.parties()
	if n := len(amounts) * len(periods); n > maxSpreadCells {
		return nil, nil, fmt.Errorf("%w: %d parties by %d periods are %d amounts, more than the %d a plan may be spread into",
			ErrInvalidOption, len(amounts), len(periods), n, maxSpreadCells)
	}
	counts := make([]uint64, len(amounts))
	var sum uint64
	for i, a := range amounts {
		c, err := countSteps(a, p.Step)
		if err != nil {
			return nil, nil, fmt.Errorf("%w (%s)", err, p.partyName(i))
		}
		counts[i] = uint64(c)
		if sum += counts[i]; sum > uint64(m) {
			break
		}
	}
	if sum != uint64(m) {
		return nil, nil, fmt.Errorf("%w: the plan's amounts do not add up to its budget %s", ErrInvalidBudget, formatDecimal(p.Budget))
	}
	weights := make([]uint64, len(periods))
	var total uint64
	for j, q := range periods {
		weights[j] = q.weight
		total += q.weight
	}
	if total == 0 && m > 0 {
		return nil, nil, fmt.Errorf("%w: the period from %s to %s has no working day, and the budget %s is not 0",
			ErrInvalidOption, isoDate(period.From), isoDate(period.To), formatDecimal(p.Budget))
	}
	budgets = exact.Apportion(uint64(m), weights, total)
	if cells, err = exact.RoundTable(counts, budgets, uint64(m)); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrInvalidOption, err)
	}
	return cells, budgets, nil
}

// split reports whether p splits its rest between the other customers
// and prospecting.
func (p Plan) split() bool {
	return p.Other.Sign() != 0 || p.Prospecting.Sign() != 0
}

// parties returns the amounts of the parties of p, as Spread lists them.
func (p Plan) parties() []decimal.Decimal {
	amounts := make([]decimal.Decimal, 0, len(p.Lines)+2)
	for _, l := range p.Lines {
		amounts = append(amounts, l.Amount)
	}
	if p.split() {
		return append(amounts, p.Other, p.Prospecting)
	}
	return append(amounts, p.Rest)
}

// partyName names the i-th party of p, as parties lists them, in an error.
func (p Plan) partyName(i int) string {
	switch n := len(p.Lines); {
	case i < n:
		return "customer " + quoteText(p.Lines[i].Customer.Name)
	case !p.split():
		return "the rest"
	case i == n:
		return "the other customers"
	}
	return "prospecting"
}
