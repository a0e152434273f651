package salestime_test

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// checkSchedule checks the promises of NewSchedule for s, made from p and
// periods: each party's periods add up to its amount and each period's
// parties to its budget, the budgets are the package's apportionment of the
// weights, and every cell is its quota rounded down or up.
func checkSchedule(t *testing.T, p salestime.Plan, periods []salestime.SchedulePeriod, s salestime.Schedule) {
	t.Helper()
	if len(s.Budgets) != len(periods) {
		t.Fatalf("%d budgets for %d periods", len(s.Budgets), len(periods))
	}
	var total int64
	for _, q := range periods {
		total += q.Weight
	}
	budget := decimal.Decimal{}
	for j, b := range s.Budgets {
		budget = budget.Add(b)
		if total > 0 {
			quota := new(big.Rat).Mul(rat(p.Budget), big.NewRat(periods[j].Weight, total))
			checkRounded(t, "budget of period "+periods[j].Label, b, quota, p.Step)
		}
	}
	if !budget.Equal(p.Budget) {
		t.Errorf("the periods' budgets add up to %v, want %v", budget, p.Budget)
	}
	columns := make([]decimal.Decimal, len(periods))
	for _, l := range s.Lines {
		sum := decimal.Decimal{}
		for j, a := range l.Periods {
			sum = sum.Add(a)
			columns[j] = columns[j].Add(a)
			if p.Budget.Sign() > 0 {
				quota := new(big.Rat).Quo(new(big.Rat).Mul(rat(l.Amount), rat(s.Budgets[j])), rat(p.Budget))
				checkRounded(t, l.Kind+" "+l.Name+" in "+periods[j].Label, a, quota, p.Step)
			}
		}
		if !sum.Equal(l.Amount) {
			t.Errorf("%s %q: periods add up to %v, want %v", l.Kind, l.Name, sum, l.Amount)
		}
	}
	for j, c := range columns {
		if !c.Equal(s.Budgets[j]) {
			t.Errorf("period %s: parties add up to %v, want its budget %v", periods[j].Label, c, s.Budgets[j])
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

// randomPlan returns a plan of random customers, split or not, and random
// periods, some without weight.
func randomPlan(t *testing.T, r *rand.Rand) (salestime.Plan, []salestime.SchedulePeriod) {
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
	periods := make([]salestime.SchedulePeriod, 1+r.IntN(14))
	for j := range periods {
		periods[j] = salestime.SchedulePeriod{Label: string(rune('A' + j)), Weight: int64(r.IntN(24))}
		if r.IntN(6) == 0 {
			periods[j].Weight = 0
		}
	}
	periods[r.IntN(len(periods))].Weight++
	return plan, periods
}

func TestNewSchedule(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 16))
	for range 500 {
		plan, periods := randomPlan(t, r)
		s, err := salestime.NewSchedule(plan, periods)
		if err != nil {
			t.Fatal(err)
		}
		checkSchedule(t, plan, periods, s)
		if len(s.Lines) < len(plan.Lines)+1 || s.Lines[0].Kind != "key" && len(plan.Lines) > 0 {
			t.Fatalf("lines %+v for plan %+v", s.Lines, plan)
		}
	}
}

// The article's key customers with 70% of revenue get 35% of the time:
// 560 of 1,600 hours, spread over the months of 2027 by working days.
func TestScheduleOfTheArticle(t *testing.T) {
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
	months, err := year.Split("month", nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := salestime.NewSchedule(plan, months)
	if err != nil {
		t.Fatal(err)
	}
	checkSchedule(t, plan, months, s)
	var key []string
	for _, a := range s.Lines[0].Periods {
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

func TestNewScheduleErrors(t *testing.T) {
	plan := salestime.Plan{Budget: d("10"), Step: d("1"), Rest: d("10")}
	month := []salestime.SchedulePeriod{{Label: "M", Weight: 20}}
	tests := []struct {
		name    string
		plan    salestime.Plan
		periods []salestime.SchedulePeriod
		want    error
		message string
	}{
		{"no periods", plan, nil, salestime.ErrInvalidPeriod, "from 1 to 1000 periods, not 0"},
		{"too many periods", plan, make([]salestime.SchedulePeriod, salestime.MaxPeriods+1), salestime.ErrInvalidPeriod, "not 1001"},
		{"negative weight", plan, []salestime.SchedulePeriod{{Label: "M", Weight: -1}}, salestime.ErrInvalidPeriod, `period "M" has a negative weight`},
		{"huge weights", plan, []salestime.SchedulePeriod{{Weight: 1 << 62}, {Weight: 1}}, salestime.ErrInvalidPeriod, "more than 2^62"},
		{"no weight", plan, []salestime.SchedulePeriod{{Label: "M"}}, salestime.ErrInvalidPeriod, "every period has a weight of 0"},
		{"amounts off", salestime.Plan{Budget: d("10"), Step: d("1"), Rest: d("9")}, month, salestime.ErrInvalidBudget, "do not add up to its budget 10"},
		{"amounts over", salestime.Plan{Budget: d("10"), Step: d("1"), Rest: d("11")}, month, salestime.ErrInvalidBudget, "do not add up"},
		{"not in steps", salestime.Plan{Budget: d("10"), Step: d("1"), Lines: []salestime.PlanLine{{Customer: salestime.Customer{Name: "A"}, Amount: d("0.5")}},
			Rest: d("9.5")}, month, salestime.ErrInvalidBudget, `(key "A")`},
		{"no step", salestime.Plan{Budget: d("10"), Rest: d("10")}, month, salestime.ErrInvalidBudget, "step 0 is not positive"},
		{"too many cells", salestime.Plan{Budget: d("10"), Step: d("1"), Lines: make([]salestime.PlanLine, 10_000), Rest: d("10")},
			make([]salestime.SchedulePeriod, salestime.MaxPeriods), salestime.ErrInvalidPeriod,
			"10001 parties by 1000 periods are 10001000 cells, more than the 10000000 a schedule may have"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := salestime.NewSchedule(tt.plan, tt.periods)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.message) {
				t.Errorf("NewSchedule() = %v, want %v saying %q", err, tt.want, tt.message)
			}
		})
	}
	s, err := salestime.NewSchedule(salestime.Plan{Step: d("1")}, []salestime.SchedulePeriod{{Label: "M"}})
	if err != nil || len(s.Lines) != 1 || s.Lines[0].Kind != "rest" || !s.Lines[0].Periods[0].IsZero() {
		t.Errorf("NewSchedule(a zero plan, no weight) = %+v, %v; want a rest of zero", s, err)
	}
}

func TestSplitPeriod(t *testing.T) {
	date := func(s string) time.Time {
		t.Helper()
		v, err := salestime.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name     string
		period   string
		by       string
		holidays []string
		want     []salestime.SchedulePeriod
	}{
		{"leap February", "2028-02-01..2028-03-31", "month", nil, []salestime.SchedulePeriod{{"2028-02", 21}, {"2028-03", 23}}},
		{"February", "2027-02-01..2027-02-28", "month", nil, []salestime.SchedulePeriod{{"2027-02", 20}}},
		{"ISO week 53 and a mid-week start", "2026-12-30..2027-01-12", "week", nil,
			[]salestime.SchedulePeriod{{"2026-W53", 3}, {"2027-W01", 5}, {"2027-W02", 2}}},
		{"quarters cut by the period", "2027-02-15..2027-07-02", "quarter", nil,
			[]salestime.SchedulePeriod{{"2027-Q1", 33}, {"2027-Q2", 65}, {"2027-Q3", 2}}},
		{"holidays: on a weekday, on a weekend, twice, outside", "2027-01-01..2027-01-31", "month",
			[]string{"2027-01-01", "2027-01-06", "2027-01-09", "2027-01-06", "2026-12-25"}, []salestime.SchedulePeriod{{"2027-01", 19}}},
		{"one day, a Sunday", "2027-01-03..2027-01-03", "week", nil, []salestime.SchedulePeriod{{"2026-W53", 0}}},
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
			got, err := p.Split(tt.by, holidays)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s.Split(%s) mismatch (-want +got):\n%s", tt.period, tt.by, diff)
			}
		})
	}
	year, _ := salestime.ParsePeriod("2027-01-01..2027-12-31")
	for by, n := range map[string]int{"month": 12, "quarter": 4, "week": 53} {
		got, err := year.Split(by, nil)
		var days int64
		for _, q := range got {
			days += q.Weight
		}
		if err != nil || len(got) != n || days != 261 {
			t.Errorf("2027 by %s: %d periods, %d working days, %v; want %d and 261", by, len(got), days, err, n)
		}
	}
	if _, err := year.Split("day", nil); !errors.Is(err, salestime.ErrInvalidOption) {
		t.Errorf("Split(day) = %v, want ErrInvalidOption", err)
	}
	if _, err := (salestime.Period{From: date("2027-02-01"), To: date("2027-01-01")}).Split("month", nil); !errors.Is(err, salestime.ErrInvalidOption) {
		t.Errorf("Split of a period that ends before it starts = %v, want ErrInvalidOption", err)
	}
}

// FuzzSchedule makes schedules of random plans and weights: NewSchedule
// never panics, and every sum holds.
func FuzzSchedule(f *testing.F) {
	f.Add(uint64(1), uint64(2), uint16(1600), []byte{21, 20, 23, 0, 22})
	f.Add(uint64(7), uint64(0), uint16(0), []byte{0})
	f.Fuzz(func(t *testing.T, seed1, seed2 uint64, steps uint16, weights []byte) {
		if len(weights) == 0 || len(weights) > 60 {
			return
		}
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
		periods := make([]salestime.SchedulePeriod, len(weights))
		var total int64
		for j, w := range weights {
			periods[j] = salestime.SchedulePeriod{Label: string(rune('A' + j)), Weight: int64(w)}
			total += int64(w)
		}
		s, err := salestime.NewSchedule(plan, periods)
		if total == 0 && m > 0 {
			if !errors.Is(err, salestime.ErrInvalidPeriod) {
				t.Fatalf("NewSchedule without weights = %v, want ErrInvalidPeriod", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("NewSchedule(%+v, %v): %v", plan, periods, err)
		}
		checkSchedule(t, plan, periods, s)
	})
}
