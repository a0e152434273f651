package salestime

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/salestime/salestime/internal/exact"
	"github.com/shopspring/decimal"
)

// A Review sets the time actually spent against a plan, to date: for each
// key customer, and for the rest, what the plan gives them up to the day of
// the review and the time the activities logged for them.
//
// Amounts of time are exact durations. The planned amounts to date are
// whole steps of the plan that add up exactly to the budget to date (see
// [NewReview]). Shares and ratios are exact values rounded half to even to
// [SharePlaces] places. A Review is plain data.
type Review struct {
	// Period is the plan's period, or the zero Period.
	Period Period `json:"period"`

	// Until is the day of the review, or the zero time without a period.
	Until time.Time `json:"until"`

	// WorkingDays are the working days of the period, and Passed those
	// passed by Until; both are zero without a period.
	WorkingDays int `json:"workingDays"`
	Passed      int `json:"passed"`

	// Budget is the plan's budget as time, and BudgetToDate its share to
	// date: Budget x Passed / WorkingDays, in whole steps rounded half to
	// even; the whole Budget without a period.
	Budget       time.Duration `json:"budget"`
	BudgetToDate time.Duration `json:"budgetToDate"`

	// Lines has one line per key customer, in the order of the plan.
	Lines []ReviewLine `json:"lines"`

	// Rest is the line of the other customers and prospecting. Its actual
	// time is split into OtherCustomers, the customers of the portfolio that
	// are not key; Prospects, names that are no customer of it; and
	// Unassigned, activities for no customer.
	Rest           ReviewLine    `json:"rest"`
	OtherCustomers time.Duration `json:"otherCustomers"`
	Prospects      time.Duration `json:"prospects"`
	Unassigned     time.Duration `json:"unassigned"`

	// Unmatched has a line for each name of the activities that is no
	// customer of the portfolio, with its time as Actual: largest first,
	// then by name.
	Unmatched []ReviewLine `json:"unmatched"`

	// KeyBudget is the key customers' time in the whole plan, and Key the
	// sum of their lines, named "key customers".
	KeyBudget time.Duration `json:"keyBudget"`
	Key       ReviewLine    `json:"key"`

	// Logged is all the time of the activities reviewed. Outside is the
	// number of activities left out as dated outside the period, and Later
	// the number left out as dated after Until, within the period.
	Logged  time.Duration `json:"logged"`
	Outside int           `json:"outside"`
	Later   int           `json:"later"`

	// ActualShare is the share of Logged that the key customers got, and
	// PlanShare the share of the budget that the plan gives them,
	// KeyBudget / Budget; both zero where the time they share is zero.
	ActualShare decimal.Decimal `json:"actualShare"`
	PlanShare   decimal.Decimal `json:"planShare"`
}

// A ReviewLine sets the time spent for a party of a plan against the plan.
type ReviewLine struct {
	// Name is the customer, or empty for the rest.
	Name string `json:"name"`

	// Planned is the plan's time to date, and Actual the time spent.
	Planned time.Duration `json:"planned"`
	Actual  time.Duration `json:"actual"`

	// Difference is Actual - Planned.
	Difference time.Duration `json:"difference"`

	// OfPlan is Actual / Planned, or zero if Planned is zero.
	OfPlan decimal.Decimal `json:"ofPlan"`

	// NearMiss, on a line of [Review.Unmatched], is the customer whose name
	// differs from Name only in case, accents or white space within it, as
	// "Muller  Stahl" from "Müller Stahl"; empty otherwise.
	NearMiss string `json:"nearMiss,omitempty"`
}

// NewReview sets the activities against plan, a plan of a: the time each
// key customer of a got, and the time the rest got, against the plan's
// amounts to date. Activities match the customers of a's portfolio by
// name, exactly; an activity for a name that is no customer is time for a
// prospect, and the name is listed in Unmatched.
//
// The zero period takes the activities to cover the whole plan, and until
// is not read. With a period, until is the day of the review: the plan to
// date is the plan times the share of the period's working days, Monday to
// Friday, that have passed by the end of that day; the zero time is the
// last date of an activity in the period, or the period's end if none has
// a date. An activity dated outside the period, or after the day of the
// review, is left out and counted in Outside or Later; one without a date
// counts.
//
// The plan's amounts are hours. The plan to date gives each party its
// amount times Passed / WorkingDays, rounded to whole steps of the plan by
// the package's one rule (largest remainders, then the larger quota, then
// the earlier line, the rest last), so that the amounts add up exactly to
// BudgetToDate. The zero Plan, of no one, plans no time.
//
// NewReview returns an error wrapping:
//   - [ErrInvalidOption] if the period is not one [ParsePeriod] reads, has
//     no working day, or until comes before it;
//   - [ErrInvalidBudget] if plan is not a plan of a's lines, or its step is
//     not a whole number of nanoseconds of an hour;
//   - [ErrInvalidActivity] if an activity has a negative duration, or the
//     time logged adds up to more than an int64 of nanoseconds holds.
func NewReview(a Allocation, plan Plan, activities []Activity, period Period, until time.Time) (Review, error) {
	const unit = time.Hour
	r := Review{Period: period}
	passed, total := uint64(1), uint64(1)
	if !period.isZero() {
		if err := period.check(); err != nil {
			return Review{}, err
		}
		r.WorkingDays = period.workingDays()
		if r.WorkingDays == 0 {
			return Review{}, fmt.Errorf("%w: the period %s has no working days", ErrInvalidOption, period.text())
		}
		r.Until = reviewDay(period, until, activities)
		if day(r.Until).Before(day(period.From)) {
			return Review{}, fmt.Errorf("%w: the review's day %s is before the period %s", ErrInvalidOption, isoDate(r.Until), period.text())
		}
		r.Passed = Period{From: period.From, To: minTime(day(r.Until), day(period.To))}.workingDays()
		passed, total = uint64(r.Passed), uint64(r.WorkingDays)
	}
	planned, err := plannedToDate(a, plan, passed, total, unit)
	if err != nil {
		return Review{}, err
	}
	r.Budget, err = planTime(plan.Budget, plan.Step, unit)
	if err != nil {
		return Review{}, err
	}
	if err := r.tally(a, activities, period, r.Until); err != nil {
		return Review{}, err
	}
	var keyPlan decimal.Decimal
	for j, l := range plan.Lines {
		keyPlan = keyPlan.Add(l.Amount)
		r.Lines[j].Planned = planned[j]
		r.Key.Planned += planned[j]
		r.Key.Actual += r.Lines[j].Actual
	}
	if r.KeyBudget, err = planTime(keyPlan, plan.Step, unit); err != nil {
		return Review{}, err
	}
	r.Rest.Planned = planned[len(plan.Lines)]
	r.BudgetToDate = r.Key.Planned + r.Rest.Planned
	r.finish()
	return r, nil
}

// reviewDay returns the day of the review: until, or the last date of an
// activity in the period, or the period's end.
func reviewDay(period Period, until time.Time, activities []Activity) time.Time {
	if !until.IsZero() {
		return day(until)
	}
	var last time.Time
	for _, act := range activities {
		if !act.Date.IsZero() && period.contains(act.Date) && act.Date.After(last) {
			last = act.Date
		}
	}
	if last.IsZero() {
		return day(period.To)
	}
	return day(last)
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// plannedToDate returns the time to date of each key customer of plan,
// then of the rest.
func plannedToDate(a Allocation, plan Plan, passed, total uint64, unit time.Duration) ([]time.Duration, error) {
	if len(plan.Lines) != len(a.Lines) {
		return nil, fmt.Errorf("%w: the plan has %d lines, the allocation %d", ErrInvalidBudget, len(plan.Lines), len(a.Lines))
	}
	out := make([]time.Duration, len(plan.Lines)+1)
	if plan.Step.Sign() == 0 {
		return out, nil // the zero Plan
	}
	counts := make([]uint64, len(out))
	for j := range out {
		amount := plan.Rest
		if j < len(plan.Lines) {
			amount = plan.Lines[j].Amount
		}
		m, err := countSteps(amount, plan.Step)
		if err != nil {
			return nil, err
		}
		counts[j] = uint64(m)
	}
	step, err := planTime(plan.Step, plan.Step, unit)
	if err != nil {
		return nil, err
	}
	for j, c := range exact.Prorate(counts, passed, total) {
		if c > uint64(math.MaxInt64/step) {
			return nil, fmt.Errorf("%w: %d steps of %v are more time than a duration holds", ErrInvalidBudget, c, step)
		}
		out[j] = time.Duration(c) * step
	}
	return out, nil
}

// planTime returns amount, a whole number of steps, in units of unit, as a
// duration.
func planTime(amount, step decimal.Decimal, unit time.Duration) (time.Duration, error) {
	v := amount.Mul(decimal.NewFromInt(int64(unit)))
	if !v.IsInteger() || v.GreaterThan(decimal.NewFromInt(math.MaxInt64)) {
		return 0, fmt.Errorf("%w: %s of %v is not a whole number of nanoseconds that a duration holds (step %s)",
			ErrInvalidBudget, formatDecimal(amount), unit, formatDecimal(step))
	}
	return time.Duration(v.IntPart()), nil
}

// tally adds the time of activities in period, up to the day until, to the
// lines of r, which it makes for the key customers of a.
func (r *Review) tally(a Allocation, activities []Activity, period Period, until time.Time) error {
	keys := make(map[string]int, len(a.Lines))
	r.Lines = make([]ReviewLine, len(a.Lines))
	for j, l := range a.Lines {
		keys[l.Customer.Name] = j
		r.Lines[j].Name = l.Customer.Name
	}
	unmatched := map[string]time.Duration{}
	for _, act := range activities {
		if act.Duration < 0 {
			return fmt.Errorf("%w: an activity for %s has a negative duration %v", ErrInvalidActivity, quoteText(act.Customer), act.Duration)
		}
		if !period.isZero() && !act.Date.IsZero() && !period.contains(act.Date) {
			r.Outside++
			continue
		}
		if !period.isZero() && !act.Date.IsZero() && day(act.Date).After(until) {
			r.Later++
			continue
		}
		var to *time.Duration
		j, isKey := keys[act.Customer]
		_, known := a.p.lookup(act.Customer)
		switch {
		case act.Customer == "":
			to = &r.Unassigned
		case isKey:
			to = &r.Lines[j].Actual
		case known:
			to = &r.OtherCustomers
		default:
			to = &r.Prospects
			unmatched[act.Customer] += act.Duration
		}
		if *to > math.MaxInt64-act.Duration || r.Logged > math.MaxInt64-act.Duration {
			return fmt.Errorf("%w: the time logged adds up to more than %v", ErrInvalidActivity, time.Duration(math.MaxInt64))
		}
		*to += act.Duration
		r.Logged += act.Duration
	}
	r.Rest.Actual = r.OtherCustomers + r.Prospects + r.Unassigned
	r.Unmatched = nearMisses(a.p, unmatched)
	return nil
}

// nearMisses lists the unmatched names with their time, largest first, and
// the customer of p each differs from only in case or accents.
func nearMisses(p Portfolio, unmatched map[string]time.Duration) []ReviewLine {
	if len(unmatched) == 0 {
		return nil
	}
	folded := map[string]string{}
	for _, name := range p.namesOf() {
		folded[nameKey(name)] = name
	}
	out := make([]ReviewLine, 0, len(unmatched))
	for name, t := range unmatched {
		out = append(out, ReviewLine{Name: name, Actual: t, Difference: t, NearMiss: folded[nameKey(name)]})
	}
	slices.SortFunc(out, func(x, y ReviewLine) int {
		return cmp.Or(cmp.Compare(y.Actual, x.Actual), strings.Compare(x.Name, y.Name))
	})
	return out
}

// finish fills in the differences, ratios and shares of r.
func (r *Review) finish() {
	line := func(l *ReviewLine) {
		l.Difference = l.Actual - l.Planned
		l.OfPlan = decimal.Decimal{}
		if l.Planned > 0 {
			l.OfPlan = exact.Ratio(int64(l.Actual), int64(l.Planned))
		}
	}
	for j := range r.Lines {
		line(&r.Lines[j])
	}
	r.Key.Name = "key customers"
	line(&r.Key)
	line(&r.Rest)
	if r.Logged > 0 {
		r.ActualShare = exact.Ratio(int64(r.Key.Actual), int64(r.Logged))
	}
	if r.Budget > 0 {
		r.PlanShare = exact.Ratio(int64(r.KeyBudget), int64(r.Budget))
	}
}

// add adds the times of o to r, a team's review, and makes the ratios and
// shares of the sums; r has no lines, unmatched names or period.
func (r *Review) add(o Review) {
	r.Budget += o.Budget
	r.BudgetToDate += o.BudgetToDate
	r.Rest.Planned += o.Rest.Planned
	r.Rest.Actual += o.Rest.Actual
	r.OtherCustomers += o.OtherCustomers
	r.Prospects += o.Prospects
	r.Unassigned += o.Unassigned
	r.KeyBudget += o.KeyBudget
	r.Key.Planned += o.Key.Planned
	r.Key.Actual += o.Key.Actual
	r.Logged += o.Logged
	r.Outside += o.Outside
	r.Later += o.Later
	r.finish()
}
