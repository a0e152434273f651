package main

import (
	"bufio"
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
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
	top, w *bufio.Writer // the head's and summary's, and the plans'
	acc    input
	cfg    config
	num    numFormat
	head   bool // written
	rows   []htmlSummaryRow
	total  summaryRow
}

// htmlHead is the data of the "head" template.
type htmlHead struct {
	Title  string
	Unit   string
	Review bool
}

// execute writes the template called name with data to w, once the page's
// head is written to top.
func (h *htmlRenderer) execute(w *bufio.Writer, name string, data any) error {
	if !h.head {
		h.head = true
		if err := report.ExecuteTemplate(h.top, "head", htmlHead{Title: "Selling time plan", Unit: h.cfg.unit}); err != nil {
			return err
		}
	}
	return report.ExecuteTemplate(w, name, data)
}

func (h *htmlRenderer) add(r result) {
	s := summaryOf(r)
	h.total.add(s)
	h.rows = append(h.rows, h.summaryRow(s))
}

// htmlSummary is the data of the "summary" template.
type htmlSummary struct {
	Unit  string
	Split bool
	Rows  []htmlSummaryRow
	Total htmlSummaryRow
}

type htmlSummaryRow struct {
	Owner string
	Cells []string // after the owner's, as summaryRow.cells makes them
}

// summaryRow returns the row of s in the summary.
func (h *htmlRenderer) summaryRow(s summaryRow) htmlSummaryRow {
	return htmlSummaryRow{Owner: cmp.Or(s.owner, "(no owner)"), Cells: s.cells(h.num, h.cfg.split)}
}

func (h *htmlRenderer) summary() error {
	if len(h.rows) == 0 {
		return nil // no one to sum up
	}
	h.total.owner = "Total"
	data := htmlSummary{Unit: h.cfg.unit, Split: h.cfg.split, Rows: h.rows, Total: h.summaryRow(h.total)}
	h.rows = nil
	return h.execute(h.top, "summary", data)
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
}

type htmlLine struct {
	Rank                               int
	Name, Revenue, RevenueShare        string
	Cumulative, Rule, TimeShare, Hours string
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

func (h *htmlRenderer) group(r result) error {
	a, p := r.allocation, r.plan
	num := h.num
	data := htmlPlan{Owner: cmp.Or(r.owner, "(no owner)"), Owners: h.acc.Owners, Unit: h.cfg.unit, Currency: r.currency,
		Customers: r.portfolio.Len(), Sentence: sentence(r, num, h.cfg.unit), Rest: restLine(r, num, h.cfg.unit, h.cfg)}
	shown := len(a.Lines)
	if h.cfg.top > 0 {
		shown = min(shown, h.cfg.top)
	}
	cum := decimal.Decimal{}
	for i, l := range a.Lines[:shown] {
		cum = cum.Add(l.RevenueShare)
		data.Lines = append(data.Lines, htmlLine{Rank: i + 1, Name: l.Customer.Name,
			Revenue: num.revenue(l.Customer.Revenue), RevenueShare: num.percent(l.RevenueShare), Cumulative: num.percent(cum),
			Rule: ruleWord(l.Customer), TimeShare: num.percent(l.TimeShare), Hours: num.amount(p.Lines[i].Amount)})
	}
	if shown < len(a.Lines) {
		m := others(a.Lines[shown:], p.Lines[shown:], cum, num)
		data.More = &htmlLine{Name: m[1], Revenue: m[2], RevenueShare: m[3], Cumulative: m[4], TimeShare: m[7], Hours: m[9]}
	}
	data.Pareto = pareto(r, num)
	data.Shares = shareBars(a.Lines[:min(shown, maxBars)], len(a.Lines), num)
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
func pareto(r result, num numFormat) chart {
	c := chart{Width: chartWidth, Height: chartHeight, Title: "Cumulative share of revenue by customer rank",
		Desc: "Customers from largest to smallest; the line marks the last key customer, who together bring " +
			num.percent(r.allocation.KeyRevenueShare) + " of revenue."}
	customers := r.portfolio.Customers()
	n := len(customers)
	total := r.portfolio.Total()
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
	c.Cut = int(x(len(r.allocation.Lines)))
	return c
}

// shareBars returns the chart of revenue share against time share of
// lines, the first of all key customers, drawn to the scale of the
// largest share; it says so where lines are not all of them.
func shareBars(lines []salestime.Line, all int, num numFormat) chart {
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
			RevenueText: num.percent(l.RevenueShare), TimeText: num.percent(l.TimeShare)})
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
	if !h.head {
		if err := h.execute(h.w, "plan", htmlPlan{Sentence: "No customers.", Unit: h.cfg.unit}); err != nil {
			return err
		}
	}
	return report.ExecuteTemplate(h.w, "foot", nil)
}

// An htmlReview writes the reviews on one page, as the text does, and the
// team's.
type htmlReview struct {
	w    *bufio.Writer
	acc  input
	cfg  config
	head bool // written
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

// start writes the page's head, once.
func (h *htmlReview) start() error {
	if h.head {
		return nil
	}
	h.head = true
	return report.ExecuteTemplate(h.w, "head", htmlHead{Title: "Selling time review", Review: true})
}

func (h *htmlReview) review(owner string, r salestime.Review) error {
	if err := h.start(); err != nil {
		return err
	}
	v := viewOf(owner, r, h.cfg, h.cfg.unit)
	data := htmlReviewData{Owners: h.acc.Owners, Unit: h.cfg.unit, View: v}
	for i, cells := range v.Rows {
		data.Lines = append(data.Lines, htmlReviewLine{Cells: cells, Part: i >= len(v.Rows)-v.Parts})
	}
	return report.ExecuteTemplate(h.w, "review", data)
}

func (h *htmlReview) end(team salestime.Review, strays []stray) error {
	if err := h.start(); err != nil {
		return err
	}
	if h.acc.Owners {
		data := struct {
			Sentence, Unit string
			Rows           [][]string
			Notes          []string
		}{Sentence: reviewSentence(team), Unit: h.cfg.unit, Rows: [][]string{
			reviewCells("Key customers", team.Key, h.cfg),
			reviewCells("Other customers and prospecting", team.Rest, h.cfg),
		}}
		for _, s := range strays {
			data.Notes = append(data.Notes, strayNote(s, h.cfg.unit))
		}
		if err := report.ExecuteTemplate(h.w, "reviewTeam", data); err != nil {
			return err
		}
	}
	return report.ExecuteTemplate(h.w, "foot", nil)
}
