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
)

// A renderer writes the plans of the groups of an input, one at a time, as
// the groups are planned: so that the output of a long file need not be
// held in memory.
type renderer interface {
	// group writes the plan of one group.
	group(r result) error
	// end writes what follows the last group.
	end() error
}

// A summarizer is a renderer that opens with a summary of the team: it is
// given each plan as it is made, and writes the summary before the plans.
type summarizer interface {
	add(r result)
	summary() error
}

// opensWithSummary reports whether the output of cfg for acc opens with a summary
// of the team: in text and html, with owners or -summary.
func opensWithSummary(acc salestime.Accounts, cfg config) bool {
	return (cfg.format == "text" || cfg.format == "html") && (acc.Owners || cfg.summary)
}

// input is what the renderers need to know of the accounts read, and no
// more: the accounts themselves hold rows that may go once planned.
type input struct {
	Owners   bool
	Currency string
	Numbers  salestime.NumberFormat
	Comma    rune
}

// newRenderer returns the renderer of cfg's format, writing the plans to
// w, and the page's head and the team's summary to top, which may be w.
func newRenderer(top, w *bufio.Writer, acc salestime.Accounts, cfg config) renderer {
	in := input{Owners: acc.Owners, Currency: acc.Currency, Numbers: acc.Numbers, Comma: acc.Comma}
	switch cfg.format {
	case "json":
		return &jsonRenderer{w: w, acc: in, cfg: cfg}
	case "csv":
		return newCSVRenderer(w, in, cfg)
	case "html":
		return &htmlRenderer{top: top, w: w, acc: in, cfg: cfg, num: newNumFormat(in.Numbers, cfg.step)}
	}
	return &textRenderer{top: top, w: w, acc: in, cfg: cfg, unit: shown(cfg.unit), num: newNumFormat(in.Numbers, cfg.step)}
}

// A numberStyle is how the text output writes numbers: its decimal mark,
// and the mark between groups of three digits.
type numberStyle struct {
	point byte
	group string
}

// styleOf returns the style of numbers of an input in the format f: its
// own marks where it groups digits, and spaces between groups otherwise.
func styleOf(f salestime.NumberFormat) numberStyle {
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
	plain := appendFixed(buf[:0], d, places)
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
func newNumFormat(f salestime.NumberFormat, step decimal.Decimal) numFormat {
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

// A summaryRow is what the team's summary says of one plan, or of all.
// The shares of one plan are the plan's own; those of all are their
// averages weighted by revenue and by budget, exactly, and no revenue
// share where the plans' revenues are in several currencies.
type summaryRow struct {
	owner                       string
	customers, keys             int
	revenue, keyRevenue         decimal.Decimal
	budget, key, other, prospec decimal.Decimal
	rest                        decimal.Decimal
	keyTime                     decimal.Decimal // the key time share times the budget
	shares                      bool            // keyRevenueShare and keyTimeShare are the plan's
	keyRevenueShare             decimal.Decimal
	keyTimeShare                decimal.Decimal
	currency                    string // of the revenues
	mixed                       bool   // revenues in several currencies, which do not add up
}

// summaryOf returns the summary row of r.
func summaryOf(r result) summaryRow {
	a := r.allocation
	s := summaryRow{owner: r.owner, customers: r.portfolio.Len(), keys: len(a.Lines),
		revenue: r.portfolio.Total(), budget: r.plan.Budget, other: r.plan.Other, prospec: r.plan.Prospecting, rest: r.plan.Rest,
		keyTime: a.KeyTimeShare.Mul(r.plan.Budget), shares: true, keyRevenueShare: a.KeyRevenueShare, keyTimeShare: a.KeyTimeShare,
		currency: r.currency}
	for _, l := range r.plan.Lines {
		s.keyRevenue = s.keyRevenue.Add(l.Customer.Revenue)
	}
	s.key = keyAmount(r.plan)
	return s
}

// keyAmount returns the time of the key customers of p.
func keyAmount(p salestime.Plan) decimal.Decimal {
	var sum decimal.Decimal
	for _, l := range p.Lines {
		sum = sum.Add(l.Amount)
	}
	return sum
}

// cells returns the cells of the row of s in the team's summary after the
// owner's: customers, key customers, key revenue share, key time share and
// key amount, then the rest, or the other customers and prospecting.
func (s summaryRow) cells(num numFormat, split bool) []string {
	revenueShare, timeShare := s.keyRevenueShare, s.keyTimeShare
	if !s.shares {
		revenueShare, timeShare = share(s.keyRevenue, s.revenue), share(s.keyTime, s.budget)
	}
	row := []string{strconv.Itoa(s.customers), strconv.Itoa(s.keys),
		num.percent(revenueShare), num.percent(timeShare), num.amount(s.key)}
	if s.mixed {
		row[2] = "" // revenues in several currencies have no share of a sum
	}
	if split {
		return append(row, num.amount(s.other), num.amount(s.prospec))
	}
	return append(row, num.amount(s.rest))
}

// add adds the counts and amounts of o to s, a row of all.
func (s *summaryRow) add(o summaryRow) {
	if o.currency != "" && s.currency != "" && o.currency != s.currency {
		s.mixed = true
	}
	s.currency = cmp.Or(s.currency, o.currency)
	s.customers += o.customers
	s.keys += o.keys
	s.revenue, s.keyRevenue = s.revenue.Add(o.revenue), s.keyRevenue.Add(o.keyRevenue)
	s.budget, s.key, s.keyTime = s.budget.Add(o.budget), s.key.Add(o.key), s.keyTime.Add(o.keyTime)
	s.other, s.prospec, s.rest = s.other.Add(o.other), s.prospec.Add(o.prospec), s.rest.Add(o.rest)
}

// share returns part / whole as a share for a percentage, 0 if whole is 0.
func share(part, whole decimal.Decimal) decimal.Decimal {
	if whole.Sign() == 0 {
		return decimal.Decimal{}
	}
	q, r := part.Shift(3).QuoRem(whole, 0) // tenths of a percent, rounded half to even
	if c := r.Mul(decimal.New(2, 0)).Cmp(whole); c > 0 || c == 0 && q.IntPart()%2 == 1 {
		q = q.Add(decimal.New(1, 0))
	}
	return q.Shift(-3)
}

// A textRenderer writes, for each plan, a sentence, a table of the key
// customers and a line for the rest; with owners, each under a heading,
// after a summary of the team.
type textRenderer struct {
	top, w *bufio.Writer // the summary's, and the plans'
	acc    input
	cfg    config
	unit   string // cfg.unit as shown
	num    numFormat
	n      int // groups written

	// The team's summary: each row's cells, joined by tabs, which shown
	// cells never hold, a row a line, in a spool until the widths of the
	// columns are known; the widths; the total.
	rows   *spool
	rowsW  *bufio.Writer
	widths []int
	total  summaryRow

	row row // the cells of a row of a plan's table, reused
}

func (t *textRenderer) add(r result) {
	s := summaryOf(r)
	t.total.add(s)
	if t.rows == nil {
		t.rows = &spool{what: "the team's summary"}
		t.rowsW = bufio.NewWriterSize(t.rows, 64<<10)
	}
	for i, c := range t.summaryCells(s) {
		if i > 0 {
			_ = t.rowsW.WriteByte('\t') // bufio.Writer keeps its error for Flush
		}
		_, _ = t.rowsW.WriteString(c)
	}
	_ = t.rowsW.WriteByte('\n')
}

// remove removes the temporary file of the summary's rows, if there is one.
func (t *textRenderer) remove() {
	if t.rows != nil {
		t.rows.remove()
	}
}

// summaryCells returns the cells of the row of s in the summary, and
// widens the columns to fit them.
func (t *textRenderer) summaryCells(s summaryRow) []string {
	row := append([]string{shown(cmp.Or(s.owner, "(no owner)"))}, s.cells(t.num, t.cfg.split)...)
	for i, c := range row {
		if i == len(t.widths) {
			t.widths = append(t.widths, 0)
		}
		t.widths[i] = max(t.widths[i], displayWidth(c))
	}
	return row
}

// summary writes the team's summary: a row per salesperson, and the total.
func (t *textRenderer) summary() error {
	if t.rows == nil {
		return nil // no one to sum up
	}
	if err := t.rowsW.Flush(); err != nil {
		return err
	}
	rows, err := t.rows.reader()
	if err != nil {
		return err
	}
	unit := shown(strings.ToUpper(t.cfg.unit))
	header := []string{"OWNER", "CUSTOMERS", "KEY CUSTOMERS", "KEY REVENUE", "KEY TIME", "KEY " + unit}
	if t.cfg.split {
		header = append(header, "OTHER "+unit, "PROSPECTING "+unit)
	} else {
		header = append(header, "REST "+unit)
	}
	t.total.owner = "Total"
	total := t.summaryCells(t.total)
	for i, h := range header {
		t.widths[i] = max(t.widths[i], displayWidth(h))
	}
	right := []bool{false, true, true, true, true, true, true, true}
	var r row
	writeRow(t.top, r.set(header...), t.widths, right)
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
		writeRow(t.top, r.split(line[:len(line)-1]), t.widths, right)
		line = line[:0]
	}
	writeRow(t.top, r.set(total...), t.widths, right)
	t.remove()
	if !t.cfg.summary {
		_ = t.top.WriteByte('\n') // bufio.Writer keeps its error for Flush
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

func (t *textRenderer) group(r result) error {
	w := t.w
	if t.acc.Owners {
		if t.n > 0 {
			_ = w.WriteByte('\n')
		}
		owner := shown(r.owner)
		if owner == "" {
			owner = "(no owner)"
		}
		_, _ = w.WriteString("== " + owner + " ==\n\n")
	}
	t.n++
	a, unit := r.allocation, t.unit
	_, _ = w.WriteString(sentence(r, t.num, unit) + "\n")
	if r.schedule != nil {
		_ = w.WriteByte('\n')
		t.schedule(r)
		return nil
	}
	if len(a.Lines) == 0 {
		return nil
	}
	_ = w.WriteByte('\n')
	t.table(r)
	_, _ = w.WriteString("\n" + restLine(r, t.num, unit, t.cfg) + "\n")
	return nil
}

// sentence returns the sentence that opens the plan of r, with numbers
// written in num, amounts in unit.
func sentence(r result, num numFormat, unit string) string {
	amount := num.amount
	a, p := r.allocation, r.plan
	switch {
	case r.portfolio.Len() == 0:
		return fmt.Sprintf("No customers: all %s %s go to prospecting.", amount(p.Budget), unit)
	case len(a.Lines) == 0:
		return fmt.Sprintf("No key customers among %d: all %s %s go to %s.", r.portfolio.Len(), amount(p.Budget), unit, restName)
	}
	return fmt.Sprintf("Key customers bring %s of revenue; %s: %s of your time, %s of %s %s.",
		num.percent(a.KeyRevenueShare), rules(a.Lines), num.percent(a.KeyTimeShare), amount(keyAmount(p)), amount(p.Budget), unit)
}

// restLine returns the line of the rest of the plan of r.
func restLine(r result, num numFormat, unit string, cfg config) string {
	p, amount := r.plan, num.amount
	if cfg.split {
		return fmt.Sprintf("Other customers: %s %s; prospecting: %s %s, %s of the rest.",
			amount(p.Other), unit, amount(p.Prospecting), unit, num.percent(cfg.prospecting))
	}
	return fmt.Sprintf("Other customers and prospecting: %s of your time, %s %s.", num.percent(r.allocation.RestTimeShare), amount(p.Rest), unit)
}

func (t *textRenderer) end() error {
	if t.n == 0 && !t.cfg.summary {
		_, _ = t.w.WriteString("No customers.\n")
	}
	return nil
}

// table writes the table of the key customers of r, with -top's first
// lines and one line for the others. It makes the cells of each line
// twice, once to measure and once to write, rather than hold every cell
// of a long table.
func (t *textRenderer) table(r result) {
	revenue := "REVENUE"
	if r.currency != "" {
		revenue += " IN " + shown(r.currency)
	}
	header := []string{"RANK", "CUSTOMER", revenue, "SHARE", "CUMULATIVE", "", "RULE", "TIME SHARE", "", shown(strings.ToUpper(t.cfg.unit))}
	right := []bool{true, false, true, true, true, false, false, true, false, true}
	lines, amounts := r.allocation.Lines, r.plan.Lines
	count := len(lines)
	if t.cfg.top > 0 && t.cfg.top < len(lines) {
		count = t.cfg.top
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

// ruleWord names the rule of c in the table.
func ruleWord(c salestime.Customer) string {
	if c.New {
		return "new"
	}
	return "existing"
}

// A csvRenderer writes one row per party of each plan: the key customers,
// then the rest, or the other customers and prospecting. It writes in the
// input's style: with semicolons, decimal commas and a byte-order mark, as
// a spreadsheet in such a locale opens in columns, where the input was
// written so or -numbers asks for a decimal comma.
type csvRenderer struct {
	w      *csv.Writer
	owners bool
	point  byte
	record []string
}

func newCSVRenderer(w *bufio.Writer, in input, cfg config) *csvRenderer {
	c := &csvRenderer{w: csv.NewWriter(w), owners: in.Owners, point: '.'}
	comma := styleOf(in.Numbers).point == ',' && in.Comma != ','
	if cfg.numbers {
		comma = styleOf(cfg.read.Numbers).point == ','
	}
	if comma {
		c.w.Comma, c.point = ';', ','
		_, _ = w.WriteString("\ufeff") // bufio.Writer keeps its error for Flush
	}
	header := []string{"kind", "rank", "customer", "revenue", "new", "rule", "revenue_share", "time_share", "amount"}
	switch {
	case cfg.by != "":
		header = []string{"owner", "kind", "name", "period", "amount"}
	case in.Owners:
		header = append([]string{"owner"}, header...)
	}
	_ = c.w.Write(header) // csv.Writer keeps its error for Flush
	return c
}

// number returns d as written, with the renderer's decimal mark.
func (c *csvRenderer) number(d decimal.Decimal) string {
	s := exact(d)
	if c.point == ',' {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func (c *csvRenderer) group(r result) error {
	if r.schedule != nil {
		return c.scheduleRecords(r)
	}
	add := func(cells ...string) {
		c.record = c.record[:0]
		if c.owners {
			c.record = append(c.record, salestime.SafeCell(r.owner))
		}
		c.record = append(c.record, cells...)
		_ = c.w.Write(c.record) // kept for Flush
	}
	a, p := r.allocation, r.plan
	for i, l := range a.Lines {
		add("key", strconv.Itoa(i+1), salestime.SafeCell(l.Customer.Name), c.number(l.Customer.Revenue), strconv.FormatBool(l.Customer.New),
			l.Rule.Name(), c.number(l.RevenueShare), c.number(l.TimeShare), c.number(p.Lines[i].Amount))
	}
	restRevenue := "" // no revenue, no share of it
	if r.portfolio.Len() > 0 {
		restRevenue = c.number(decimal.New(1, 0).Sub(a.KeyRevenueShare))
	}
	if p.Other.Sign() != 0 || p.Prospecting.Sign() != 0 {
		add("other", "", "other customers", "", "", "", restRevenue, "", c.number(p.Other))
		add("prospect", "", "prospecting", "", "", "", "", "", c.number(p.Prospecting))
		return c.w.Error()
	}
	add("rest", "", restName, "", "", "", restRevenue, c.number(a.RestTimeShare), c.number(p.Rest))
	return c.w.Error()
}

func (c *csvRenderer) end() error {
	c.w.Flush()
	return c.w.Error()
}

// A jsonRenderer writes one object in one shape, with or without owners:
// the unit, the currency, the selector and one plan per owner, each with
// one record per key customer that joins everything about it. It writes
// each record as it goes, so that a long plan is never held as text.
type jsonRenderer struct {
	w   *bufio.Writer
	acc input
	cfg config
	n   int    // plans written
	buf []byte // a record, as JSON
}

func (j *jsonRenderer) group(r result) error {
	if j.n == 0 {
		j.head()
		j.raw("  \"plans\": [\n")
	} else {
		j.raw(",\n")
	}
	j.n++
	a, p := r.allocation, r.plan
	in := "      "
	j.raw("    {\n")
	j.field(in, "owner", r.owner)
	if r.currency != "" {
		j.field(in, "currency", r.currency)
	}
	j.field(in, "budget", exact(p.Budget))
	j.field(in, "step", exact(p.Step))
	j.raw(fmt.Sprintf("%s\"customers\": %d,\n%s\"keyCustomers\": %d,\n", in, r.portfolio.Len(), in, len(a.Lines)))
	j.field(in, "keyRevenueShare", exact(a.KeyRevenueShare))
	j.field(in, "keyTimeShare", exact(a.KeyTimeShare))
	j.field(in, "keyAmount", exact(keyAmount(p)))
	j.field(in, "restTimeShare", exact(a.RestTimeShare))
	j.field(in, "rest", exact(p.Rest))
	if j.cfg.split {
		j.field(in, "other", exact(p.Other))
		j.field(in, "prospecting", exact(p.Prospecting))
	}
	if r.schedule != nil {
		j.schedule(r, in)
	}
	if len(a.Lines) == 0 {
		j.raw(in + "\"key\": []\n    }")
		return nil
	}
	j.raw(in + "\"key\": [\n")
	for i, l := range a.Lines {
		b := j.buf[:0]
		b = append(b, in+"  {\"rank\": "...)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, ", \"name\": "...)
		b = appendString(b, l.Customer.Name)
		b = append(b, ", \"revenue\": \""...)
		b = appendFixed(b, l.Customer.Revenue, max(-l.Customer.Revenue.Exponent(), 0))
		b = append(b, "\", \"new\": "...)
		b = strconv.AppendBool(b, l.Customer.New)
		b = append(b, ", \"rule\": "...)
		b = appendString(b, l.Rule.Name())
		b = append(b, ", \"revenueShare\": \""...)
		b = appendFixed(b, l.RevenueShare, max(-l.RevenueShare.Exponent(), 0))
		b = append(b, "\", \"timeShare\": \""...)
		b = appendFixed(b, l.TimeShare, max(-l.TimeShare.Exponent(), 0))
		b = append(b, "\", \"amount\": \""...)
		b = appendFixed(b, p.Lines[i].Amount, max(-p.Lines[i].Amount.Exponent(), 0))
		b = append(b, '"')
		if r.schedule != nil {
			b = append(b, ", \"periods\": "...)
			b = appendPeriods(b, r.schedule.Lines[i].Periods)
		}
		b = append(b, '}')
		if i < len(a.Lines)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		j.buf = b
		_, _ = j.w.Write(j.buf) // bufio.Writer keeps its error for Flush
	}
	j.raw(in + "]\n    }")
	return nil
}

// raw writes s as it is.
func (j *jsonRenderer) raw(s string) {
	_, _ = j.w.WriteString(s) // bufio.Writer keeps its error for Flush
}

// head opens the object, with the fields before the plans.
func (j *jsonRenderer) head() {
	j.raw("{\n")
	j.field("  ", "unit", j.cfg.unit)
	if j.acc.Currency != "" {
		j.field("  ", "currency", j.acc.Currency)
	}
	j.field("  ", "selector", j.cfg.keyName)
}

// field writes "name": value, a string, at the indent in, and a comma.
func (j *jsonRenderer) field(in, name, value string) {
	j.raw(in + "\"" + name + "\": " + string(appendString(nil, value)) + ",\n")
}

func (j *jsonRenderer) end() error {
	if j.n == 0 {
		j.head()
		j.raw("  \"plans\": []\n}\n")
		return nil
	}
	j.raw("\n  ]\n}\n")
	return nil
}

// appendString appends s as a JSON string, as encoding/json writes it.
func appendString(b []byte, s string) []byte {
	for i := range len(s) {
		if c := s[i]; c < ' ' || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// exact returns d in plain notation with the places it has, whatever the
// decimal package's global settings say.
func exact(d decimal.Decimal) string {
	return string(appendFixed(nil, d, max(-d.Exponent(), 0)))
}

// appendFixed appends d with places decimal places, as d.StringFixed(places)
// writes it, in integers where d fits an int64, as nearly every amount does.
func appendFixed(b []byte, d decimal.Decimal, places int32) []byte {
	e := d.Exponent()
	if e > 0 || -e > places || places > 18 || d.NumDigits()+int(places+e) > 18 {
		return append(b, d.StringFixed(places)...)
	}
	c := d.CoefficientInt64() * pow10[places+e] // the value in units of 10^-places
	if c < 0 {
		b, c = append(b, '-'), -c
	}
	start := len(b)
	b = strconv.AppendInt(b, c, 10)
	if places == 0 {
		return b
	}
	// Zeros before the digits up to one before the point, then the point.
	for len(b)-start <= int(places) {
		b = append(b, 0)
		copy(b[start+1:], b[start:])
		b[start] = '0'
	}
	b = append(b, 0)
	point := len(b) - 1 - int(places)
	copy(b[point+1:], b[point:])
	b[point] = '.'
	return b
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

// A reviewRenderer writes the reviews of the groups, one at a time, and
// then the team's.
type reviewRenderer interface {
	// review writes the review of the plan of one owner.
	review(owner string, r salestime.Review) error
	// end writes the team's review, from the sums of the others, and the
	// owners of activities who have no accounts.
	end(team salestime.Review, strays []stray) error
}

func newReviewRenderer(w *bufio.Writer, acc salestime.Accounts, cfg config) reviewRenderer {
	in := input{Owners: acc.Owners, Currency: acc.Currency}
	switch cfg.format {
	case "json":
		return &jsonReview{w: w, acc: in}
	case "html":
		return &htmlReview{w: w, acc: in, cfg: cfg}
	case "csv":
		c := &csvReview{w: csv.NewWriter(w), owners: acc.Owners}
		header := []string{"kind", "name", "planned", "actual", "difference"}
		if acc.Owners {
			header = append([]string{"owner"}, header...)
		}
		_ = c.w.Write(header) // kept for Flush
		return c
	}
	return &textReview{w: w, acc: in, cfg: cfg, unit: shown(cfg.unit)}
}

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
func viewOf(owner string, r salestime.Review, cfg config, unit string) reviewView {
	v := reviewView{Owner: cmp.Or(owner, "(no owner)"), Sentence: reviewSentence(r)}
	if !r.Period.IsZero() {
		v.Period = fmt.Sprintf("From %s to %s: %d of %d working days, %s of %s %s planned to date.",
			r.Period.From.Format(time.DateOnly), r.Until.Format(time.DateOnly), r.Passed, r.WorkingDays,
			hours(r.BudgetToDate, false), hours(r.Budget, false), unit)
	}
	for _, l := range r.Lines {
		v.Rows = append(v.Rows, reviewCells(l.Name, l, cfg))
	}
	v.Rows = append(v.Rows, reviewCells("Other customers and prospecting", r.Rest, cfg))
	for _, part := range []struct {
		name string
		time time.Duration
	}{{"other customers", r.OtherCustomers}, {"prospects", r.Prospects}, {"unassigned", r.Unassigned}} {
		v.Rows = append(v.Rows, []string{part.name, "", hours(part.time, false), "", "", "", ""})
	}
	v.Parts = 3
	for _, u := range r.Unmatched {
		note := fmt.Sprintf("No customer is called %s: %s %s counted as prospecting", u.Name, hours(u.Time, false), unit)
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
func reviewSentence(r salestime.Review) string {
	if r.Logged == 0 {
		return fmt.Sprintf("No time logged; the rule gives key customers %s.", percent(r.PlanShare))
	}
	return fmt.Sprintf("Key customers got %s of the time logged; the rule gives them %s.", percent(r.ActualShare), percent(r.PlanShare))
}

// reviewCells returns the cells of a line of the review's table.
func reviewCells(name string, l salestime.ReviewLine, cfg config) []string {
	ofPlan, mark := "", ""
	if l.Planned > 0 {
		ofPlan = percent(l.OfPlan)
	}
	one := decimal.New(1, 0)
	switch {
	case l.Planned == 0 && l.Actual > 0, l.Planned > 0 && l.OfPlan.GreaterThan(one.Add(cfg.tolerance)):
		mark = "over"
	case l.Planned > 0 && l.OfPlan.LessThan(one.Sub(cfg.tolerance)):
		mark = "under"
	}
	// The bar is ten characters for the plan, up to twice the plan.
	bar := ""
	if l.Planned > 0 {
		eighths := min(l.OfPlan.Mul(decimal.New(80, 0)).Round(0).IntPart(), 160)
		bar = strings.Repeat("█", int(eighths/8)) + barParts[eighths%8]
	}
	return []string{name, hours(l.Planned, false), hours(l.Actual, false), hours(l.Difference, true), ofPlan, bar, mark}
}

// strayNote says that an owner of activities has no accounts.
func strayNote(s stray, unit string) string {
	return fmt.Sprintf("%s has no accounts: %s %s of activities not reviewed.", cmp.Or(s.owner, "(no owner)"), hours(s.time, false), unit)
}

// A textReview writes each review as a sentence, a table and notes.
type textReview struct {
	w    *bufio.Writer
	acc  input
	cfg  config
	unit string
	n    int
}

func (t *textReview) review(owner string, r salestime.Review) error {
	w := t.w
	v := viewOf(owner, r, t.cfg, t.unit)
	if t.acc.Owners {
		if t.n > 0 {
			_ = w.WriteByte('\n')
		}
		_, _ = fmt.Fprintf(w, "== %s ==\n\n", shown(v.Owner))
	}
	t.n++
	_, _ = w.WriteString(v.Sentence + "\n")
	if v.Period != "" {
		_, _ = w.WriteString(v.Period + "\n")
	}
	_ = w.WriteByte('\n')
	rows := [][]string{reviewHeader}
	for i, cells := range v.Rows {
		cells[0] = shown(cells[0])
		if i >= len(v.Rows)-v.Parts {
			cells[0] = "  " + cells[0]
		}
		rows = append(rows, cells)
	}
	writeTable(w, rows, nil)
	notes := len(r.Unmatched)
	for i, note := range v.Notes {
		if i == 0 || i == notes {
			_ = w.WriteByte('\n')
		}
		_, _ = w.WriteString(shown(note) + "\n")
	}
	return nil
}

func (t *textReview) end(team salestime.Review, strays []stray) error {
	if !t.acc.Owners {
		return nil
	}
	if t.n > 0 {
		_ = t.w.WriteByte('\n')
	}
	_, _ = t.w.WriteString("== Team ==\n\n")
	_, _ = t.w.WriteString(reviewSentence(team) + "\n\n")
	writeTable(t.w, [][]string{
		{"", "PLANNED", "ACTUAL", "DIFFERENCE", "OF PLAN", "", ""},
		reviewCells("Key customers", team.Key, t.cfg),
		reviewCells("Other customers and prospecting", team.Rest, t.cfg),
	}, nil)
	for i, s := range strays {
		if i == 0 {
			_ = t.w.WriteByte('\n')
		}
		_, _ = t.w.WriteString(shown(strayNote(s, t.unit)) + "\n")
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// A jsonReview writes one review as an object, or with owners an object
// of the reviews and the team's.
type jsonReview struct {
	w       *bufio.Writer
	acc     input
	reviews []ownerReview
}

type ownerReview struct {
	Owner  string           `json:"owner"`
	Review salestime.Review `json:"review"`
}

func (j *jsonReview) review(owner string, r salestime.Review) error {
	if j.acc.Owners {
		j.reviews = append(j.reviews, ownerReview{owner, r})
		return nil
	}
	return j.write(r)
}

// write writes v as indented JSON and a line feed.
func (j *jsonReview) write(v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, _ = j.w.Write(append(b, '\n')) // bufio.Writer keeps its error for Flush
	return nil
}

func (j *jsonReview) end(team salestime.Review, strays []stray) error {
	if !j.acc.Owners {
		return nil
	}
	without := make([]salestime.Unmatched, len(strays))
	for i, s := range strays {
		without[i] = salestime.Unmatched{Name: s.owner, Time: s.time}
	}
	return j.write(struct {
		Reviews               []ownerReview         `json:"reviews"`
		Team                  salestime.Review      `json:"team"`
		OwnersWithoutAccounts []salestime.Unmatched `json:"ownersWithoutAccounts"`
	}{orEmpty(j.reviews), team, without})
}

// orEmpty returns reviews, or an empty list for none, which JSON writes as [].
func orEmpty(reviews []ownerReview) []ownerReview {
	if reviews == nil {
		return []ownerReview{}
	}
	return reviews
}

// A csvReview writes one row per party of each review.
type csvReview struct {
	w      *csv.Writer
	owners bool
}

func (c *csvReview) review(owner string, r salestime.Review) error {
	add := func(kind, name string, planned, actual time.Duration, hasPlan bool) {
		record := []string{kind, salestime.SafeCell(name), "", hours(actual, false), ""}
		if hasPlan {
			record[2], record[4] = hours(planned, false), hours(actual-planned, true)
		}
		if c.owners {
			record = append([]string{salestime.SafeCell(owner)}, record...)
		}
		_ = c.w.Write(record) // kept for Flush
	}
	for _, l := range r.Lines {
		add("key", l.Name, l.Planned, l.Actual, true)
	}
	add("rest", restName, r.Rest.Planned, r.Rest.Actual, true)
	add("other", "other customers", 0, r.OtherCustomers, false)
	for _, u := range r.Unmatched {
		add("prospect", u.Name, 0, u.Time, false)
	}
	add("unassigned", "unassigned", 0, r.Unassigned, false)
	return c.w.Error()
}

func (c *csvReview) end(_ salestime.Review, strays []stray) error {
	for _, s := range strays {
		_ = c.w.Write([]string{salestime.SafeCell(s.owner), "no accounts", "", "", hours(s.time, false), ""}) // kept for Flush
	}
	c.w.Flush()
	return c.w.Error()
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
