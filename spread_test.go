package salestime_test

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// workingDays returns the periods of p by, labelled as Plan.Spread labels
// them, and the working days of each, counted day by day: the oracle of
// the calendar that Spread computes otherwise.
func workingDays(p salestime.Period, by string, holidays []time.Time) (labels []string, days []int64) {
	off := map[string]bool{}
	for _, h := range holidays {
		off[h.Format(time.DateOnly)] = true
	}
	for t := p.From; !t.After(p.To); t = t.AddDate(0, 0, 1) {
		var label string
		switch by {
		case "month":
			label = t.Format("2006-01")
		case "quarter":
			label = fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())+2)/3)
		default:
			y, w := t.ISOWeek()
			label = fmt.Sprintf("%d-W%02d", y, w)
		}
		if len(labels) == 0 || labels[len(labels)-1] != label {
			labels, days = append(labels, label), append(days, 0)
		}
		if t.Weekday() != time.Saturday && t.Weekday() != time.Sunday && !off[t.Format(time.DateOnly)] {
			days[len(days)-1]++
		}
	}
	return labels, days
}

// checkSpread checks the promises of Plan.Spread for s, spread from p over
// periods of the given working days: each party's periods add up to its
// amount and each period's parties to its budget, the budgets are the
// package's apportionment of the working days, and every amount is its
// quota rounded down or up.
func checkSpread(t *testing.T, p, s salestime.Plan, labels []string, days []int64) {
	t.Helper()
	if diff := cmp.Diff(labels, s.Periods); diff != "" {
		t.Fatalf("periods mismatch (-want +got):\n%s", diff)
	}
	if len(s.PeriodBudgets) != len(days) {
		t.Fatalf("%d budgets for %d periods", len(s.PeriodBudgets), len(days))
	}
	var total int64
	for _, w := range days {
		total += w
	}
	budget := decimal.Decimal{}
	for j, b := range s.PeriodBudgets {
		budget = budget.Add(b)
		if total > 0 {
			quota := new(big.Rat).Mul(rat(p.Budget), big.NewRat(days[j], total))
			checkRounded(t, "budget of period "+labels[j], b, quota, p.Step)
		}
	}
	if !budget.Equal(p.Budget) {
		t.Errorf("the periods' budgets add up to %v, want %v", budget, p.Budget)
	}
	type party struct {
		name    string
		amount  decimal.Decimal
		periods []decimal.Decimal
	}
	var parties []party
	if diff := cmp.Diff(p.Lines, s.Lines); diff != "" || len(s.KeyPeriods) != len(p.Lines) {
		t.Fatalf("the spread plan's lines mismatch (-want +got):\n%s\nand %d key customers' periods", diff, len(s.KeyPeriods))
	}
	for i, l := range s.Lines {
		parties = append(parties, party{l.Customer.Name, l.Amount, s.KeyPeriods[i]})
	}
	if p.Other.IsZero() && p.Prospecting.IsZero() {
		parties = append(parties, party{"the rest", p.Rest, s.RestPeriods})
		if s.OtherPeriods != nil || s.ProspectingPeriods != nil {
			t.Errorf("a plan without a split rest has other periods %v and prospecting periods %v", s.OtherPeriods, s.ProspectingPeriods)
		}
	} else {
		parties = append(parties, party{"other customers", p.Other, s.OtherPeriods}, party{"prospecting", p.Prospecting, s.ProspectingPeriods})
		for j := range days {
			if sum := s.OtherPeriods[j].Add(s.ProspectingPeriods[j]); !sum.Equal(s.RestPeriods[j]) {
				t.Errorf("period %s: rest %v, want other and prospecting %v", labels[j], s.RestPeriods[j], sum)
			}
		}
	}
	columns := make([]decimal.Decimal, len(days))
	for _, l := range parties {
		if len(l.periods) != len(days) {
			t.Fatalf("%s: %d periods, want %d", l.name, len(l.periods), len(days))
		}
		sum := decimal.Decimal{}
		for j, a := range l.periods {
			sum = sum.Add(a)
			columns[j] = columns[j].Add(a)
			if p.Budget.Sign() > 0 {
				quota := new(big.Rat).Quo(new(big.Rat).Mul(rat(l.amount), rat(s.PeriodBudgets[j])), rat(p.Budget))
				checkRounded(t, l.name+" in "+labels[j], a, quota, p.Step)
			}
		}
		if !sum.Equal(l.amount) {
			t.Errorf("%s: periods add up to %v, want %v", l.name, sum, l.amount)
		}
	}
	for j, c := range columns {
		if !c.Equal(s.PeriodBudgets[j]) {
			t.Errorf("period %s: parties add up to %v, want its budget %v", labels[j], c, s.PeriodBudgets[j])
		}
	}
}

// checkRounded checks that a is quota rounded down or up to a whole number
// of steps.
func checkRounded(t *testing.T, what string, a decimal.Decimal, quota *big.Rat, step decimal.Decimal) {
	t.Helper()
	steps := new(big.Rat).Quo(quota, rat(step))
	down := new(big.Int).Quo(steps.Num(), steps.Denom())
	got := new(big.Rat).Quo(rat(a), rat(step))
	if !got.IsInt() || got.Num().Cmp(down) < 0 || got.Num().Cmp(new(big.Int).Add(down, big.NewInt(1))) > 0 ||
		steps.IsInt() && got.Cmp(steps) != 0 {
		t.Errorf("%s: %v is not its quota %s rounded to a step of %v", what, a, quota.FloatString(6), step)
	}
}

// randomPlan returns a plan of random customers, split or not.
func randomPlan(t *testing.T, r *rand.Rand) salestime.Plan {
	t.Helper()
	p, err := salestime.NewPortfolio(randomCustomers(r)...)
	if err != nil {
		t.Fatal(err)
	}
	a, err := salestime.Allocate(p, salestime.TopShare(decimal.New(int64(1+r.IntN(100)), -2)))
	if err != nil {
		t.Fatal(err)
	}
	step := decimal.New(int64(1+r.IntN(4)), -int32(r.IntN(3)))
	budget := step.Mul(decimal.New(int64(r.IntN(5000)), 0))
	var plan salestime.Plan
	if r.IntN(2) == 0 {
		plan, err = a.Plan(budget, step)
	} else {
		plan, err = a.SplitPlan(budget, step, decimal.New(int64(r.IntN(101)), -2))
	}
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// randomPeriod returns a period of up to two years from 2026, a way to
// divide it and holidays in and around it.
func randomPeriod(r *rand.Rand) (salestime.Period, string, []time.Time) {
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(730))
	to := from.AddDate(0, 0, r.IntN(730))
	var holidays []time.Time
	for range r.IntN(12) {
		holidays = append(holidays, from.AddDate(0, 0, r.IntN(760)-10))
	}
	return salestime.Period{From: from, To: to}, []string{"month", "quarter", "week"}[r.IntN(3)], holidays
}

func TestSpread(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 16))
	for range 300 {
		plan := randomPlan(t, r)
		period, by, holidays := randomPeriod(r)
		labels, days := workingDays(period, by, holidays)
		s, err := plan.Spread(period, by, holidays)
		var total int64
		for _, w := range days {
			total += w
		}
		if total == 0 && plan.Budget.Sign() > 0 {
			if !errors.Is(err, salestime.ErrInvalidOption) {
				t.Fatalf("Spread over %v, which has no working day = %v, want ErrInvalidOption", period, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("Spread(%v, %s): %v", period, by, err)
		}
		checkSpread(t, plan, s, labels, days)
	}
}

// The article's key customers with 70% of revenue get 35% of the time:
// 560 of 1,600 hours, spread over the months of 2027 by working days.
func TestSpreadOfTheArticle(t *testing.T) {
	p, err := salestime.NewPortfolio(
		salestime.Customer{Name: "Key", Revenue: d("700")},
		salestime.Customer{Name: "Others", Revenue: d("300")},
	)
	if err != nil {
		t.Fatal(err)
	}
	a, err := salestime.Allocate(p, salestime.TopN(1))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := a.Plan(d("1600"), d("0.5"))
	if err != nil {
		t.Fatal(err)
	}
	year, err := salestime.ParsePeriod("2027-01-01..2027-12-31")
	if err != nil {
		t.Fatal(err)
	}
	s, err := plan.Spread(year, "month", nil)
	if err != nil {
		t.Fatal(err)
	}
	labels, days := workingDays(year, "month", nil)
	checkSpread(t, plan, s, labels, days)
	var key []string
	for _, a := range s.KeyPeriods[0] {
		key = append(key, a.String())
	}
	// 261 working days, January 21: 3,200 half hours x 21/261 = 257.5, 257
	// by the largest remainders, of which 35% is 89.95 half hours, 45 hours.
	// Worked out apart, with Python's fractions, by the rule's definition.
	want := []string{"45", "43", "49.5", "47", "45", "47", "47", "47", "47.5", "45", "47.5", "49.5"}
	if diff := cmp.Diff(want, key); diff != "" {
		t.Errorf("the key customer's months mismatch (-want +got):\n%s", diff)
	}
}

func TestSpreadErrors(t *testing.T) {
	plan := salestime.Plan{Budget: d("10"), Step: d("1"), Rest: d("10")}
	january := salestime.Period{From: date("2027-01-01"), To: date("2027-01-31")}
	tests := []struct {
		name   string
		plan   salestime.Plan
		period salestime.Period
		by     string
		want   error
	}{
		{"no period", plan, salestime.Period{}, "month", salestime.ErrInvalidOption},
		{"backwards", plan, salestime.Period{From: date("2027-02-01"), To: date("2027-01-01")}, "month", salestime.ErrInvalidOption},
		{"too long", plan, salestime.Period{From: date("2027-01-01"), To: date("2037-01-02")}, "month", salestime.ErrInvalidOption},
		{"by day", plan, january, "day", salestime.ErrInvalidOption},
		{"a weekend", plan, salestime.Period{From: date("2027-01-02"), To: date("2027-01-03")}, "week", salestime.ErrInvalidOption},
		{"amounts off", salestime.Plan{Budget: d("10"), Step: d("1"), Rest: d("9")}, january, "month", salestime.ErrInvalidBudget},
		{"amounts over", salestime.Plan{Budget: d("10"), Step: d("1"), Rest: d("11")}, january, "month", salestime.ErrInvalidBudget},
		{"not in steps", salestime.Plan{Budget: d("10"), Step: d("1"),
			Lines: []salestime.PlanLine{{Customer: salestime.Customer{Name: "A"}, Amount: d("0.5")}}, Rest: d("9.5")},
			january, "month", salestime.ErrInvalidBudget},
		{"no step", salestime.Plan{Budget: d("10"), Rest: d("10")}, january, "month", salestime.ErrInvalidBudget},
		{"too many amounts", salestime.Plan{Budget: d("10"), Step: d("1"), Lines: make([]salestime.PlanLine, 20_000), Rest: d("10")},
			salestime.Period{From: date("2027-01-01"), To: date("2036-12-31")}, "week", salestime.ErrInvalidOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.plan.Spread(tt.period, tt.by, nil); !errors.Is(err, tt.want) {
				t.Errorf("Spread() = %v, want %v", err, tt.want)
			}
		})
	}
	s, err := salestime.Plan{Step: d("1")}.Spread(salestime.Period{From: date("2027-01-02"), To: date("2027-01-03")}, "week", nil)
	if err != nil || len(s.RestPeriods) != 1 || !s.RestPeriods[0].IsZero() {
		t.Errorf("Spread(a zero plan, a weekend) = %+v, %v; want a rest of zero", s, err)
	}
}

// TestSpreadCalendar checks the periods and working days of Spread on
// periods of known days, through a plan whose budget, one hour a working
// day, the periods' budgets must match day for day.
func TestSpreadCalendar(t *testing.T) {
	tests := []struct {
		name     string
		period   string
		by       string
		holidays []string
		labels   []string
		days     []string
	}{
		{"leap February", "2028-02-01..2028-03-31", "month", nil, []string{"2028-02", "2028-03"}, []string{"21", "23"}},
		{"February", "2027-02-01..2027-02-28", "month", nil, []string{"2027-02"}, []string{"20"}},
		{"ISO week 53 and a mid-week start", "2026-12-30..2027-01-12", "week", nil,
			[]string{"2026-W53", "2027-W01", "2027-W02"}, []string{"3", "5", "2"}},
		{"quarters cut by the period", "2027-02-15..2027-07-02", "quarter", nil,
			[]string{"2027-Q1", "2027-Q2", "2027-Q3"}, []string{"33", "65", "2"}},
		{"holidays: on a weekday, on a weekend, twice, outside", "2027-01-01..2027-01-31", "month",
			[]string{"2027-01-01", "2027-01-06", "2027-01-09", "2027-01-06", "2026-12-25"}, []string{"2027-01"}, []string{"19"}},
		{"a Sunday and a Monday", "2027-01-03..2027-01-04", "week", nil, []string{"2026-W53", "2027-W01"}, []string{"0", "1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := salestime.ParsePeriod(tt.period)
			if err != nil {
				t.Fatal(err)
			}
			var holidays []time.Time
			for _, h := range tt.holidays {
				holidays = append(holidays, date(h))
			}
			total := decimal.Decimal{}
			for _, s := range tt.days {
				total = total.Add(d(s))
			}
			s, err := salestime.Plan{Budget: total, Step: d("1"), Rest: total}.Spread(p, tt.by, holidays)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range s.PeriodBudgets {
				got = append(got, b.String())
			}
			if diff := cmp.Diff(tt.labels, s.Periods); diff != "" {
				t.Errorf("%s by %s: periods mismatch (-want +got):\n%s", tt.period, tt.by, diff)
			}
			if diff := cmp.Diff(tt.days, got); diff != "" {
				t.Errorf("%s by %s: working days mismatch (-want +got):\n%s", tt.period, tt.by, diff)
			}
		})
	}
	year, _ := salestime.ParsePeriod("2027-01-01..2027-12-31")
	for by, n := range map[string]int{"month": 12, "quarter": 4, "week": 53} {
		s, err := salestime.Plan{Budget: d("261"), Step: d("1"), Rest: d("261")}.Spread(year, by, nil)
		labels, days := workingDays(year, by, nil)
		if err != nil || len(s.Periods) != n {
			t.Fatalf("2027 by %s: %d periods, %v; want %d", by, len(s.Periods), err, n)
		}
		for j, b := range s.PeriodBudgets {
			if !b.Equal(decimal.New(days[j], 0)) || labels[j] != s.Periods[j] {
				t.Errorf("2027 by %s: period %s has %v working days, want %s with %d", by, s.Periods[j], b, labels[j], days[j])
			}
		}
	}
}

// FuzzSpread spreads random plans over random periods: Spread never
// panics, and every sum holds.
func FuzzSpread(f *testing.F) {
	f.Add(uint64(1), uint64(2), uint16(1600), uint16(0), uint16(364), uint8(0))
	f.Add(uint64(7), uint64(0), uint16(0), uint16(5), uint16(1), uint8(2))
	f.Fuzz(func(t *testing.T, seed1, seed2 uint64, steps, start, length uint16, by uint8) {
		r := rand.New(rand.NewPCG(seed1, seed2))
		m := int64(steps)
		var plan salestime.Plan
		plan.Step = decimal.New(int64(1+r.IntN(4)), -int32(r.IntN(3)))
		plan.Budget = plan.Step.Mul(decimal.New(m, 0))
		left := m
		for i := range r.IntN(20) {
			c := r.Int64N(left + 1)
			if r.IntN(3) == 0 {
				c = r.Int64N(min(left, 3) + 1)
			}
			left -= c
			plan.Lines = append(plan.Lines, salestime.PlanLine{Customer: salestime.Customer{Name: string(rune('a' + i))}, Amount: plan.Step.Mul(decimal.New(c, 0))})
		}
		plan.Rest = plan.Step.Mul(decimal.New(left, 0))
		if r.IntN(2) == 0 {
			o := r.Int64N(left + 1)
			plan.Other, plan.Prospecting = plan.Step.Mul(decimal.New(o, 0)), plan.Step.Mul(decimal.New(left-o, 0))
		}
		from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(start%3000))
		period := salestime.Period{From: from, To: from.AddDate(0, 0, int(length%800))}
		unit := []string{"month", "quarter", "week"}[by%3]
		s, err := plan.Spread(period, unit, nil)
		labels, days := workingDays(period, unit, nil)
		var total int64
		for _, w := range days {
			total += w
		}
		if total == 0 && m > 0 {
			if !errors.Is(err, salestime.ErrInvalidOption) {
				t.Fatalf("Spread without working days = %v, want ErrInvalidOption", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Spread(%+v, %v, %s): %v", plan, period, unit, err)
		}
		checkSpread(t, plan, s, labels, days)
	})
}
