package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
	"github.com/salestime/salestime/internal/exact"
	"github.com/salestime/salestime/internal/spool"
	"github.com/salestime/salestime/internal/textout"
)

// A renderer writes the groups of a run, one at a time, as they are made,
// so that the output of a long file need not be held in memory; then the
// team's summary, the sum of them all.
type renderer interface {
	// group writes g.
	group(g *salestime.Group) error
	// end writes what follows the last group, such as the team's summary.
	end() error
	// after returns what follows what was written to the output: the
	// plans that waited for the team's summary, or nil.
	after() *spool.Spool
	// remove removes the renderer's temporary files.
	remove()
}

// newRenderer returns the renderer of o's format, writing to w.
func newRenderer(w *bufio.Writer, o *options, acc salestime.Accounts) renderer {
	num := textout.NewNumbers(acc.Numbers, o.team.Step)
	// In text and html, a team's summary comes first: the plans wait.
	team := o.run.textOrHTML() && !o.run.review && (acc.Owners || o.run.summary)
	p := &pages{out: w, w: w, team: team}
	if team && !o.run.summary {
		p.plans = &spool.Spool{What: "the plans"}
		p.w = bufio.NewWriterSize(p.plans, 64<<10)
	}
	switch o.run.format {
	case "json":
		return &jsonRenderer{w: w, o: o, currency: acc.Currency}
	case "csv":
		return newCSVRenderer(w, o, acc)
	case "html":
		return &htmlRenderer{pages: p, o: o, num: num, owners: acc.Owners}
	case "ics":
		return newICSRenderer(w, o)
	}
	return &textRenderer{pages: p, o: o, num: num, owners: acc.Owners, unit: textout.Shown(o.unit)}
}

// pages are where text and html write: the plans to w, which is out or,
// for a team whose summary comes first, a spool copied to out after it.
type pages struct {
	out, w *bufio.Writer
	plans  *spool.Spool // nil where w is out
	team   bool         // the output opens with the team's summary
	n      int          // groups written
	total  salestime.Summary
}

// finish flushes the plans that wait for the summary, if they do.
func (p *pages) finish() error {
	if p.plans == nil {
		return nil
	}
	return p.w.Flush()
}

func (p *pages) after() *spool.Spool { return p.plans }

func (p *pages) remove() {
	if p.plans != nil {
		p.plans.Remove()
	}
}

// restName names the party that gets the time left after the key customers.
const restName = "other customers and prospecting"

// summaryCells returns the cells of a row of the team's summary after the
// owner's: customers, key customers, key revenue share, key time share and
// key amount, then the rest, or the other customers and prospecting.
func summaryCells(s salestime.Summary, num textout.Numbers, o *options) []string {
	row := []string{strconv.Itoa(s.Customers), strconv.Itoa(s.KeyCustomers),
		num.Percent(s.KeyRevenueShare), num.Percent(s.KeyTimeShare), num.Amount(s.Key)}
	if s.Mixed {
		row[2] = "" // revenues in several currencies have no share of a sum
	}
	switch {
	case o.run.visits:
		return append(row, num.Amount(s.B), num.Amount(s.C), num.Amount(s.Prospecting), num.Amount(s.Short))
	case o.team.Split:
		return append(row, num.Amount(s.Other), num.Amount(s.Prospecting))
	}
	return append(row, num.Amount(s.Rest))
}

// restHeads names the columns of the summary after the key customers':
// the parties of the rest, each followed by the unit.
func restHeads(o *options) []string {
	switch {
	case o.run.visits:
		return []string{"B", "C", "Prospecting", "Short"}
	case o.team.Split:
		return []string{"Other", "Prospecting"}
	}
	return []string{"Rest"}
}

// stray reports whether g is an owner of activities without a plan.
func stray(g *salestime.Group) bool {
	return g.Review != nil && g.Plan.Step.Sign() == 0
}

// A textRenderer writes, for each plan, a sentence, a table of the key
// customers and a line for the rest, or the plan by period; for each
// review a sentence, a table and notes; with owners, each under a
// heading, and the team's summary or review.
type textRenderer struct {
	*pages
	o      *options
	num    textout.Numbers
	owners bool
	unit   string // o.unit as shown

	summary textout.LongTable // the team's summary
	strays  []salestime.Group

	row textout.Row // the cells of a row of a plan's table, reused
}

func (t *textRenderer) group(g *salestime.Group) error {
	t.total.Add(*g)
	if stray(g) {
		t.strays = append(t.strays, *g)
		return nil
	}
	if t.team {
		var row salestime.Summary
		row.Add(*g)
		t.summary.Add(t.summaryRow(g.Name, row))
	}
	if t.o.run.summary {
		return nil
	}
	w := t.w
	if t.owners {
		if t.n > 0 {
			_ = w.WriteByte('\n') // bufio.Writer keeps its error for Flush
		}
		_, _ = w.WriteString("== " + textout.Shown(cmp.Or(g.Name, "(no owner)")) + " ==\n\n")
	}
	t.n++
	if g.Review != nil {
		t.review(g.Review)
		return nil
	}
	a, p := g.Allocation, g.Plan
	_, _ = w.WriteString(sentence(g, t.num, t.unit) + "\n")
	switch {
	case p.Periods != nil:
		_ = w.WriteByte('\n')
		t.spread(p)
		if p.Classes != nil {
			_, _ = w.WriteString("\n" + strings.Join(capacitySentences(p, t.num), "\n") + "\n")
		}
		return nil
	case len(a.Lines) > 0:
		_ = w.WriteByte('\n')
		t.table(g)
		if p.Classes == nil {
			_, _ = w.WriteString("\n" + restLine(g, t.num, t.unit, t.o) + "\n")
		}
	}
	if p.Classes != nil {
		t.visitsTable(p)
	}
	return nil
}

// summaryRow returns the cells of the row of owner in the summary.
func (t *textRenderer) summaryRow(owner string, s salestime.Summary) []string {
	return append([]string{textout.Shown(cmp.Or(owner, "(no owner)"))}, summaryCells(s, t.num, t.o)...)
}

func (t *textRenderer) remove() {
	t.pages.remove()
	t.summary.Remove()
}

func (t *textRenderer) end() error {
	if t.o.run.review {
		if t.owners {
			t.teamReview(t.total)
		}
		return nil
	}
	if t.n == 0 && !t.o.run.summary {
		_, _ = t.w.WriteString("No customers.\n")
	}
	if !t.summary.Empty() {
		if err := t.writeSummary(t.total); err != nil {
			return err
		}
	}
	return t.finish()
}

// writeSummary writes the team's summary: a row per salesperson, and the
// total.
func (t *textRenderer) writeSummary(total salestime.Summary) error {
	unit := textout.Shown(strings.ToUpper(t.o.unit))
	header := []string{"OWNER", "CUSTOMERS", "KEY CUSTOMERS", "KEY REVENUE", "KEY TIME", "KEY " + unit}
	for _, h := range restHeads(t.o) {
		header = append(header, strings.ToUpper(h)+" "+unit)
	}
	right := []bool{false, true, true, true, true, true, true, true, true, true}
	if err := t.summary.WriteTo(t.out, header, t.summaryRow("Total", total), right); err != nil {
		return err
	}
	if t.o.run.visits {
		_, _ = t.out.WriteString("\n" + teamCapacity(total, t.num) + "\n")
	}
	if !t.o.run.summary {
		_ = t.out.WriteByte('\n') // bufio.Writer keeps its error for Flush
	}
	return nil
}

// sentence returns the sentence that opens the plan of g, with numbers
// written in num, amounts in unit.
func sentence(g *salestime.Group, num textout.Numbers, unit string) string {
	a, p := g.Allocation, g.Plan
	switch {
	case g.Portfolio.Len() == 0:
		return fmt.Sprintf("No customers: all %s %s go to prospecting.", num.Amount(p.Budget), unit)
	case len(a.Lines) == 0:
		return fmt.Sprintf("No key customers among %d: all %s %s go to %s.", g.Portfolio.Len(), num.Amount(p.Budget), unit, restName)
	}
	key := p.Budget.Sub(p.Rest) // the key customers' amounts add up to it
	return fmt.Sprintf("Key customers bring %s of revenue; %s: %s of your time, %s of %s %s.",
		num.Percent(a.KeyRevenueShare), rules(a.Lines), num.Percent(a.KeyTimeShare), num.Amount(key), num.Amount(p.Budget), unit)
}

// restLine returns the line of the rest of the plan of g.
func restLine(g *salestime.Group, num textout.Numbers, unit string, o *options) string {
	p := g.Plan
	if o.team.Split {
		return fmt.Sprintf("Other customers: %s %s; prospecting: %s %s, %s of the rest.",
			num.Amount(p.Other), unit, num.Amount(p.Prospecting), unit, num.Percent(o.team.Prospecting))
	}
	return fmt.Sprintf("Other customers and prospecting: %s of your time, %s %s.", num.Percent(g.Allocation.RestTimeShare), num.Amount(p.Rest), unit)
}

// table writes the table of the key customers of g, with -top's first
// lines and one line for the others. It makes the cells of each line
// twice, once to measure and once to write, rather than hold every cell
// of a long table.
func (t *textRenderer) table(g *salestime.Group) {
	revenue := "REVENUE"
	if g.Currency != "" {
		revenue += " IN " + textout.Shown(g.Currency)
	}
	header := []string{"RANK", "CUSTOMER", revenue, "SHARE", "CUMULATIVE", "", "RULE", "TIME SHARE", "", textout.Shown(strings.ToUpper(t.o.unit))}
	right := []bool{true, false, true, true, true, false, false, true, false, true, true, true}
	p := g.Plan
	visits := p.Visit.Sign() > 0
	if visits {
		header = append(header, "VISITS")
		if !t.o.team.Period.From.IsZero() {
			header = append(header, "DAYS APART")
		}
	}
	lines, amounts := g.Allocation.Lines, p.Lines
	count := len(lines)
	if t.o.top > 0 && t.o.top < len(lines) {
		count = t.o.top
	}
	var cum textout.Cumulative
	c := &t.row
	cells := func(i int) *textout.Row {
		if i == count {
			more := others(lines[count:], amounts[count:], cum.Value(), t.num)
			if visits {
				var n int64
				for _, l := range amounts[count:] {
					v, _ := keyVisits(p, l.Amount, false, t.num)
					n += v
				}
				more = append(more, strconv.FormatInt(n, 10))
			}
			return c.Set(more...)
		}
		l, num := lines[i], t.num
		cum.Add(l.RevenueShare)
		c.Reset()
		c.B = strconv.AppendInt(c.B, int64(i+1), 10)
		c.End()
		c.Add(textout.Shown(l.Customer.Name))
		c.B = num.AppendRevenue(c.B, l.Customer.Revenue)
		c.End()
		c.B = num.AppendPercent(c.B, l.RevenueShare)
		c.End()
		c.B = cum.AppendPercent(c.B, num)
		c.End()
		c.B = textout.AppendBar(c.B, l.RevenueShare)
		c.End()
		c.Add(ruleWord(l.Customer))
		c.B = num.AppendPercent(c.B, l.TimeShare)
		c.End()
		c.B = textout.AppendBar(c.B, l.TimeShare)
		c.End()
		c.B = num.AppendAmount(c.B, amounts[i].Amount)
		c.End()
		if visits {
			n, every := keyVisits(p, amounts[i].Amount, !t.o.team.Period.From.IsZero(), num)
			c.Add(strconv.FormatInt(n, 10))
			if !t.o.team.Period.From.IsZero() {
				c.Add(every)
			}
		}
		return c
	}
	n := count
	if count < len(lines) {
		n++ // the line of the others
	}
	widths := c.Set(header...).Widen(nil)
	for i := range n {
		widths = cells(i).Widen(widths)
	}
	cum = textout.Cumulative{}
	textout.WriteRow(t.w, c.Set(header...), widths, right)
	for i := range n {
		textout.WriteRow(t.w, cells(i), widths, right)
	}
}

// others returns the cells of the line of the key customers after
// -top's first ones, whose revenue shares add up to cum, as the table of
// the key customers has them.
func others(lines []salestime.Line, amounts []salestime.PlanLine, cum decimal.Decimal, num textout.Numbers) []string {
	var revenue, share, timeShare, amount decimal.Decimal
	for i, l := range lines {
		revenue, share = revenue.Add(l.Customer.Revenue), share.Add(l.RevenueShare)
		timeShare, amount = timeShare.Add(l.TimeShare), amount.Add(amounts[i].Amount)
	}
	return []string{"", fmt.Sprintf("%d more key %s", len(lines), plural(len(lines), "customer", "customers")),
		num.Revenue(revenue), num.Percent(share), num.Percent(cum.Add(share)), textout.Bar(share),
		"", num.Percent(timeShare), textout.Bar(timeShare), num.Amount(amount)}
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
//
// It writes a row whose cells need no quotes itself, and hands one with a
// cell that may to encoding/csv: most rows have none, and a number need
// not be made a string to be written (BenchmarkCSVPlanRows: a plan's rows
// in half the time).
type csvRenderer struct {
	out    *bufio.Writer // the rows made by the renderer
	w      *csv.Writer   // the rows with a cell that may need quotes, flushed to out after each
	owners bool
	visits bool // a plan by visits: the columns class and visits
	point  byte
	row    []byte // the row being made, its cells separated by the delimiter
	ends   []int  // where each cell of row ends
	quotes bool   // a cell of row may need quotes
}

func newCSVRenderer(w *bufio.Writer, o *options, acc salestime.Accounts) *csvRenderer {
	c := &csvRenderer{out: w, w: csv.NewWriter(w), owners: acc.Owners || o.run.schedule, point: '.'}
	comma := textout.DecimalComma(acc.Numbers) && acc.Comma != ','
	if o.numbers {
		comma = textout.DecimalComma(o.accounts.Numbers)
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
	case o.run.visits:
		c.visits = true
		header = append(header, "class", "visits")
	}
	if c.owners {
		header = append([]string{"owner"}, header...)
	}
	for _, h := range header {
		c.cell(h)
	}
	c.endRow()
	return c
}

// cell adds s to the row being made.
func (c *csvRenderer) cell(s string) {
	c.sep()
	c.row = append(c.row, s...)
	c.endCell(mayNeedQuotes(s, byte(c.w.Comma)))
}

// num adds d to the row being made, as number writes it.
func (c *csvRenderer) num(d decimal.Decimal) {
	c.sep()
	start := len(c.row)
	c.row = c.appendNumber(c.row, d)
	c.endCell(mayNeedQuotes(c.row[start:], byte(c.w.Comma)))
}

// appendNumber appends d in plain notation with the places it has,
// whatever the decimal package's global settings say, and the renderer's
// decimal mark.
func (c *csvRenderer) appendNumber(b []byte, d decimal.Decimal) []byte {
	start := len(b)
	b = exact.AppendFixed(b, d, max(-d.Exponent(), 0))
	if c.point == ',' {
		if i := bytes.IndexByte(b[start:], '.'); i >= 0 {
			b[start+i] = ','
		}
	}
	return b
}

func (c *csvRenderer) sep() {
	if len(c.ends) > 0 {
		c.row = append(c.row, byte(c.w.Comma))
	}
}

// endCell ends the cell of the row being made, which may need quotes.
func (c *csvRenderer) endCell(quotes bool) {
	c.ends = append(c.ends, len(c.row))
	c.quotes = c.quotes || quotes
}

// mayNeedQuotes reports whether encoding/csv may write s in quotes, with
// comma as the delimiter: where it has the delimiter, a quote or a line
// break, begins with a space, a control character or a character beyond
// ASCII (which may be a space), or is \.
func mayNeedQuotes[S string | []byte](s S, comma byte) bool {
	if len(s) == 0 {
		return false
	}
	if s[0] <= ' ' || s[0] >= utf8.RuneSelf || string(s) == `\.` {
		return true
	}
	for i := range len(s) {
		switch s[i] {
		case comma, '"', '\r', '\n':
			return true
		}
	}
	return false
}

// endRow writes the row made, and starts the next.
func (c *csvRenderer) endRow() {
	if c.quotes {
		record := make([]string, len(c.ends))
		start := 0
		for i, end := range c.ends {
			record[i] = string(c.row[start:end])
			start = end + 1
		}
		_ = c.w.Write(record) // csv.Writer keeps its error for Flush
		c.w.Flush()
	} else {
		c.row = append(c.row, '\n')
		_, _ = c.out.Write(c.row) // bufio.Writer keeps its error for Flush
	}
	c.row, c.ends, c.quotes = c.row[:0], c.ends[:0], false
}

// number returns d as appendNumber writes it.
func (c *csvRenderer) number(d decimal.Decimal) string {
	return string(c.appendNumber(nil, d))
}

// write writes a record of the group of owner.
func (c *csvRenderer) write(owner string, cells ...string) {
	if c.owners {
		c.cell(safeCell(owner))
	}
	for _, s := range cells {
		c.cell(s)
	}
	c.endRow()
}

func (c *csvRenderer) group(g *salestime.Group) error {
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
		if c.visits {
			c.visitRow(g, i)
			continue
		}
		if c.owners {
			c.cell(safeCell(g.Name))
		}
		c.cell("key")
		c.sep()
		c.row = strconv.AppendInt(c.row, int64(i+1), 10)
		c.endCell(false)
		c.cell(safeCell(l.Customer.Name))
		c.num(l.Customer.Revenue)
		c.cell(strconv.FormatBool(l.Customer.New))
		c.cell(l.Rule.Name())
		c.num(l.RevenueShare)
		c.num(l.TimeShare)
		c.num(p.Lines[i].Amount)
		c.endRow()
	}
	if c.visits {
		c.otherRows(g)
		return c.w.Error()
	}
	restRevenue := "" // no revenue, no share of it
	if g.Portfolio.Len() > 0 {
		restRevenue = c.number(decimal.New(1, 0).Sub(a.KeyRevenueShare))
	}
	if p.Other.Sign() != 0 || p.Prospecting.Sign() != 0 {
		c.write(g.Name, "other", "", "other customers", "", "", "", restRevenue, "", c.number(p.Other))
		c.write(g.Name, "prospect", "", "prospecting", "", "", "", "", "", c.number(p.Prospecting))
		return c.w.Error()
	}
	c.write(g.Name, "rest", "", restName, "", "", "", restRevenue, c.number(a.RestTimeShare), c.number(p.Rest))
	return c.w.Error()
}

// review writes a row per party of the review of g, with the parts of the
// rest's actual time; or, for an owner without a plan, the time logged.
func (c *csvRenderer) review(g *salestime.Group) {
	r := g.Review
	if stray(g) {
		c.write(g.Name, "no accounts", "", "", hours(r.Logged, false), "")
		return
	}
	add := func(kind, name string, planned, actual time.Duration, hasPlan bool) {
		record := []string{kind, safeCell(name), "", hours(actual, false), ""}
		if hasPlan {
			record[2], record[4] = hours(planned, false), hours(actual-planned, true)
		}
		c.write(g.Name, record...)
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

func (c *csvRenderer) end() error {
	c.w.Flush()
	return c.w.Error()
}

func (c *csvRenderer) after() *spool.Spool { return nil }
func (c *csvRenderer) remove()             {}

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
	total    salestime.Summary
}

func (j *jsonRenderer) head() {
	head := struct {
		Unit     string `json:"unit"`
		Currency string `json:"currency,omitempty"`
		Selector string `json:"selector"`
		B        string `json:"b,omitempty"` // the selector of class B
	}{j.o.unit, j.currency, j.o.keyName, j.o.bName}
	b, _ := json.Marshal(head) // strings always marshal
	_, _ = j.w.Write(b[:len(b)-1])
	_, _ = j.w.WriteString(`,"plans":[`) // bufio.Writer keeps its error for Flush
}

func (j *jsonRenderer) group(g *salestime.Group) error {
	j.total.Add(*g)
	if j.n == 0 {
		j.head()
	} else {
		_ = j.w.WriteByte(',')
	}
	j.n++
	_ = j.w.WriteByte('\n') // bufio.Writer keeps its error for Flush
	return g.WriteJSON(j.w)
}

func (j *jsonRenderer) end() error {
	if j.n == 0 {
		j.head()
	}
	b, err := j.total.MarshalJSON()
	if err != nil {
		return err
	}
	_, _ = j.w.WriteString("\n],\n\"summary\":")
	_, _ = j.w.Write(b)
	_, _ = j.w.WriteString("}\n")
	return nil
}

func (j *jsonRenderer) after() *spool.Spool { return nil }
func (j *jsonRenderer) remove()             {}
