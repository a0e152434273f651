package salestime_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// reviewed returns the allocation and plan of the sample portfolio's top
// two customers, of budget hours in steps of step.
func reviewed(t *testing.T, budget, step string) (salestime.Allocation, salestime.Plan) {
	t.Helper()
	p := portfolio(t, c("Acme", "600"), nc("Beta", "200"), c("Gamma", "150"), c("Delta", "50"))
	a, err := salestime.Allocate(p, salestime.TopN(2))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := a.Plan(d(budget), d(step))
	if err != nil {
		t.Fatal(err)
	}
	return a, plan
}

func TestNewReview(t *testing.T) {
	a, plan := reviewed(t, "1000", "0.5") // Acme 300, Beta 150, rest 550
	log := []salestime.Activity{
		{Customer: "Acme", Duration: 40 * time.Hour, Date: date("2027-01-15")},
		{Customer: "Beta", Duration: 90 * time.Minute, Date: date("2027-02-01")},
		{Customer: "Gamma", Duration: 5 * time.Hour, Date: date("2027-02-02")},
		{Customer: "gamma", Duration: time.Hour, Date: date("2027-02-03")},
		{Customer: "Acmé", Duration: 2 * time.Hour, Date: date("2027-02-03")},
		{Customer: "Newco", Duration: 3 * time.Hour, Date: date("2027-02-04")},
		{Customer: "", Duration: 4 * time.Hour, Date: date("2027-03-01")},
		{Customer: "Acme", Duration: 100 * time.Hour, Date: date("2026-12-31")}, // before the period
	}
	period, err := salestime.ParsePeriod("2027-01-01..2027-12-31")
	if err != nil {
		t.Fatal(err)
	}
	r, err := salestime.NewReview(a, plan, log, period, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	// To the 1st of March: 42 of 261 working days. 1000 x 42/261 is 160.92
	// hours, 322 half hours rounded: 161 hours.
	want := salestime.Review{
		Period: period, Until: date("2027-03-01"), WorkingDays: 261, Passed: 42,
		Budget: 1000 * time.Hour, BudgetToDate: 161 * time.Hour,
		Lines: []salestime.ReviewLine{
			{Name: "Acme", Planned: 48*time.Hour + 30*time.Minute, Actual: 40 * time.Hour, Difference: -8*time.Hour - 30*time.Minute, OfPlan: d("0.824742268041")},
			{Name: "Beta", Planned: 24 * time.Hour, Actual: 90 * time.Minute, Difference: -22*time.Hour - 30*time.Minute, OfPlan: d("0.0625")},
		},
		Key:            salestime.ReviewLine{Name: "key customers", Planned: 72*time.Hour + 30*time.Minute, Actual: 41*time.Hour + 30*time.Minute, Difference: -31 * time.Hour, OfPlan: d("0.572413793103")},
		Rest:           salestime.ReviewLine{Planned: 88*time.Hour + 30*time.Minute, Actual: 15 * time.Hour, Difference: -73*time.Hour - 30*time.Minute, OfPlan: d("0.169491525424")},
		OtherCustomers: 5 * time.Hour, Prospects: 6 * time.Hour, Unassigned: 4 * time.Hour,
		Unmatched: []salestime.ReviewLine{
			{Name: "Newco", Actual: 3 * time.Hour, Difference: 3 * time.Hour},
			{Name: "Acmé", Actual: 2 * time.Hour, Difference: 2 * time.Hour, NearMiss: "Acme"},
			{Name: "gamma", Actual: time.Hour, Difference: time.Hour, NearMiss: "Gamma"},
		},
		KeyBudget: 450 * time.Hour, Logged: 56*time.Hour + 30*time.Minute, Outside: 1,
		ActualShare: d("0.734513274336"), PlanShare: d("0.45"),
	}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("NewReview() mismatch (-want +got):\n%s", diff)
	}
}

// The planned amounts to date add up to the budget to date, whole steps
// each within a step of its share, and the actual time adds up to the time
// logged.
func TestReviewSums(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for i := range 500 {
		steps := int64(1 + r.IntN(5000))
		a, plan := reviewed(t, fmt.Sprint(steps), "1")
		from := date("2027-01-01").AddDate(0, 0, r.IntN(300))
		period := salestime.Period{From: from, To: from.AddDate(0, 0, r.IntN(400))}
		until := from.AddDate(0, 0, r.IntN(500))
		var log []salestime.Activity
		var logged time.Duration
		for range r.IntN(30) {
			act := salestime.Activity{Customer: []string{"Acme", "Beta", "Gamma", "X", ""}[r.IntN(5)],
				Duration: time.Duration(r.IntN(600)) * time.Minute}
			log = append(log, act)
			logged += act.Duration
		}
		rv, err := salestime.NewReview(a, plan, log, period, until)
		if errors.Is(err, salestime.ErrInvalidOption) && until.Before(from) || hasNoWorkingDay(period) {
			continue // as TestNewReviewErrors checks
		}
		if err != nil {
			t.Fatal(err)
		}
		sum := rv.Rest.Planned
		for _, l := range rv.Lines {
			sum += l.Planned
		}
		if sum != rv.BudgetToDate || rv.Key.Planned+rv.Rest.Planned != rv.BudgetToDate {
			t.Fatalf("%d: planned amounts add up to %v, want the budget to date %v", i, sum, rv.BudgetToDate)
		}
		// The budget to date is the budget times the share passed, rounded
		// to a whole step.
		exact := decimal.New(steps, 0).Mul(decimal.New(int64(rv.Passed), 0))
		q, rem := exact.QuoRem(decimal.New(int64(rv.WorkingDays), 0), 0)
		diff := rv.BudgetToDate - time.Duration(q.IntPart())*time.Hour
		if diff < 0 || diff > time.Hour || diff == time.Hour && rem.IsZero() {
			t.Fatalf("%d: budget to date %v, want %v steps and %v of %d", i, rv.BudgetToDate, q, rem, rv.WorkingDays)
		}
		if rv.Key.Actual+rv.Rest.Actual != logged || rv.Logged != logged {
			t.Fatalf("%d: actual %v + %v, logged %v, want %v", i, rv.Key.Actual, rv.Rest.Actual, rv.Logged, logged)
		}
	}
}

func TestNewReviewErrors(t *testing.T) {
	a, plan := reviewed(t, "100", "1")
	weekend := salestime.Period{From: date("2027-03-06"), To: date("2027-03-07")}
	year := salestime.Period{From: date("2027-01-01"), To: date("2027-12-31")}
	tests := []struct {
		name string
		log  []salestime.Activity
		per  salestime.Period
		day  time.Time
		plan salestime.Plan
		want error
	}{
		{"no working day", nil, weekend, time.Time{}, plan, salestime.ErrInvalidOption},
		{"until before the period", nil, year, date("2026-12-01"), plan, salestime.ErrInvalidOption},
		{"period backwards", nil, salestime.Period{From: year.To, To: year.From}, time.Time{}, plan, salestime.ErrInvalidOption},
		{"negative duration", []salestime.Activity{{Customer: "Acme", Duration: -time.Hour}}, salestime.Period{}, time.Time{}, plan, salestime.ErrInvalidActivity},
		{"another plan", nil, salestime.Period{}, time.Time{}, salestime.Plan{Lines: []salestime.PlanLine{{}}}, salestime.ErrInvalidBudget},
		{"step finer than a nanosecond", nil, salestime.Period{}, time.Time{}, mustPlan(t, a, "0.0000000000001", "0.0000000000001"), salestime.ErrInvalidBudget},
		{"more than a duration holds", []salestime.Activity{{Customer: "Acme", Duration: 1 << 62}, {Customer: "Acme", Duration: 1 << 62}}, salestime.Period{}, time.Time{}, plan, salestime.ErrInvalidActivity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := salestime.NewReview(a, tt.plan, tt.log, tt.per, tt.day); !errors.Is(err, tt.want) {
				t.Errorf("NewReview() = %v, want %v", err, tt.want)
			}
		})
	}
}

func mustPlan(t *testing.T, a salestime.Allocation, budget, step string) salestime.Plan {
	t.Helper()
	p, err := a.Plan(d(budget), d(step))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSummaryReview(t *testing.T) {
	a, plan := reviewed(t, "100", "1")
	r1, err := salestime.NewReview(a, plan, []salestime.Activity{{Customer: "Acme", Duration: 30 * time.Hour}, {Duration: 10 * time.Hour}}, salestime.Period{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := salestime.NewReview(a, plan, []salestime.Activity{{Customer: "Gamma", Duration: 20 * time.Hour}}, salestime.Period{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var sum salestime.Summary
	sum.Add(salestime.Group{Allocation: a, Plan: plan, Review: &r1})
	sum.Add(salestime.Group{Allocation: a, Plan: plan, Review: &r2})
	s := *sum.Review
	if s.Logged != 60*time.Hour || s.Key.Actual != 30*time.Hour || !s.ActualShare.Equal(d("0.5")) || !s.PlanShare.Equal(d("0.45")) ||
		s.Budget != 200*time.Hour || s.Rest.Actual != 30*time.Hour || s.Lines != nil {
		t.Errorf("the Summary's Review = %+v", s)
	}
}

// Activities dated after the day of the review are not yet actual: they
// are left out, and counted.
func TestReviewUntil(t *testing.T) {
	a, plan := reviewed(t, "1000", "0.5")
	log := []salestime.Activity{
		{Customer: "Acme", Duration: 10 * time.Hour, Date: date("2027-01-15")},
		{Customer: "Acme", Duration: 100 * time.Hour, Date: date("2027-06-15")},
		{Customer: "Gamma", Duration: 5 * time.Hour, Date: date("2027-02-01")},
		{Customer: "Gamma", Duration: time.Hour, Date: date("2027-02-01")}, // the day itself counts
		{Customer: "Newco", Duration: 3 * time.Hour, Date: date("2027-02-02")},
		{Customer: "Acme", Duration: 7 * time.Hour}, // no date: counted
	}
	period := salestime.Period{From: date("2027-01-01"), To: date("2027-12-31")}
	r, err := salestime.NewReview(a, plan, log, period, date("2027-02-01"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Lines[0].Actual != 17*time.Hour || r.Later != 2 || r.Logged != 23*time.Hour || r.Prospects != 0 || len(r.Unmatched) != 0 {
		t.Errorf("NewReview(until 2027-02-01): Acme %v, later %d, logged %v, prospects %v, unmatched %v; want 17h, 2, 23h, 0s, none",
			r.Lines[0].Actual, r.Later, r.Logged, r.Prospects, r.Unmatched)
	}
	var s salestime.Summary
	s.Add(salestime.Group{Allocation: a, Plan: plan, Review: &r})
	s.Add(salestime.Group{Allocation: a, Plan: plan, Review: &r})
	if s.Review.Later != 4 {
		t.Errorf("the Summary's Review.Later = %d, want 4", s.Review.Later)
	}
}

// hasNoWorkingDay reports whether p has no day from Monday to Friday,
// counted day by day.
func hasNoWorkingDay(p salestime.Period) bool {
	for d := p.From; !d.After(p.To); d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			return false
		}
	}
	return true
}

// Only the dates of a period count: an evening's From and a morning's To
// of one day are that day.
func TestPeriodOfTimes(t *testing.T) {
	p := salestime.Period{From: date("2027-03-08").Add(20 * time.Hour), To: date("2027-03-08").Add(8 * time.Hour)}
	s, err := salestime.Plan{Budget: d("1"), Step: d("1"), Rest: d("1")}.Spread(p, "week", nil)
	if err != nil || len(s.Periods) != 1 || !s.PeriodBudgets[0].Equal(d("1")) {
		t.Errorf("Spread over one day given by its times = %+v, %v", s, err)
	}
	r, err := salestime.NewReview(salestime.Allocation{}, salestime.Plan{Budget: d("1"), Step: d("1"), Rest: d("1")}, nil, p, time.Time{})
	if err != nil || r.WorkingDays != 1 || r.Passed != 1 {
		t.Errorf("NewReview over one day given by its times: %d working days, %d passed, %v; want 1, 1", r.WorkingDays, r.Passed, err)
	}
}
