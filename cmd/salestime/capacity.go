package main

import (
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
	"github.com/salestime/salestime/internal/textout"
)

// What the outputs show of a plan by visits: each customer of class B and
// C with its visits and hours, and the capacity in sentences.

// eachVisits returns the time of the visits of one customer of c.
func eachVisits(c salestime.Class) decimal.Decimal {
	return c.Length.Mul(decimal.NewFromInt(int64(c.Visits)))
}

// keyVisits returns the visits of a key customer's amount in p, a plan in
// visits, and the days between them over the plan's days, to a tenth (""
// where the run has no period).
func keyVisits(p salestime.Plan, amount decimal.Decimal, period bool, num textout.Numbers) (visits int64, every string) {
	q, _ := amount.QuoRem(p.Visit, 0)
	if visits = q.IntPart(); period && visits > 0 {
		every = num.Revenue(decimal.NewFromInt(int64(p.Days)).DivRound(decimal.NewFromInt(visits), 1))
	}
	return visits, every
}

// cadenceText describes the cadence of c: "every 4 weeks, 1 hour a visit".
func cadenceText(c salestime.Class, num textout.Numbers) string {
	every := plural(c.Every, "every day", fmt.Sprintf("every %d days", c.Every))
	if c.Every%7 == 0 {
		every = plural(c.Every/7, "every week", fmt.Sprintf("every %d weeks", c.Every/7))
	}
	return fmt.Sprintf("%s, %s %s a visit", every, num.Revenue(c.Length), hoursWord(c.Length))
}

func hoursWord(d decimal.Decimal) string {
	if d.Equal(decimal.New(1, 0)) {
		return "hour"
	}
	return "hours"
}

// capacitySentences returns what the capacity of p, a plan by visits,
// comes to: each class's workload, then what is left for prospecting, or
// how far the plan is short and what would mend it.
func capacitySentences(p salestime.Plan, num textout.Numbers) []string {
	var out []string
	for _, c := range p.Classes {
		n := len(c.Customers)
		s := fmt.Sprintf("Class %s: %d %s, not visited.", c.Name, n, plural(n, "customer", "customers"))
		if c.Every > 0 {
			s = fmt.Sprintf("Class %s: %d %s, %s, %d %s each: %s hours.", c.Name, n, plural(n, "customer", "customers"),
				cadenceText(c, num), c.Visits, plural(c.Visits, "visit", "visits"), num.Amount(c.Workload))
		}
		out = append(out, s)
	}
	work := p.Other.Add(p.Short) // the workloads: what the rest holds of them, and what it does not
	need := fmt.Sprintf("Your B and C customers need %s hours at the cadence you chose", num.Amount(work))
	if p.Short.Sign() > 0 {
		return append(out, fmt.Sprintf("%s, and the rule leaves them %s: you are %s hours short, with no time left to find new customers (utilization %s). "+
			"See a class less often (a longer -cadence), or put fewer customers in it (-b).",
			need, num.Amount(p.Rest), num.Amount(p.Short), num.Percent(p.Utilization)))
	}
	return append(out, fmt.Sprintf("%s: that leaves %s hours for finding new ones (utilization %s).",
		need, num.Amount(p.Prospecting), num.Percent(p.Utilization)))
}

// otherLines returns an iterator over a line for each customer of the
// classes of p, with -top's first of each class and one line for the
// others: class, name as shown, revenue, visits and hours. The line is
// reused: a class may have a million customers.
func otherLines(p salestime.Plan, top int, num textout.Numbers, shown func(string) string) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		line := make([]string, 5)
		for _, c := range p.Classes {
			line[0], line[3], line[4] = c.Name, strconv.Itoa(c.Visits), num.Amount(eachVisits(c))
			for i, cu := range c.Customers {
				if top > 0 && i == top {
					n := len(c.Customers) - i
					line[1], line[2] = fmt.Sprintf("%d more %s", n, plural(n, "customer", "customers")), ""
					line[3], line[4] = strconv.Itoa(n*c.Visits), num.Amount(eachVisits(c).Mul(decimal.NewFromInt(int64(n))))
					if !yield(line) {
						return
					}
					break
				}
				line[1], line[2] = shown(cu.Name), num.Revenue(cu.Revenue)
				if !yield(line) {
					return
				}
			}
		}
	}
}

// visitsTable writes the customers of the classes of p, with -top's first
// of each class and one line for the others. It makes the cells of each
// line twice, once to measure and once to write, as the key customers'
// table does.
func (t *textRenderer) visitsTable(p salestime.Plan) {
	header := []string{"CLASS", "CUSTOMER", "REVENUE", "VISITS", "HOURS"}
	right := []bool{false, false, true, true, true}
	c := &t.row
	widths := c.Set(header...).Widen(nil)
	n := 0
	for line := range otherLines(p, t.o.top, t.num, textout.Shown) {
		widths = c.Set(line...).Widen(widths)
		n++
	}
	if n > 0 {
		_ = t.w.WriteByte('\n') // bufio.Writer keeps its error for Flush
		textout.WriteRow(t.w, c.Set(header...), widths, right)
		for line := range otherLines(p, t.o.top, t.num, textout.Shown) {
			textout.WriteRow(t.w, c.Set(line...), widths, right)
		}
	}
	_, _ = t.w.WriteString("\n" + strings.Join(capacitySentences(p, t.num), "\n") + "\n")
}

// teamCapacity returns the sentence of the team's capacity: how far it is
// short, in hours and in salespeople, or what it has for prospecting.
func teamCapacity(s salestime.Summary, num textout.Numbers) string {
	if s.Short.Sign() > 0 {
		return fmt.Sprintf("The team's visits need %s hours more than its plans leave them: %s salespeople at the team's average budget. "+
			"Its plans leave %s hours for finding new customers.", num.Amount(s.Short), num.Revenue(s.Headcount.Round(2)), num.Amount(s.Prospecting))
	}
	return fmt.Sprintf("The team's visits fit its plans, which leave %s hours for finding new customers (utilization %s).",
		num.Amount(s.Prospecting), num.Percent(s.Utilization))
}

// visitRow writes the row of the i-th key customer of g, a plan by visits:
// its class, A, and its visits where the plan is in visits.
func (c *csvRenderer) visitRow(g *salestime.Group, i int) {
	l, p := g.Allocation.Lines[i], g.Plan
	visits := ""
	if p.Visit.Sign() > 0 {
		n, _ := keyVisits(p, p.Lines[i].Amount, false, textout.Numbers{})
		visits = strconv.FormatInt(n, 10)
	}
	c.write(g.Name, "key", strconv.Itoa(i+1), safeCell(l.Customer.Name), c.number(l.Customer.Revenue), strconv.FormatBool(l.Customer.New),
		l.Rule.Name(), c.number(l.RevenueShare), c.number(l.TimeShare), c.number(p.Lines[i].Amount), "A", visits)
}

// otherRows writes the rows of the other customers of g, a plan by visits,
// one each with its class, visits and hours; then prospecting, and where
// the plan is short, the hours it is short by.
func (c *csvRenderer) otherRows(g *salestime.Group) {
	p := g.Plan
	for _, class := range p.Classes {
		each, visits := c.number(eachVisits(class)), strconv.Itoa(class.Visits)
		for _, cu := range class.Customers {
			c.write(g.Name, "other", "", safeCell(cu.Name), c.number(cu.Revenue), strconv.FormatBool(cu.New), "", "", "", each, class.Name, visits)
		}
	}
	c.write(g.Name, "prospect", "", "prospecting", "", "", "", "", "", c.number(p.Prospecting), "", "")
	if p.Short.Sign() > 0 {
		c.write(g.Name, "short", "", "hours short", "", "", "", "", "", c.number(p.Short), "", "")
	}
}

// A capacityChart draws budgets as bars, one a row, each the chart's
// width: the key customers' time, the workloads of B and C, and
// prospecting; where the visits need more than the budget, the bar is what
// they need, the budget marked, and the part beyond it red.
type capacityChart struct {
	Title  string
	Height int
	Bars   []capacityBar
	Legend []barPart // the colours, with the amounts of a chart of one bar
}

type capacityBar struct {
	Label, Title string
	Y, TextY     int
	Parts        []barPart
	Budget       int // x of the budget's end, where the plan is short; 0 otherwise
	ShortWidth   int
	ShortText    string
}

type barPart struct {
	X, Width    int
	Colour      string
	Name, Value string
}

// A budgetRow is what a capacity bar draws: whose budget, and its parts.
type budgetRow struct {
	label                                 string
	budget, key, b, c, prospecting, short decimal.Decimal
}

// rowOf returns the row of p, a plan by visits, labelled label.
func rowOf(label string, p salestime.Plan) budgetRow {
	r := budgetRow{label: label, budget: p.Budget, key: p.Budget.Sub(p.Rest), prospecting: p.Prospecting, short: p.Short}
	for _, class := range p.Classes {
		if class.Name == "B" {
			r.b = class.Workload
		} else {
			r.c = class.Workload
		}
	}
	return r
}

// The geometry of a capacity chart: the labels' width left of the bars,
// the bars' longest length, and the height of a row.
const (
	capacityLabel = 160
	capacityWidth = chartWidth - capacityLabel - 10
	capacityRow   = 26
)

// capacityColours are the colours of the parts of a bar, and of the hours
// short.
var capacityColours = [...]struct{ name, colour string }{
	{"key customers", "#1f5fa8"}, {"class B", "#2a9d8f"}, {"class C", "#8ab17d"}, {"prospecting", "#d9822b"}, {"short", "#c0392b"},
}

// newCapacityChart returns the chart of rows.
func newCapacityChart(title string, rows []budgetRow, num textout.Numbers) capacityChart {
	ch := capacityChart{Title: title, Height: capacityRow*len(rows) + 4}
	short := false
	for i, r := range rows {
		// key + B + C + prospecting = budget + short, in one plan as in the sum of several
		scale := decimal.Max(r.budget, r.key.Add(r.b).Add(r.c).Add(r.prospecting))
		x := func(d decimal.Decimal) int {
			if scale.Sign() == 0 {
				return 0
			}
			return int(d.Mul(decimal.NewFromInt(capacityWidth)).DivRound(scale, 0).IntPart())
		}
		bar := capacityBar{Label: cut(r.label, barLabel), Title: r.label, Y: 4 + capacityRow*i, TextY: 4 + capacityRow*i + 13}
		at := decimal.Decimal{}
		for j, d := range []decimal.Decimal{r.key, r.b, r.c, r.prospecting} {
			if d.Sign() > 0 {
				bar.Parts = append(bar.Parts, barPart{X: capacityLabel + x(at), Width: x(at.Add(d)) - x(at),
					Colour: capacityColours[j].colour, Name: capacityColours[j].name, Value: num.Amount(d)})
			}
			at = at.Add(d)
		}
		if r.short.Sign() > 0 {
			short = true
			bar.Budget, bar.ShortText = capacityLabel+x(r.budget), num.Amount(r.short)
			bar.ShortWidth = x(scale) - x(r.budget)
		}
		ch.Bars = append(ch.Bars, bar)
	}
	for j, c := range capacityColours {
		if j < 4 || short {
			ch.Legend = append(ch.Legend, barPart{Colour: c.colour, Name: c.name})
		}
	}
	if len(rows) == 1 { // the amounts in the legend
		ch.Legend = append(ch.Legend[:0], ch.Bars[0].Parts...)
		if short {
			ch.Legend = append(ch.Legend, barPart{Colour: capacityColours[4].colour, Name: "short", Value: ch.Bars[0].ShortText})
		}
	}
	return ch
}

// visits adds to data what the page shows of g, a plan by visits.
func (h *htmlRenderer) visits(data *htmlPlan, g *salestime.Group) {
	p, num := g.Plan, h.num
	data.Rest, data.Capacity = "", capacitySentences(p, num)
	if data.Visits = p.Visit.Sign() > 0; data.Visits {
		for i := range data.Lines {
			n, _ := keyVisits(p, p.Lines[i].Amount, false, num)
			data.Lines[i].Visits = strconv.FormatInt(n, 10)
		}
	}
	for line := range otherLines(p, h.o.top, num, func(s string) string { return s }) {
		data.Others = append(data.Others, slices.Clone(line))
	}
	label, title := data.Owner, "The budget of "+data.Owner
	if !h.owners {
		label, title = "Your budget", "Your budget"
	}
	ch := newCapacityChart(title, []budgetRow{rowOf(label, p)}, num)
	data.Bar = &ch
}
