package main

import (
	"bufio"
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
	"github.com/salestime/salestime/internal/textout"
)

//go:embed report.html
var reportPage string

// report is the template of the report page: "head", "summary", "plan"
// and "foot", written in that order as the plans are made.
var report = template.Must(template.New("report").Parse(reportPage))

// An htmlRenderer writes one self-contained page: the team's summary, and
// for each plan its sentence, a Pareto chart of the portfolio, a chart of
// revenue share against time share of the key customers, and the plan's
// table.
type htmlRenderer struct {
	*pages
	o       *options
	num     textout.Numbers
	owners  bool
	head    bool // written
	rows    []htmlSummaryRow
	budgets []budgetRow // of the first salespeople's plans by visits, for the team's chart
	strays  []string    // the notes of owners of activities without accounts
}

// htmlHead is the data of the "head" template.
type htmlHead struct {
	Title  string
	Unit   string
	Review bool
}

// execute writes the template called name with data to w, once the page's
// head is written to out.
func (h *htmlRenderer) execute(w *bufio.Writer, name string, data any) error {
	if !h.head {
		h.head = true
		head := htmlHead{Title: "Selling time plan", Unit: h.o.unit}
		if h.o.run.review {
			head = htmlHead{Title: "Selling time review", Review: true}
		}
		if err := report.ExecuteTemplate(h.out, "head", head); err != nil {
			return err
		}
	}
	return report.ExecuteTemplate(w, name, data)
}

// htmlSummary is the data of the "summary" template.
type htmlSummary struct {
	Unit     string
	Rest     []string // the columns of the rest, as restHeads names them
	Rows     []htmlSummaryRow
	Total    htmlSummaryRow
	Capacity string         // the team's, in a plan by visits
	Chart    *capacityChart // of the first salespeople's budgets, and the team's
}

type htmlSummaryRow struct {
	Owner string
	Cells []string // after the owner's, as summaryRow.cells makes them
}

// summaryRow returns the row of owner's summary s.
func (h *htmlRenderer) summaryRow(owner string, s salestime.Summary) htmlSummaryRow {
	return htmlSummaryRow{Owner: cmp.Or(owner, "(no owner)"), Cells: summaryCells(s, h.num, h.o)}
}

// htmlPlan is the data of the "plan" template.
type htmlPlan struct {
	Owner     string
	Owners    bool
	Sentence  string
	Rest      string
	Unit      string
	Currency  string
	Lines     []htmlLine
	More      *htmlLine // the key customers after -top's first, in one line
	Pareto    chart
	Shares    chart
	Customers int

	// Of a plan by visits: the key customers' visits where they are
	// planned in visits, the other customers, the bar of the budget and
	// the sentences of the capacity.
	Visits   bool
	Others   [][]string // class, customer, revenue, visits, hours
	Bar      *capacityChart
	Capacity []string
}

type htmlLine struct {
	Rank                               int
	Name, Revenue, RevenueShare        string
	Cumulative, Rule, TimeShare, Hours string
	Visits                             string
}

// A chart is an SVG drawing: its size, its paths and its marks, in pixels.
type chart struct {
	Width, Height int
	Title, Desc   string
	Note          string // what the caption says of a chart cut short, or ""
	Curve         string // the points of a polyline
	Cut           int    // x of the selector's cut
	Bars          []bar
}

// CutWidth is the width of the key customers' part of the Pareto chart.
func (c chart) CutWidth() int {
	return max(c.Cut-margin, 0)
}

// A bar is one key customer's revenue share and time share, drawn side by
// side.
type bar struct {
	Y, TimeY              int // of the revenue bar, and of the time bar below
	Name                  string
	Label                 string // the name, cut to fit left of the bars
	Revenue, Time         int    // widths
	RevenueText, TimeText string
}

// maxChartPoints is the most points the Pareto curve has, whatever the
// number of customers.
const maxChartPoints = 200

// maxBars is the most key customers the chart of shares draws.
const maxBars = 20

func (h *htmlRenderer) group(g *salestime.Group) error {
	h.total.Add(*g)
	switch {
	case stray(g):
		h.strays = append(h.strays, strayNote(g, h.o.unit))
		return nil
	case g.Review != nil:
		return h.review(g)
	case h.team:
		var row salestime.Summary
		row.Add(*g)
		h.rows = append(h.rows, h.summaryRow(g.Name, row))
		if g.Plan.Classes != nil && len(h.budgets) < maxBars {
			h.budgets = append(h.budgets, rowOf(cmp.Or(g.Name, "(no owner)"), g.Plan))
		}
	}
	if h.o.run.summary {
		return nil
	}
	h.n++
	a, p := g.Allocation, g.Plan
	num := h.num
	data := htmlPlan{Owner: cmp.Or(g.Name, "(no owner)"), Owners: h.owners, Unit: h.o.unit, Currency: g.Currency,
		Customers: g.Portfolio.Len(), Sentence: sentence(g, num, h.o.unit), Rest: restLine(g, num, h.o.unit, h.o)}
	shown := len(a.Lines)
	if h.o.top > 0 {
		shown = min(shown, h.o.top)
	}
	cum := decimal.Decimal{}
	for i, l := range a.Lines[:shown] {
		cum = cum.Add(l.RevenueShare)
		data.Lines = append(data.Lines, htmlLine{Rank: i + 1, Name: l.Customer.Name,
			Revenue: num.Revenue(l.Customer.Revenue), RevenueShare: num.Percent(l.RevenueShare), Cumulative: num.Percent(cum),
			Rule: ruleWord(l.Customer), TimeShare: num.Percent(l.TimeShare), Hours: num.Amount(p.Lines[i].Amount)})
	}
	if shown < len(a.Lines) {
		m := others(a.Lines[shown:], p.Lines[shown:], cum, num)
		data.More = &htmlLine{Name: m[1], Revenue: m[2], RevenueShare: m[3], Cumulative: m[4], TimeShare: m[7], Hours: m[9]}
	}
	data.Pareto = pareto(g, num)
	data.Shares = shareBars(a.Lines[:min(shown, maxBars)], len(a.Lines), num)
	if p.Classes != nil {
		h.visits(&data, g)
	}
	return h.execute(h.w, "plan", data)
}

// The size of the charts, and the space for their axes and labels.
const (
	chartWidth, chartHeight = 560, 260
	margin                  = 40
)

// pareto returns the chart of the cumulative share of revenue by customer
// rank: at most maxChartPoints points, the key customers' part marked by
// the selector's cut.
func pareto(g *salestime.Group, num textout.Numbers) chart {
	c := chart{Width: chartWidth, Height: chartHeight, Title: "Cumulative share of revenue by customer rank",
		Desc: "Customers from largest to smallest; the line marks the last key customer, who together bring " +
			num.Percent(g.Allocation.KeyRevenueShare) + " of revenue."}
	customers := g.Portfolio.Customers()
	n := len(customers)
	total := g.Portfolio.Total()
	plotW, plotH := int64(chartWidth-2*margin), int64(chartHeight-2*margin)
	x := func(rank int) int64 { return int64(margin) + plotW*int64(rank)/int64(max(n, 1)) }
	y := func(cum decimal.Decimal) int64 {
		if total.Sign() == 0 {
			return int64(margin) + plotH
		}
		return int64(margin) + plotH - cum.Mul(decimal.NewFromInt(plotH)).DivRound(total, 0).IntPart()
	}
	var pts []string
	pts = append(pts, strconv.FormatInt(x(0), 10)+","+strconv.FormatInt(y(decimal.Decimal{}), 10))
	cum := decimal.Decimal{}
	stride := max(1, n/maxChartPoints)
	for i, cu := range customers {
		cum = cum.Add(cu.Revenue)
		if (i+1)%stride == 0 || i == n-1 {
			pts = append(pts, strconv.FormatInt(x(i+1), 10)+","+strconv.FormatInt(y(cum), 10))
		}
	}
	c.Curve = strings.Join(pts, " ")
	c.Cut = int(x(len(g.Allocation.Lines)))
	return c
}

// shareBars returns the chart of revenue share against time share of
// lines, the first of all key customers, drawn to the scale of the
// largest share; it says so where lines are not all of them.
func shareBars(lines []salestime.Line, all int, num textout.Numbers) chart {
	c := chart{Width: chartWidth, Height: 10 + 28*len(lines), Title: "Revenue share and time share of each key customer",
		Desc: "For each key customer, its share of revenue and the share of time the rule gives it."}
	if len(lines) < all {
		c.Title = fmt.Sprintf("Revenue share and time share of the first %d of %d key customers", len(lines), all)
		c.Desc = fmt.Sprintf("For each of the first %d of %d key customers, its share of revenue and the share of time the rule gives it.", len(lines), all)
		c.Note = fmt.Sprintf("The first %d of %d key customers.", len(lines), all)
	}
	var largest decimal.Decimal
	for _, l := range lines {
		largest = decimal.Max(largest, l.RevenueShare, l.TimeShare)
	}
	width := func(s decimal.Decimal) int {
		if largest.Sign() == 0 {
			return 0
		}
		return int(s.Mul(decimal.NewFromInt(barsWidth)).DivRound(largest, 0).IntPart())
	}
	for i, l := range lines {
		c.Bars = append(c.Bars, bar{Y: 5 + 28*i, TimeY: 5 + 28*i + 11, Name: l.Customer.Name, Label: cut(l.Customer.Name, barLabel),
			Revenue: width(l.RevenueShare), Time: width(l.TimeShare),
			RevenueText: num.Percent(l.RevenueShare), TimeText: num.Percent(l.TimeShare)})
	}
	return c
}

// barLabel is the most characters of a name left of the bars: at 11
// pixels, about 6 a character, they fit the 150 pixels there.
const barLabel = 22

// cut returns s cut to n characters, the last an ellipsis where it is cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// barsWidth is the width of the longest bar of the chart of shares.
const barsWidth = chartWidth - 160 - 60

// RevenueEnd and TimeEnd are where the labels of the bars of b start.
func (b bar) RevenueEnd() int { return 164 + b.Revenue }
func (b bar) TimeEnd() int    { return 164 + b.Time }

func (h *htmlRenderer) end() error {
	if h.o.run.review {
		return h.teamReview(h.total)
	}
	if len(h.rows) > 0 {
		data := htmlSummary{Unit: h.o.unit, Rest: restHeads(h.o), Rows: h.rows, Total: h.summaryRow("Total", h.total)}
		if h.o.run.visits {
			t := h.total
			rows := slices.Concat(h.budgets, []budgetRow{{"Team", t.Budget, t.Key, t.B, t.C, t.Prospecting, t.Short}})
			title := "The budgets of the salespeople and of the team"
			if len(h.budgets) < len(h.rows) {
				title = fmt.Sprintf("The budgets of the first %d of %d salespeople, and of the team", len(h.budgets), len(h.rows))
			}
			ch := newCapacityChart(title, rows, h.num)
			data.Capacity, data.Chart = teamCapacity(t, h.num), &ch
		}
		if err := h.execute(h.out, "summary", data); err != nil {
			return err
		}
	}
	if !h.head {
		if err := h.execute(h.w, "plan", htmlPlan{Sentence: "No customers.", Unit: h.o.unit}); err != nil {
			return err
		}
	}
	if err := report.ExecuteTemplate(h.w, "foot", nil); err != nil {
		return err
	}
	return h.finish()
}

// htmlReviewData is the data of the "review" template.
type htmlReviewData struct {
	Owners bool
	Unit   string
	View   reviewView
	Lines  []htmlReviewLine
}

type htmlReviewLine struct {
	Cells []string
	Part  bool // a part of the rest's actual time
}

// review writes the review of g, as the text does.
func (h *htmlRenderer) review(g *salestime.Group) error {
	v := viewOf(g.Name, g.Review, h.o.tolerance, h.o.unit)
	data := htmlReviewData{Owners: h.owners, Unit: h.o.unit, View: v}
	for i, cells := range v.Rows {
		data.Lines = append(data.Lines, htmlReviewLine{Cells: cells, Part: i >= len(v.Rows)-v.Parts})
	}
	return h.execute(h.w, "review", data)
}

// teamReview writes the team's review, and the page's foot.
func (h *htmlRenderer) teamReview(total salestime.Summary) error {
	if !h.owners {
		return h.execute(h.w, "foot", nil) // after the head, for a review of no one
	}
	team := total.Review
	if team == nil {
		team = &salestime.Review{}
	}
	data := struct {
		Sentence, Unit string
		Rows           [][]string
		Notes          []string
	}{Sentence: reviewSentence(team), Unit: h.o.unit, Rows: [][]string{
		reviewCells("Key customers", team.Key, h.o.tolerance),
		reviewCells("Other customers and prospecting", team.Rest, h.o.tolerance),
	}, Notes: h.strays}
	if err := h.execute(h.w, "reviewTeam", data); err != nil {
		return err
	}
	return report.ExecuteTemplate(h.w, "foot", nil)
}
