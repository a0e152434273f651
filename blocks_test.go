package salestime_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// nineToFive is a working day of nine to five with an hour for lunch.
var nineToFive = []time.Duration{9 * time.Hour, 12 * time.Hour, 13 * time.Hour, 17 * time.Hour}

// checkBlocks checks blocks, the blocks of plan over period, against the
// plan spread by week and the working hours, as Blocks documents them.
func checkBlocks(t *testing.T, what string, plan salestime.Plan, period salestime.Period, holidays []time.Time,
	hours []time.Duration, loc *time.Location, blocks []salestime.Block) {
	t.Helper()
	s, err := plan.Spread(period, "week", holidays)
	if err != nil {
		t.Fatalf("%s: Spread: %v", what, err)
	}
	week := map[string]int{}
	for j, label := range s.Periods {
		week[label] = j
	}
	off := map[string]bool{}
	for _, h := range holidays {
		off[h.Format(time.DateOnly)] = true
	}
	// The schedule's cells, less each block: all zero at the end.
	cells := map[string]decimal.Decimal{}
	key := func(kind, customer string, j int) string { return fmt.Sprintf("%s/%s/%d", kind, customer, j) }
	for i, l := range s.Lines {
		for j, a := range s.KeyPeriods[i] {
			cells[key("key", l.Customer.Name, j)] = a
		}
	}
	for j := range s.Periods {
		if s.OtherPeriods != nil {
			cells[key("other", "", j)], cells[key("prospecting", "", j)] = s.OtherPeriods[j], s.ProspectingPeriods[j]
		} else {
			cells[key("rest", "", j)] = s.RestPeriods[j]
		}
	}
	hour := decimal.New(int64(time.Hour), 0)
	firstOfDay := map[string]salestime.Block{}
	for i, b := range blocks {
		d := b.End.Sub(b.Start)
		steps, rem := decimal.New(int64(d), 0).QuoRem(hour, 18) // hours, exactly
		if d <= 0 || !rem.IsZero() || !steps.Mod(plan.Step).IsZero() {
			t.Fatalf("%s: block %d lasts %v, not a positive whole number of steps of %s hours", what, i, d, plan.Step)
		}
		if i > 0 && b.Start.Before(blocks[i-1].End) {
			t.Fatalf("%s: block %d starts at %v, before block %d ends at %v", what, i, b.Start, i-1, blocks[i-1].End)
		}
		if b.Start.Location() != loc || b.End.Location() != loc {
			t.Fatalf("%s: block %d is in %v, not %v", what, i, b.Start.Location(), loc)
		}
		date := b.Start.Format(time.DateOnly)
		if wd := b.Start.Weekday(); wd == time.Saturday || wd == time.Sunday || off[date] || b.Start.Before(period.From) ||
			!b.Start.Before(period.To.AddDate(0, 0, 1)) {
			t.Fatalf("%s: block %d falls on %s, no working day of the period", what, i, b.Start.Format("Mon 2006-01-02"))
		}
		inside := false
		for k := 0; k < len(hours); k += 2 {
			inside = inside || wallOf(b.Start) >= hours[k] && wallOf(b.End) <= hours[k+1] && wallOf(b.End) > hours[k]
		}
		if !inside {
			t.Fatalf("%s: block %d from %s to %s is not within one stretch of the working hours %v", what, i, b.Start.Format("15:04"), b.End.Format("15:04"), hours)
		}
		if _, ok := firstOfDay[date]; !ok {
			firstOfDay[date] = b
		}
		y, w := b.Start.ISOWeek()
		j, ok := week[fmt.Sprintf("%d-W%02d", y, w)]
		if !ok {
			t.Fatalf("%s: block %d is in week %d-W%02d, not of the schedule", what, i, y, w)
		}
		k := key(b.Kind, b.Customer, j)
		cells[k] = cells[k].Sub(steps)
	}
	for k, left := range cells {
		if !left.IsZero() {
			t.Fatalf("%s: the blocks of %s differ from the schedule by %s hours", what, k, left)
		}
	}
	for _, b := range blocks {
		if first := firstOfDay[b.Start.Format(time.DateOnly)]; b.Kind == "prospecting" && first.Kind != "prospecting" {
			t.Fatalf("%s: on %s, %s %s comes before prospecting", what, b.Start.Format(time.DateOnly), first.Kind, first.Customer)
		}
	}
}

// wallOf returns the time of day of t, as its clock reads it.
func wallOf(t time.Time) time.Duration {
	h, m, s := t.Clock()
	if h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
		return 24 * time.Hour // the end of a stretch at midnight
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second
}

// Random plans, periods, holidays and working hours: every plan that fits
// is placed as Blocks documents, and one that does not is refused.
func TestBlocksAgainstSchedule(t *testing.T) {
	warsaw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	r := rand.New(rand.NewPCG(26, 27))
	days := [][]time.Duration{nineToFive, {8 * time.Hour, 16 * time.Hour}, {7*time.Hour + 30*time.Minute, 11*time.Hour + 45*time.Minute, 12*time.Hour + 15*time.Minute, 15*time.Hour + 50*time.Minute}}
	placed, refused := 0, 0
	for iter := range 400 {
		customers := randomCustomers(r)
		p, err := salestime.NewPortfolio(customers...)
		if err != nil {
			t.Fatal(err)
		}
		a, err := salestime.Allocate(p, randomSelector(r).key)
		if err != nil {
			t.Fatal(err)
		}
		step := []decimal.Decimal{d("1"), d("0.5"), d("0.25")}[r.IntN(3)]
		from := date("2027-01-01").AddDate(0, 0, r.IntN(365))
		period := salestime.Period{From: from, To: from.AddDate(0, 0, r.IntN(60))}
		var holidays []time.Time
		for range r.IntN(4) {
			holidays = append(holidays, from.AddDate(0, 0, r.IntN(60)))
		}
		budget := step.Mul(decimal.New(int64(r.IntN(8*60+1)), 0))
		plan, err := a.Plan(budget, step)
		if r.IntN(2) == 0 {
			plan, err = a.SplitPlan(budget, step, decimal.New(int64(r.IntN(101)), -2))
		}
		if err != nil {
			t.Fatal(err)
		}
		hours := days[r.IntN(len(days))]
		loc := []*time.Location{time.UTC, warsaw}[r.IntN(2)]
		blocks, err := plan.Blocks(period, holidays, hours, loc)
		what := fmt.Sprintf("%d: %s hours from %s to %s", iter, budget, period.From.Format(time.DateOnly), period.To.Format(time.DateOnly))
		switch {
		case errors.Is(err, salestime.ErrInvalidBudget) && strings.Contains(err.Error(), "hours missing"),
			errors.Is(err, salestime.ErrInvalidOption) && strings.Contains(err.Error(), "has no working day"):
			refused++
			continue
		case err != nil:
			t.Fatalf("%s: %v", what, err)
		}
		placed++
		checkBlocks(t, what, plan, period, holidays, hours, loc, blocks)
		again, err := plan.Blocks(period, holidays, hours, loc)
		if err != nil || !cmp.Equal(blocks, again) {
			t.Fatalf("%s: a second call placed the blocks otherwise: %v", what, err)
		}
	}
	if placed < 100 || refused < 20 {
		t.Errorf("placed %d plans and refused %d, want both many", placed, refused)
	}
}

// hundredHours returns a plan of 100 hours in whole hours, a key customer
// and the rest.
func hundredHours(t *testing.T) salestime.Plan {
	t.Helper()
	a, err := salestime.Allocate(portfolio(t, c("A", "700"), c("B", "300")), salestime.TopN(1))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := a.Plan(d("100"), d("1"))
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// A week that does not fit names itself and the hours missing; bad working
// hours name what is wrong with them.
func TestBlocksErrors(t *testing.T) {
	plan := hundredHours(t)
	week := salestime.Period{From: date("2027-03-01"), To: date("2027-03-07")}
	tests := []struct {
		name   string
		period salestime.Period
		hours  []time.Duration
		loc    *time.Location
		err    error
		text   string
	}{
		{"a week too short", week, nineToFive, time.UTC, salestime.ErrInvalidBudget,
			"week 2027-W09 plans 100 hours and its working hours hold 35: 65 hours missing"},
		{"no working hours", week, nil, time.UTC, salestime.ErrInvalidOption, "0 offsets"},
		{"a start without an end", week, []time.Duration{9 * time.Hour}, time.UTC, salestime.ErrInvalidOption, "1 offsets"},
		{"backwards", week, []time.Duration{17 * time.Hour, 9 * time.Hour}, time.UTC, salestime.ErrInvalidOption, "not whole minutes increasing"},
		{"past midnight", week, []time.Duration{9 * time.Hour, 25 * time.Hour}, time.UTC, salestime.ErrInvalidOption, "not whole minutes increasing"},
		{"seconds", week, []time.Duration{9 * time.Hour, 17*time.Hour + time.Second}, time.UTC, salestime.ErrInvalidOption, "not whole minutes increasing"},
		{"no location", week, nineToFive, nil, salestime.ErrInvalidOption, "no location"},
		{"no period", salestime.Period{}, nineToFive, time.UTC, salestime.ErrInvalidOption, "no period"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := plan.Blocks(tt.period, nil, tt.hours, tt.loc)
			if !errors.Is(err, tt.err) || !strings.Contains(fmt.Sprint(err), tt.text) {
				t.Errorf("Blocks() = %v, want %v saying %q", err, tt.err, tt.text)
			}
		})
	}
	odd, err := salestime.Allocation{}.Plan(d("1"), d("0.0000000000001"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := odd.Blocks(week, nil, nineToFive, time.UTC); !errors.Is(err, salestime.ErrInvalidOption) {
		t.Errorf("Blocks() of a step of 0.36 nanoseconds = %v, want ErrInvalidOption", err)
	}
}

// Nine o'clock stays nine o'clock when the clocks go forward.
func TestBlocksSummerTime(t *testing.T) {
	warsaw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	a, err := salestime.Allocate(portfolio(t, c("A", "700"), c("B", "300")), salestime.TopN(1))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := a.SplitPlan(d("12"), d("1"), d("0.5"))
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := plan.Blocks(salestime.Period{From: date("2027-03-26"), To: date("2027-03-29")}, nil, nineToFive, warsaw)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range blocks {
		got = append(got, fmt.Sprintf("%s %s %s-%s", b.Kind, b.Customer, b.Start.Format("Mon 15:04 MST"), b.End.Format("15:04")))
	}
	want := []string{
		"prospecting  Fri 09:00 CET-11:00", "key A Fri 11:00 CET-12:00", "key A Fri 13:00 CET-14:00", "other  Fri 14:00 CET-16:00",
		"prospecting  Mon 09:00 CEST-11:00", "key A Mon 11:00 CEST-12:00", "key A Mon 13:00 CEST-14:00", "other  Mon 14:00 CEST-16:00",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("blocks across the change to summer time (-want +got):\n%s", diff)
	}
}

// A working day of 24 hours ends at midnight, and the next begins there: a
// block never runs from one day into the next.
func TestBlocksAroundTheClock(t *testing.T) {
	plan := hundredHours(t)
	day := []time.Duration{0, 24 * time.Hour}
	week := salestime.Period{From: date("2027-03-01"), To: date("2027-03-05")}
	blocks, err := plan.Blocks(week, nil, day, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	checkBlocks(t, "around the clock", plan, week, nil, day, time.UTC, blocks)
	for _, b := range blocks {
		if end := b.End.Add(-time.Nanosecond); end.YearDay() != b.Start.YearDay() {
			t.Errorf("the block of %s %s runs from %s to %s", b.Kind, b.Customer, b.Start.Format("Mon 15:04"), b.End.Format("Mon 15:04"))
		}
	}
}
