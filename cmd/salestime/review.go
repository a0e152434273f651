package main

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
	"github.com/salestime/salestime/internal/textout"
)

// hours returns d in hours to the hundredth, rounded half to even, as in
// 35.25; with a sign where signed is set, as in +2.50.
func hours(d time.Duration, signed bool) string {
	const hundredth = time.Hour / 100
	q, r := d/hundredth, d%hundredth
	if r < 0 {
		q, r = q-1, r+hundredth
	}
	if 2*r > hundredth || 2*r == hundredth && q%2 != 0 {
		q++
	}
	sign := ""
	switch {
	case q < 0:
		sign, q = "-", -q
	case signed && q > 0:
		sign = "+"
	}
	return fmt.Sprintf("%s%d.%02d", sign, q/100, q%100)
}

// A reviewView is what the text and the page show of one review: the
// sentence a manager reads first, the period, a table and notes.
type reviewView struct {
	Owner    string
	Sentence string
	Period   string     // "" without a period
	Rows     [][]string // customer, planned, actual, difference, of plan, bar, mark; the parts of the rest with only actual
	Parts    int        // the last rows that are parts of the rest
	Notes    []string
}

// reviewHeader is the header of a review's table.
var reviewHeader = []string{"CUSTOMER", "PLANNED", "ACTUAL", "DIFFERENCE", "OF PLAN", "", ""}

// viewOf returns the view of r, the review of owner's plan, with amounts
// in unit.
func viewOf(owner string, r *salestime.Review, tolerance decimal.Decimal, unit string) reviewView {
	v := reviewView{Owner: cmp.Or(owner, "(no owner)"), Sentence: reviewSentence(r)}
	if !r.Period.From.IsZero() {
		v.Period = fmt.Sprintf("From %s to %s: %d of %d working days, %s of %s %s planned to date.",
			r.Period.From.Format(time.DateOnly), r.Until.Format(time.DateOnly), r.Passed, r.WorkingDays,
			hours(r.BudgetToDate, false), hours(r.Budget, false), unit)
	}
	for _, l := range r.Lines {
		v.Rows = append(v.Rows, reviewCells(l.Name, l, tolerance))
	}
	v.Rows = append(v.Rows, reviewCells("Other customers and prospecting", r.Rest, tolerance))
	for _, part := range []struct {
		name string
		time time.Duration
	}{{"other customers", r.OtherCustomers}, {"prospects", r.Prospects}, {"unassigned", r.Unassigned}} {
		v.Rows = append(v.Rows, []string{part.name, "", hours(part.time, false), "", "", "", ""})
	}
	v.Parts = 3
	for _, u := range r.Unmatched {
		note := fmt.Sprintf("No customer is called %s: %s %s counted as prospecting", u.Name, hours(u.Actual, false), unit)
		if u.NearMiss != "" {
			note += fmt.Sprintf(" (the customer %s?)", u.NearMiss)
		}
		v.Notes = append(v.Notes, note+".")
	}
	if r.Outside > 0 {
		v.Notes = append(v.Notes, fmt.Sprintf("%d %s dated outside the period left out.", r.Outside, plural(r.Outside, "activity", "activities")))
	}
	if r.Later > 0 {
		v.Notes = append(v.Notes, fmt.Sprintf("%d %s dated after %s left out: not yet actual on the day of the review.",
			r.Later, plural(r.Later, "activity", "activities"), r.Until.Format(time.DateOnly)))
	}
	return v
}

// reviewSentence returns the sentence a manager reads first.
func reviewSentence(r *salestime.Review) string {
	if r.Logged == 0 {
		return fmt.Sprintf("No time logged; the rule gives key customers %s.", textout.Percent(r.PlanShare))
	}
	return fmt.Sprintf("Key customers got %s of the time logged; the rule gives them %s.", textout.Percent(r.ActualShare), textout.Percent(r.PlanShare))
}

// reviewCells returns the cells of a line of the review's table.
func reviewCells(name string, l salestime.ReviewLine, tolerance decimal.Decimal) []string {
	ofPlan, mark := "", ""
	if l.Planned > 0 {
		ofPlan = textout.Percent(l.OfPlan)
	}
	one := decimal.New(1, 0)
	switch {
	case l.Planned == 0 && l.Actual > 0, l.Planned > 0 && l.OfPlan.GreaterThan(one.Add(tolerance)):
		mark = "over"
	case l.Planned > 0 && l.OfPlan.LessThan(one.Sub(tolerance)):
		mark = "under"
	}
	// The bar is ten characters for the plan, up to twice the plan.
	bar := ""
	if l.Planned > 0 {
		eighths := min(l.OfPlan.Mul(decimal.New(80, 0)).Round(0).IntPart(), 160)
		bar = strings.Repeat("█", int(eighths/8)) + textout.BarParts[eighths%8]
	}
	return []string{name, hours(l.Planned, false), hours(l.Actual, false), hours(l.Difference, true), ofPlan, bar, mark}
}

// strayNote says that g, an owner of activities, has no accounts.
func strayNote(g *salestime.Group, unit string) string {
	return fmt.Sprintf("%s has no accounts: %s %s of activities not reviewed.", cmp.Or(g.Name, "(no owner)"), hours(g.Review.Logged, false), unit)
}

// review writes r as a sentence, a table and notes.
func (t *textRenderer) review(r *salestime.Review) {
	w := t.w
	v := viewOf("", r, t.o.tolerance, t.unit)
	_, _ = w.WriteString(v.Sentence + "\n") // bufio.Writer keeps its error for Flush
	if v.Period != "" {
		_, _ = w.WriteString(v.Period + "\n")
	}
	_ = w.WriteByte('\n')
	rows := [][]string{reviewHeader}
	for i, cells := range v.Rows {
		cells[0] = textout.Shown(cells[0])
		if i >= len(v.Rows)-v.Parts {
			cells[0] = "  " + cells[0]
		}
		rows = append(rows, cells)
	}
	textout.WriteTable(w, rows, nil)
	notes := len(r.Unmatched)
	for i, note := range v.Notes {
		if i == 0 || i == notes {
			_ = w.WriteByte('\n')
		}
		_, _ = w.WriteString(textout.Shown(note) + "\n")
	}
}

// teamReview writes the team's review, from the sums of the others, and
// the owners of activities who have no accounts.
func (t *textRenderer) teamReview(total salestime.Summary) {
	w := t.w
	if t.n > 0 {
		_ = w.WriteByte('\n')
	}
	team := total.Review
	if team == nil {
		team = &salestime.Review{}
	}
	_, _ = w.WriteString("== Team ==\n\n")
	_, _ = w.WriteString(reviewSentence(team) + "\n\n")
	textout.WriteTable(w, [][]string{
		{"", "PLANNED", "ACTUAL", "DIFFERENCE", "OF PLAN", "", ""},
		reviewCells("Key customers", team.Key, t.o.tolerance),
		reviewCells("Other customers and prospecting", team.Rest, t.o.tolerance),
	}, nil)
	for i, g := range t.strays {
		if i == 0 {
			_ = w.WriteByte('\n')
		}
		_, _ = w.WriteString(textout.Shown(strayNote(&g, t.unit)) + "\n")
	}
}
