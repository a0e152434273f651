package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/width"

	"github.com/salestime/salestime"
	"github.com/salestime/salestime/internal/exact"
)

// A renderer writes the groups of a run, one at a time, as they are made,
// so that the output of a long file need not be held in memory; then the
// team's summary, the sum of them all.
type renderer interface {
	// group writes g, whose own summary is row.
	group(g salestime.Group, row salestime.Summary) error
	// end writes what follows the last group.
	end(total salestime.Summary) error
	// remove removes the renderer's temporary files.
	remove()
}

// newRenderer returns the renderer of o's format, writing to w.
func newRenderer(w *bufio.Writer, o *options, acc salestime.Accounts) renderer {
	num := newNumFormat(acc.Numbers, o.team.Step)
	// In text and html, a team's summary comes first: the plans wait.
	team := o.run.textOrHTML() && !o.run.review && (acc.Owners || o.run.summary)
	p := &pages{out: w, w: w, team: team}
	if team && !o.run.summary {
		p.plans = &spool{what: "the plans"}
		p.w = bufio.NewWriterSize(p.plans, 64<<10)
	}
	switch o.run.format {
	case "json":
		return &jsonRenderer{w: w, o: o, currency: acc.Currency}
	case "csv":
		return newCSVRenderer(w, o, acc)
	case "html":
		return &htmlRenderer{pages: p, o: o, num: num, owners: acc.Owners}
	}
	return &textRenderer{pages: p, o: o, num: num, owners: acc.Owners, unit: shown(o.unit)}
}

// pages are where text and html write: the plans to w, which is out or,
// for a team whose summary comes first, a spool copied to out after it.
type pages struct {
	out, w *bufio.Writer
	plans  *spool // nil where w is out
	team   bool   // the output opens with the team's summary
	n      int    // groups written
}

// finish writes the plans that waited for the summary.
func (p *pages) finish() error {
	if p.plans == nil {
		return nil
	}
	if err := p.w.Flush(); err != nil {
		return err
	}
	if err := p.out.Flush(); err != nil {
		return err
	}
	return p.plans.copyTo(p.out)
}

func (p *pages) remove() {
	if p.plans != nil {
		p.plans.remove()
	}
}

// A numberStyle is how the text output writes numbers: its decimal mark,
// and the mark between groups of three digits.
type numberStyle struct {
	point byte
	group string
}

// styleOf returns the style of numbers of an input in the number format
// f: its own marks where it groups digits, and spaces between groups
// otherwise.
func styleOf(f string) numberStyle {
	switch f {
	case "1,234.56":
		return numberStyle{'.', ","}
	case "1.234,56":
		return numberStyle{',', "."}
	case "1'234.56":
		return numberStyle{'.', "'"}
	case "1 234,56", "1234,56":
		return numberStyle{',', " "}
	}
	return numberStyle{'.', " "}
}

// appendStyled appends d, with places decimal places, in style s: as in
// 1 234 567.50.
func appendStyled(b []byte, d decimal.Decimal, places int32, s numberStyle) []byte {
	var buf [32]byte
	plain := exact.AppendFixed(buf[:0], d, places)
	digits := plain
	if len(digits) > 0 && digits[0] == '-' {
		b, digits = append(b, '-'), digits[1:]
	}
	whole := len(digits)
	if i := bytes.IndexByte(digits, '.'); i >= 0 {
		whole = i
	}
	for i := range whole {
		if i > 0 && (whole-i)%3 == 0 {
			b = append(b, s.group...)
		}
		b = append(b, digits[i])
	}
	if whole < len(digits) {
		b = append(append(b, s.point), digits[whole+1:]...)
	}
	return b
}

// A numFormat writes the numbers of a plan in a style: amounts with the
// places of the plan's step, revenues with their own, and percentages with
// one decimal place.
type numFormat struct {
	style  numberStyle
	places int32
}

// newNumFormat returns the format of the numbers of plans in step for an
// input in the number format f.
func newNumFormat(f string, step decimal.Decimal) numFormat {
	return numFormat{style: styleOf(f), places: max(-step.Exponent(), 0)}
}

func (n numFormat) amount(d decimal.Decimal) string {
	return string(n.appendAmount(nil, d))
}

func (n numFormat) appendAmount(b []byte, d decimal.Decimal) []byte {
	return appendStyled(b, d, n.places, n.style)
}

func (n numFormat) revenue(d decimal.Decimal) string {
	return string(n.appendRevenue(nil, d))
}

func (n numFormat) appendRevenue(b []byte, d decimal.Decimal) []byte {
	return appendStyled(b, d, max(-d.Exponent(), 0), n.style)
}

func (n numFormat) percent(share decimal.Decimal) string {
	var buf [24]byte
	return string(n.appendPercent(buf[:0], share))
}

func (n numFormat) appendPercent(b []byte, share decimal.Decimal) []byte {
	return n.point(appendPercent(b, share), len(b))
}

// point gives the number appended to b after from the decimal mark of n.
func (n numFormat) point(b []byte, from int) []byte {
	if i := bytes.IndexByte(b[from:], '.'); i >= 0 {
		b[from+i] = n.style.point
	}
	return b
}

// restName names the party that gets the time left after the key customers.
const restName = "other customers and prospecting"

// summaryCells returns the cells of a row of the team's summary after the
// owner's: customers, key customers, key revenue share, key time share and
// key amount, then the rest, or the other customers and prospecting.
func summaryCells(s salestime.Summary, num numFormat, split bool) []string {
	row := []string{strconv.Itoa(s.Customers), strconv.Itoa(s.KeyCustomers),
		num.percent(s.KeyRevenueShare), num.percent(s.KeyTimeShare), num.amount(s.Key)}
	if s.Mixed {
		row[2] = "" // revenues in several currencies have no share of a sum
	}
	if split {
		return append(row, num.amount(s.Other), num.amount(s.Prospecting))
	}
	return append(row, num.amount(s.Rest))
}

// stray reports whether g is an owner of activities without a plan.
func stray(g salestime.Group) bool {
	return g.Review != nil && g.Plan.Step.Sign() == 0
}

// A textRenderer writes, for each plan, a sentence, a table of the key
// customers and a line for the rest, or the plan by period; for each
// review a sentence, a table and notes; with owners, each under a
// heading, and the team's summary or review.
type textRenderer struct {
	*pages
	o      *options
	num    numFormat
	owners bool
	unit   string // o.unit as shown

	// The team's summary: each row's cells, joined by tabs, which shown
	// cells never hold, a row a line, in a spool until the widths of the
	// columns are known; the widths.
	rows   *spool
	rowsW  *bufio.Writer
	widths []int
	strays []salestime.Group

	row row // the cells of a row of a plan's table, reused
}

func (t *textRenderer) group(g salestime.Group, s salestime.Summary) error {
	if stray(g) {
		t.strays = append(t.strays, g)
		return nil
	}
	if t.team {
		t.addRow(g.Name, s)
	}
	if t.o.run.summary {
		return nil
	}
	w := t.w
	if t.owners {
		if t.n > 0 {
			_ = w.WriteByte('\n') // bufio.Writer keeps its error for Flush
		}
		_, _ = w.WriteString("== " + shown(cmp.Or(g.Name, "(no owner)")) + " ==\n\n")
	}
	t.n++
	if g.Review != nil {
		t.review(g.Review)
		return nil
	}
	a := g.Allocation
	_, _ = w.WriteString(sentence(g, t.num, t.unit) + "\n")
	if g.Plan.Periods != nil {
		_ = w.WriteByte('\n')
		t.spread(g.Plan)
		return nil
	}
	if len(a.Lines) == 0 {
		return nil
	}
	_ = w.WriteByte('\n')
	t.table(g)
	_, _ = w.WriteString("\n" + restLine(g, t.num, t.unit, t.o) + "\n")
	return nil
}

// addRow adds the row of owner's summary s to the team's summary, and
// widens the columns to fit it.
func (t *textRenderer) addRow(owner string, s salestime.Summary) {
	if t.rows == nil {
		t.rows = &spool{what: "the team's summary"}
		t.rowsW = bufio.NewWriterSize(t.rows, 64<<10)
	}
	for i, c := range t.summaryRow(owner, s) {
		if i > 0 {
			_ = t.rowsW.WriteByte('\t') // bufio.Writer keeps its error for Flush
		}
		_, _ = t.rowsW.WriteString(c)
	}
	_ = t.rowsW.WriteByte('\n')
}

// summaryRow returns the cells of the row of owner in the summary, and
// widens the columns to fit them.
func (t *textRenderer) summaryRow(owner string, s salestime.Summary) []string {
	row := append([]string{shown(cmp.Or(owner, "(no owner)"))}, summaryCells(s, t.num, t.o.team.Split)...)
	for i, c := range row {
		if i == len(t.widths) {
			t.widths = append(t.widths, 0)
		}
		t.widths[i] = max(t.widths[i], displayWidth(c))
	}
	return row
}

func (t *textRenderer) remove() {
	t.pages.remove()
	if t.rows != nil {
		t.rows.remove()
	}
}

func (t *textRenderer) end(total salestime.Summary) error {
	if t.o.run.review {
		if t.owners {
			t.teamReview(total)
		}
		return nil
	}
	if t.n == 0 && !t.o.run.summary {
		_, _ = t.w.WriteString("No customers.\n")
	}
	if t.rows != nil {
		if err := t.summary(total); err != nil {
			return err
		}
	}
	return t.finish()
}

// summary writes the team's summary: a row per salesperson, and the total.
func (t *textRenderer) summary(total salestime.Summary) error {
	if err := t.rowsW.Flush(); err != nil {
		return err
	}
	rows, err := t.rows.reader()
	if err != nil {
		return err
	}
	unit := shown(strings.ToUpper(t.o.unit))
	header := []string{"OWNER", "CUSTOMERS", "KEY CUSTOMERS", "KEY REVENUE", "KEY TIME", "KEY " + unit}
	if t.o.team.Split {
		header = append(header, "OTHER "+unit, "PROSPECTING "+unit)
	} else {
		header = append(header, "REST "+unit)
	}
	last := t.summaryRow("Total", total)
	for i, h := range header {
		t.widths[i] = max(t.widths[i], displayWidth(h))
	}
	right := []bool{false, true, true, true, true, true, true, true}
	var r row
	writeRow(t.out, r.set(header...), t.widths, right)
	lines := bufio.NewReaderSize(rows, 64<<10)
	var line []byte
	for {
		part, err := lines.ReadSlice('\n')
		line = append(line, part...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue // a row longer than the buffer
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		writeRow(t.out, r.split(line[:len(line)-1]), t.widths, right)
		line = line[:0]
	}
	writeRow(t.out, r.set(last...), t.widths, right)
	if !t.o.run.summary {
		_ = t.out.WriteByte('\n') // bufio.Writer keeps its error for Flush
	}
	return nil
}

// writeTable writes rows of cells in columns two spaces apart, each as wide
// as its widest cell, in characters; the cells of columns whose right is
// set are aligned to the right. The last cell of a row is not padded.
func writeTable(w *bufio.Writer, rows [][]string, right []bool) {
	var widths []int
	var r row
	for _, cells := range rows {
		widths = r.set(cells...).widen(widths)
	}
	for _, cells := range rows {
		writeRow(w, r.set(cells...), widths, right)
	}
}

// A row holds the cells of a row of a table end to end in one buffer, so
// that a long table makes no string per cell.
type row struct {
	b    []byte
	ends []int // where each cell ends in b
}

// reset empties r for the next row.
func (r *row) reset() {
	r.b, r.ends = r.b[:0], r.ends[:0]
}

// end ends the cell appended to r.b since the last.
func (r *row) end() {
	r.ends = append(r.ends, len(r.b))
}

// add appends the cells.
func (r *row) add(cells ...string) {
	for _, c := range cells {
		r.b = append(r.b, c...)
		r.end()
	}
}

// set sets r to the cells and returns it.
func (r *row) set(cells ...string) *row {
	r.reset()
	r.add(cells...)
	return r
}

// split sets r to the cells of s, which tabs separate, and returns it.
func (r *row) split(s []byte) *row {
	r.reset()
	for {
		i := bytes.IndexByte(s, '\t')
		if i < 0 {
			r.b = append(r.b, s...)
			r.end()
			return r
		}
		r.b = append(r.b, s[:i]...)
		r.end()
		s = s[i+1:]
	}
}

// cell returns the i-th cell.
func (r *row) cell(i int) []byte {
	start := 0
	if i > 0 {
		start = r.ends[i-1]
	}
	return r.b[start:r.ends[i]]
}

// widen returns widths, longer and wider where the cells of r need it.
func (r *row) widen(widths []int) []int {
	for i := range r.ends {
		if i == len(widths) {
			widths = append(widths, 0)
		}
		widths[i] = max(widths[i], displayWidth(r.cell(i)))
	}
	return widths
}

// writeSpaces writes n spaces to w.
func writeSpaces(w *bufio.Writer, n int) {
	const spaces = "                                "
	for ; n > len(spaces); n -= len(spaces) {
		_, _ = w.WriteString(spaces)
	}
	_, _ = w.WriteString(spaces[:max(n, 0)])
}

// writeRow writes one row of a table laid out in widths.
func writeRow(w *bufio.Writer, r *row, widths []int, right []bool) {
	last := len(r.ends) - 1
	for last > 0 && len(r.cell(last)) == 0 && (last >= len(right) || !right[last]) {
		last--
	}
	for i := range last + 1 {
		c := r.cell(i)
		pad := widths[i] - displayWidth(c)
		if i < len(right) && right[i] {
			writeSpaces(w, pad)
			_, _ = w.Write(c)
		} else {
			_, _ = w.Write(c)
			if i < last {
				writeSpaces(w, pad)
			}
		}
		if i < last {
			_, _ = w.WriteString("  ")
		}
	}
	_ = w.WriteByte('\n')
}

// sentence returns the sentence that opens the plan of g, with numbers
// written in num, amounts in unit.
func sentence(g salestime.Group, num numFormat, unit string) string {
	a, p := g.Allocation, g.Plan
	switch {
	case g.Portfolio.Len() == 0:
		return fmt.Sprintf("No customers: all %s %s go to prospecting.", num.amount(p.Budget), unit)
	case len(a.Lines) == 0:
		return fmt.Sprintf("No key customers among %d: all %s %s go to %s.", g.Portfolio.Len(), num.amount(p.Budget), unit, restName)
	}
	var key decimal.Decimal
	for _, l := range p.Lines {
		key = key.Add(l.Amount)
	}
	return fmt.Sprintf("Key customers bring %s of revenue; %s: %s of your time, %s of %s %s.",
		num.percent(a.KeyRevenueShare), rules(a.Lines), num.percent(a.KeyTimeShare), num.amount(key), num.amount(p.Budget), unit)
}

// restLine returns the line of the rest of the plan of g.
func restLine(g salestime.Group, num numFormat, unit string, o *options) string {
	p := g.Plan
	if o.team.Split {
		return fmt.Sprintf("Other customers: %s %s; prospecting: %s %s, %s of the rest.",
			num.amount(p.Other), unit, num.amount(p.Prospecting), unit, num.percent(o.team.Prospecting))
	}
	return fmt.Sprintf("Other customers and prospecting: %s of your time, %s %s.", num.percent(g.Allocation.RestTimeShare), num.amount(p.Rest), unit)
}

// table writes the table of the key customers of g, with -top's first
// lines and one line for the others. It makes the cells of each line
// twice, once to measure and once to write, rather than hold every cell
// of a long table.
func (t *textRenderer) table(g salestime.Group) {
	revenue := "REVENUE"
	if g.Currency != "" {
		revenue += " IN " + shown(g.Currency)
	}
	header := []string{"RANK", "CUSTOMER", revenue, "SHARE", "CUMULATIVE", "", "RULE", "TIME SHARE", "", shown(strings.ToUpper(t.o.unit))}
	right := []bool{true, false, true, true, true, false, false, true, false, true}
	lines, amounts := g.Allocation.Lines, g.Plan.Lines
	count := len(lines)
	if t.o.top > 0 && t.o.top < len(lines) {
		count = t.o.top
	}
	var cum cumulative
	c := &t.row
	cells := func(i int) *row {
		if i == count {
			return c.set(others(lines[count:], amounts[count:], cum.value(), t.num)...)
		}
		l, num := lines[i], t.num
		cum.add(l.RevenueShare)
		c.reset()
		c.b = strconv.AppendInt(c.b, int64(i+1), 10)
		c.end()
		c.add(shown(l.Customer.Name))
		c.b = num.appendRevenue(c.b, l.Customer.Revenue)
		c.end()
		c.b = num.appendPercent(c.b, l.RevenueShare)
		c.end()
		c.b = cum.appendPercent(c.b, num)
		c.end()
		c.b = appendBar(c.b, l.RevenueShare)
		c.end()
		c.add(ruleWord(l.Customer))
		c.b = num.appendPercent(c.b, l.TimeShare)
		c.end()
		c.b = appendBar(c.b, l.TimeShare)
		c.end()
		c.b = num.appendAmount(c.b, amounts[i].Amount)
		c.end()
		return c
	}
	n := count
	if count < len(lines) {
		n++ // the line of the others
	}
	widths := c.set(header...).widen(nil)
	for i := range n {
		widths = cells(i).widen(widths)
	}
	cum = cumulative{}
	writeRow(t.w, c.set(header...), widths, right)
	for i := range n {
		writeRow(t.w, cells(i), widths, right)
	}
}

// A cumulative adds up shares, which have at most SharePlaces places, in
// an integer: a decimal addition for each line of a long table allocates.
type cumulative struct {
	units int64           // of 10^-SharePlaces
	rest  decimal.Decimal // shares that do not fit units, which the library never makes
}

func (c *cumulative) add(share decimal.Decimal) {
	if e := share.Exponent(); e <= 0 && e >= -salestime.SharePlaces && share.NumDigits() <= 13 {
		c.units += share.CoefficientInt64() * pow10[e+salestime.SharePlaces]
		return
	}
	c.rest = c.rest.Add(share)
}

func (c *cumulative) value() decimal.Decimal {
	return decimal.New(c.units, -salestime.SharePlaces).Add(c.rest)
}

// appendPercent appends the sum as num writes percentages.
func (c *cumulative) appendPercent(b []byte, num numFormat) []byte {
	if c.rest.IsZero() {
		return num.point(appendPercentOf(b, c.units, -salestime.SharePlaces), len(b))
	}
	return num.appendPercent(b, c.value())
}

// others returns the cells of the line of the key customers after
// -top's first ones, whose revenue shares add up to cum, as the table of
// the key customers has them.
func others(lines []salestime.Line, amounts []salestime.PlanLine, cum decimal.Decimal, num numFormat) []string {
	var revenue, share, timeShare, amount decimal.Decimal
	for i, l := range lines {
		revenue, share = revenue.Add(l.Customer.Revenue), share.Add(l.RevenueShare)
		timeShare, amount = timeShare.Add(l.TimeShare), amount.Add(amounts[i].Amount)
	}
	return []string{"", fmt.Sprintf("%d more key %s", len(lines), plural(len(lines), "customer", "customers")),
		num.revenue(revenue), num.percent(share), num.percent(cum.Add(share)), barOf(share),
		"", num.percent(timeShare), barOf(timeShare), num.amount(amount)}
}

// ruleWord names the rule of c in the table.
func ruleWord(c salestime.Customer) string {
	if c.New {
		return "new"
	}
	return "existing"
}

// rules says which rules the key customers got.
func rules(lines []salestime.Line) string {
	var existing, fresh int
	for _, l := range lines {
		if l.Customer.New {
			fresh++
		} else {
			existing++
		}
	}
	switch {
	case fresh == 0:
		return "existing-customer rule, half"
	case existing == 0:
		return "new-customer rule, three quarters"
	}
	return fmt.Sprintf("existing-customer rule, half, for %d and new-customer rule, three quarters, for %d", existing, fresh)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// A csvRenderer writes one row per party of each plan: the key customers,
// then the rest, or the other customers and prospecting; or per party and
// period of a spread plan; or per party of a review. It writes in the
// input's style: with semicolons, decimal commas and a byte-order mark, as
// a spreadsheet in such a locale opens in columns, where the input was
// written so or -numbers asks for a decimal comma.
type csvRenderer struct {
	w      *csv.Writer
	owners bool
	point  byte
	record []string
}

func newCSVRenderer(w *bufio.Writer, o *options, acc salestime.Accounts) *csvRenderer {
	c := &csvRenderer{w: csv.NewWriter(w), owners: acc.Owners || o.run.schedule, point: '.'}
	comma := styleOf(acc.Numbers).point == ',' && acc.Comma != ','
	if o.numbers {
		comma = styleOf(o.accounts.Numbers).point == ','
	}
	if comma && !o.run.review {
		c.w.Comma, c.point = ';', ','
		_, _ = w.WriteString("\ufeff") // bufio.Writer keeps its error for Flush
	}
	header := []string{"kind", "rank", "customer", "revenue", "new", "rule", "revenue_share", "time_share", "amount"}
	switch {
	case o.run.review:
		header = []string{"kind", "name", "planned", "actual", "difference"}
	case o.run.schedule:
		header = []string{"kind", "name", "period", "amount"}
	}
	if c.owners {
		header = append([]string{"owner"}, header...)
	}
	_ = c.w.Write(header) // csv.Writer keeps its error for Flush
	return c
}

// number returns d as written, with the renderer's decimal mark.
func (c *csvRenderer) number(d decimal.Decimal) string {
	s := plain(d)
	if c.point == ',' {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// add writes a record of the group of owner.
func (c *csvRenderer) add(owner string, cells ...string) {
	c.record = c.record[:0]
	if c.owners {
		c.record = append(c.record, safeCell(owner))
	}
	c.record = append(c.record, cells...)
	_ = c.w.Write(c.record) // kept for Flush
}

func (c *csvRenderer) group(g salestime.Group, _ salestime.Summary) error {
	switch {
	case g.Review != nil:
		c.review(g)
		return c.w.Error()
	case g.Plan.Periods != nil:
		c.spread(g)
		return c.w.Error()
	}
	a, p := g.Allocation, g.Plan
	for i, l := range a.Lines {
		c.add(g.Name, "key", strconv.Itoa(i+1), safeCell(l.Customer.Name), c.number(l.Customer.Revenue), strconv.FormatBool(l.Customer.New),
			l.Rule.Name(), c.number(l.RevenueShare), c.number(l.TimeShare), c.number(p.Lines[i].Amount))
	}
	restRevenue := "" // no revenue, no share of it
	if g.Portfolio.Len() > 0 {
		restRevenue = c.number(decimal.New(1, 0).Sub(a.KeyRevenueShare))
	}
	if p.Other.Sign() != 0 || p.Prospecting.Sign() != 0 {
		c.add(g.Name, "other", "", "other customers", "", "", "", restRevenue, "", c.number(p.Other))
		c.add(g.Name, "prospect", "", "prospecting", "", "", "", "", "", c.number(p.Prospecting))
		return c.w.Error()
	}
	c.add(g.Name, "rest", "", restName, "", "", "", restRevenue, c.number(a.RestTimeShare), c.number(p.Rest))
	return c.w.Error()
}

// review writes a row per party of the review of g, with the parts of the
// rest's actual time; or, for an owner without a plan, the time logged.
func (c *csvRenderer) review(g salestime.Group) {
	r := g.Review
	if stray(g) {
		c.add(g.Name, "no accounts", "", "", hours(r.Logged, false), "")
		return
	}
	add := func(kind, name string, planned, actual time.Duration, hasPlan bool) {
		record := []string{kind, safeCell(name), "", hours(actual, false), ""}
		if hasPlan {
			record[2], record[4] = hours(planned, false), hours(actual-planned, true)
		}
		c.add(g.Name, record...)
	}
	for _, l := range r.Lines {
		add("key", l.Name, l.Planned, l.Actual, true)
	}
	add("rest", restName, r.Rest.Planned, r.Rest.Actual, true)
	add("other", "other customers", 0, r.OtherCustomers, false)
	for _, u := range r.Unmatched {
		add("prospect", u.Name, 0, u.Actual, false)
	}
	add("unassigned", "unassigned", 0, r.Unassigned, false)
}

func (c *csvRenderer) end(salestime.Summary) error {
	c.w.Flush()
	return c.w.Error()
}

func (c *csvRenderer) remove() {}

// safeCell returns s as text that a spreadsheet program shows but never
// runs: a cell that starts with =, +, -, @, a tab or a carriage return gets
// an apostrophe before it, as OWASP recommends against CSV injection, so
// that =HYPERLINK("http://...") shows as it is.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// A jsonRenderer writes one object in one shape, with owners or without,
// for plans and for reviews: the unit, the currency, the selector, each
// group as the library writes it, one after another as they are made, and
// the team's summary.
type jsonRenderer struct {
	w        *bufio.Writer
	o        *options
	currency string
	n        int // groups written
}

func (j *jsonRenderer) head() {
	head := struct {
		Unit     string `json:"unit"`
		Currency string `json:"currency,omitempty"`
		Selector string `json:"selector"`
	}{j.o.unit, j.currency, j.o.keyName}
	b, _ := json.Marshal(head) // strings always marshal
	_, _ = j.w.Write(b[:len(b)-1])
	_, _ = j.w.WriteString(`,"plans":[`) // bufio.Writer keeps its error for Flush
}

func (j *jsonRenderer) group(g salestime.Group, _ salestime.Summary) error {
	if j.n == 0 {
		j.head()
	} else {
		_ = j.w.WriteByte(',')
	}
	j.n++
	b, err := g.MarshalJSON()
	if err != nil {
		return err
	}
	_ = j.w.WriteByte('\n')
	_, _ = j.w.Write(b)
	return nil
}

func (j *jsonRenderer) end(total salestime.Summary) error {
	if j.n == 0 {
		j.head()
	}
	b, err := total.MarshalJSON()
	if err != nil {
		return err
	}
	_, _ = j.w.WriteString("\n],\n\"summary\":")
	_, _ = j.w.Write(b)
	_, _ = j.w.WriteString("}\n")
	return nil
}

func (j *jsonRenderer) remove() {}

// plain returns d in plain notation with the places it has, whatever the
// decimal package's global settings say.
func plain(d decimal.Decimal) string {
	return string(exact.AppendFixed(nil, d, max(-d.Exponent(), 0)))
}

// pow10 holds 10^0 to 10^18.
var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// appendPercent appends a share, in [0, 1], as a percentage with one
// decimal place, rounded half to even, as in 35.0%.
func appendPercent(b []byte, share decimal.Decimal) []byte {
	e := share.Exponent()
	if e > 0 || e < -18 || share.NumDigits() > 15 {
		return append(append(b, share.Shift(2).StringFixedBank(1)...), '%')
	}
	return appendPercentOf(b, share.CoefficientInt64(), e)
}

// appendPercentOf appends the share c x 10^e, with -18 <= e <= 0 and c of
// at most 15 digits, as appendPercent does.
func appendPercentOf(b []byte, c int64, e int32) []byte {
	var tenths int64 // of a percent: share x 1000
	if e >= -3 {
		tenths = c * pow10[e+3]
	} else {
		d := pow10[-(e + 3)]
		q, r := c/d, c%d
		if 2*r > d || 2*r == d && q%2 == 1 {
			q++
		}
		tenths = q
	}
	b = strconv.AppendInt(b, tenths/10, 10)
	return append(b, '.', byte('0'+tenths%10), '%')
}

// percent returns a share as appendPercent writes it.
func percent(share decimal.Decimal) string {
	return string(appendPercent(nil, share))
}

// barWidth is the width in characters of a bar for a share of 1.
const barWidth = 20

// barParts are the characters of a bar's last eighths.
var barParts = [8]string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// barOf draws a share as a bar of block characters, in eighths of a
// character, barWidth characters for a share of 1.
func barOf(share decimal.Decimal) string {
	return string(appendBar(nil, share))
}

// appendBar appends the bar of a share, as barOf draws it.
func appendBar(b []byte, share decimal.Decimal) []byte {
	n := eighths(share)
	for range n / 8 {
		b = append(b, "█"...)
	}
	return append(b, barParts[n%8]...)
}

// eighths returns a share, in [0, 1], in eighths of a character of a bar,
// rounded half away from zero.
func eighths(share decimal.Decimal) int {
	e := share.Exponent()
	if e > 0 || e < -18 || share.NumDigits() > 15 {
		return int(share.Mul(decimal.New(8*barWidth, 0)).Round(0).IntPart())
	}
	x := share.CoefficientInt64() * 8 * barWidth
	if e == 0 {
		return int(x)
	}
	d := pow10[-e]
	q, r := x/d, x%d
	if 2*r >= d {
		q++
	}
	return int(q)
}

// shown returns s for a terminal: each control character, line break or
// character that reorders text as an escape such as \x1b or \u202e, so that
// nothing in a name can move the cursor, recolour the terminal or shift
// the table.
func shown(s string) string {
	ascii := true // and printable, the common case, without decoding
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] >= ' ' && s[i] < 0x7f
	}
	if ascii || !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unsafeRune(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Zl, unicode.Zp, unicode.Bidi_Control) || r == utf8.RuneError
}

// displayWidth returns the columns s takes in a terminal: two for each
// character that East Asian scripts write wide, such as 東 or Ｔ, and one
// for any other.
func displayWidth[S string | []byte](s S) int {
	n := 0
	for _, r := range string(s) {
		n++
		if r >= 0x1100 {
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				n++
			}
		}
	}
	return n
}
