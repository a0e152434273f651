package salestime

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// A RowReader is a source of rows of text, such as a CSV file or a sheet
// of a workbook, for [ReadAccounts]. A *csv.Reader is one.
type RowReader interface {
	// Read returns the next row, or nil and io.EOF after the last one.
	Read() (record []string, err error)

	// FieldPos returns the line of a text file, or the row of a sheet, on
	// which field of the row last read starts, counted from 1, and its
	// column. The readers of this package use the line only.
	FieldPos(field int) (line, column int)
}

// ReadOptions says how [ReadAccounts] and [ReadAccountsCSV] read a table
// of accounts. The zero ReadOptions reads the columns named after the
// fields, decides the number format from the values, and refuses a name
// that appears twice.
type ReadOptions struct {
	// File names the input in errors, such as "accounts.csv"; it may be
	// empty.
	File string

	// Sheet, if not empty, names the sheet of a workbook that the rows come
	// from: errors name it, and a row and a column letter where they would
	// name a line and a column number.
	Sheet string

	// Columns maps fields to the headers of the columns that hold them, as
	// in {"name": "Account Name", "revenue": "Amount"}. The fields are:
	//   - name: the customer, required;
	//   - revenue: a number, with a currency or without, required;
	//   - new and key: [Customer.New] and [Customer.Key], true, false,
	//     yes, no, 1 or 0, Excel's TRUE and FALSE in English, German,
	//     Polish, French, Spanish, Italian, Dutch and Portuguese (WAHR,
	//     PRAWDA, VRAI, VERDADERO, VERO, WAAR, VERDADEIRO and their
	//     FALSE), or x or ✓ for true, in any case; empty is false;
	//   - owner: the salesperson, to read one portfolio per owner;
	//   - currency: an ISO 4217 code or a currency sign.
	// A field not in Columns is read from the column whose header is the
	// field's name. Headers match without regard to case or surrounding
	// spaces; the table may have other columns.
	Columns map[string]string

	// Require lists the optional fields that must have a column, such as
	// "key" where a [Marked] selector will pick the key customers. A field
	// in Columns must have a column too.
	Require []string

	// Numbers is the number format of the revenues. If it is empty, the
	// format is decided once for the column, from all its values, never
	// value by value: a value with both a decimal and a group mark, with a
	// mark twice, or with a mark followed by other than three digits, such
	// as 1.234,56, 1,234,567 or 12,5, rules out the formats it does not
	// fit, and every value must fit the format left. A column whose values
	// all fit two formats that read one of them differently, such as
	// 126.500 (126500 or 126.5), is refused with [ErrAmbiguousNumber].
	Numbers NumberFormat

	// Sum reports whether rows with the same name, within an owner, are
	// one customer whose revenue is their sum, as in a list of deals. The
	// customer is new, or marked key, if any of its rows says so. Without
	// Sum, a name that appears twice is an error.
	Sum bool
}

// Accounts are the customers read from a table, with what the reader
// found out about it.
type Accounts struct {
	// Groups holds one group per owner, in byte order of the owners, if
	// the table has an owner column; otherwise one group with an empty
	// name that holds every customer.
	Groups []Group

	// Owners reports whether the table has an owner column.
	Owners bool

	// Currency is the currency of the revenues, as an ISO 4217 code such
	// as "EUR", or as the sign the table writes where it names several
	// currencies, such as "$"; empty if the table names none.
	Currency string

	// Numbers is the number format of the revenues: the one asked for, or
	// the plainest one that the values fit; empty if they fit formats
	// with both decimal marks, as whole numbers do.
	Numbers NumberFormat
}

// A Group is the portfolio of the customers that share a value of a
// grouping column, such as the accounts of one salesperson. The zero Group
// has an empty name and the empty portfolio.
type Group struct {
	// Name is the value of the grouping column, without surrounding spaces;
	// it may be empty.
	Name string

	// Portfolio holds the customers of the group.
	Portfolio Portfolio
}

// ReadAccounts reads accounts from rows of text, such as the rows of a
// sheet of a workbook, as [ReadOptions] says. The first row that is not
// blank is the header; blank rows are skipped. Every cell is read without
// surrounding white space.
//
// ReadAccounts returns no accounts and an error if:
//   - an option is not one of those ReadOptions lists: [ErrInvalidOption];
//   - a header names a column twice, or a row has another number of cells
//     than the header: [ErrInvalidCSV];
//   - the table lacks a column it needs: a [*ColumnError], which wraps
//     [ErrInvalidCSV];
//   - a name is blank or not a name [NewPortfolio] takes, or new or key is
//     not one of the values ReadOptions lists: [ErrInvalidCustomer];
//   - a revenue is not a number in the format, is negative or outside the
//     bounds [MaxPlaces] and [MaxIntegerDigits], or the table names two
//     currencies: [ErrInvalidRevenue];
//   - the number format cannot be decided: [ErrAmbiguousNumber];
//   - without Sum, two rows of one owner have the same name:
//     [ErrDuplicateCustomer];
//   - reading the rows fails: that error.
//
// Every bad row is reported as a [*RowError], up to 20 of them in the
// order of the table, joined with [errors.Join], and then a line that says
// how many more there are.
func ReadAccounts(rows RowReader, opts ReadOptions) (Accounts, error) {
	s, err := opts.spec()
	if err != nil {
		return Accounts{}, err
	}
	return readAccounts(rows, opts, s)
}

// maxRowErrors is the most bad rows a reader reports.
const maxRowErrors = 20

// The fields of an accounts table, in the order of ReadOptions.Columns.
const (
	fieldName = iota
	fieldRevenue
	fieldNew
	fieldKey
	fieldOwner
	fieldCurrency
	numFields
)

var fieldNames = [numFields]string{"name", "revenue", "new", "key", "owner", "currency"}

// A tableSpec is what a reader looks for in a table: for each field, the
// header of its column and whether it must have one.
type tableSpec struct {
	headers  [numFields]string // normalised, as header cells are
	required [numFields]bool
	formats  formatSet
}

// normalHeader returns a header as headers are matched.
func normalHeader(s string) string {
	return strings.ToLower(trimSpace(s))
}

// Check returns the error that the readers return for o, wrapping
// [ErrInvalidOption], or nil if they take it, as a program checks options
// before it has a table to read.
func (o ReadOptions) Check() error {
	_, err := o.spec()
	return err
}

// spec checks o and returns what it asks to look for.
func (o ReadOptions) spec() (tableSpec, error) {
	s := tableSpec{headers: fieldNames}
	s.required[fieldName], s.required[fieldRevenue] = true, true
	index := func(field string) (int, error) {
		f := slices.Index(fieldNames[:], normalHeader(field))
		if f < 0 {
			return 0, fmt.Errorf("%w: %q is not a field; the fields are %s", ErrInvalidOption, field, strings.Join(fieldNames[:], ", "))
		}
		return f, nil
	}
	for _, field := range slices.Sorted(maps.Keys(o.Columns)) {
		f, err := index(field)
		if err != nil {
			return tableSpec{}, err
		}
		h := normalHeader(o.Columns[field])
		if h == "" {
			return tableSpec{}, fmt.Errorf("%w: the column of %s has a blank header", ErrInvalidOption, fieldNames[f])
		}
		s.headers[f], s.required[f] = h, true
	}
	for f, h := range s.headers {
		if g := slices.Index(s.headers[:], h); g != f {
			return tableSpec{}, fmt.Errorf("%w: %s and %s are both read from the column %q",
				ErrInvalidOption, fieldNames[g], fieldNames[f], h)
		}
	}
	for _, field := range o.Require {
		f, err := index(field)
		if err != nil {
			return tableSpec{}, err
		}
		s.required[f] = true
	}
	if _, err := ParseNumberFormat(string(o.Numbers)); err != nil {
		return tableSpec{}, err
	}
	s.formats, _ = formatOf(o.Numbers)
	return s, nil
}

// A header is where the fields of a table are: at[f] is the column of
// field f, -1 where it has none.
type header struct {
	line  int
	cells []string // as written, trimmed
	at    [numFields]int
}

// matches reports whether cells, a header row, has a column for each field
// that s requires.
func (s *tableSpec) matches(cells []string) bool {
	for f, h := range s.headers {
		if s.required[f] && !slices.ContainsFunc(cells, func(c string) bool { return normalHeader(c) == h }) {
			return false
		}
	}
	return true
}

// A table reads the rows of one input, and reports its errors.
type table struct {
	rows  RowReader
	file  string
	sheet string
	errs  []*RowError
}

// next returns the next row that is not blank, with its cells trimmed, and
// its line; io.EOF after the last.
func (t *table) next() ([]string, int, error) {
	for {
		record, err := t.rows.Read()
		if err != nil {
			var re *RowError
			if errors.As(err, &re) {
				re.File, re.Sheet = t.file, t.sheet
			}
			return nil, 0, err
		}
		blank := true
		for i, cell := range record {
			if cell = trimSpace(cell); cell != "" {
				blank = false
			}
			record[i] = cell
		}
		if !blank {
			line, _ := t.rows.FieldPos(0)
			return record, line, nil
		}
	}
}

// header reads the header and finds the columns of s in it.
func (t *table) header(s *tableSpec) (header, error) {
	cells, line, err := t.next()
	if errors.Is(err, io.EOF) {
		return header{}, t.rowError(0, 0, nil, "", ErrInvalidCSV, "no header row")
	}
	if err != nil {
		return header{}, err
	}
	h := header{line: line, cells: slices.Clone(cells)}
	for f := range h.at {
		h.at[f] = -1
	}
	for i, cell := range cells {
		f := slices.Index(s.headers[:], normalHeader(cell))
		if f < 0 || cell == "" {
			continue
		}
		if h.at[f] >= 0 {
			return header{}, t.rowError(line, i+1, cells, "", ErrInvalidCSV, "the header names the column %q twice", cell)
		}
		h.at[f] = i
	}
	missing := &ColumnError{File: t.file, Sheet: t.sheet, Line: line, Headers: h.cells}
	for f, at := range h.at {
		if at < 0 && s.required[f] {
			missing.Fields = append(missing.Fields, fieldNames[f])
			missing.looked = append(missing.looked, s.headers[f])
		}
	}
	if len(missing.Fields) > 0 {
		return header{}, missing
	}
	return h, nil
}

// rowError returns the error of a row at line, of the cell in column col
// (from 1; 0 for the whole row) under the header cells, on the row of
// customer.
func (t *table) rowError(line, col int, headers []string, customer string, kind error, format string, args ...any) *RowError {
	e := &RowError{File: t.file, Sheet: t.sheet, Line: line, Column: col, Customer: customer,
		Err: &problem{kind: kind, msg: fmt.Sprintf(format, args...)}}
	if col > 0 && col <= len(headers) {
		e.Header = headers[col-1]
	}
	return e
}

// fail records a bad row.
func (t *table) fail(e *RowError) {
	t.errs = append(t.errs, e)
}

// err returns the bad rows recorded, up to maxRowErrors of them in the
// order of the table, and a line that says how many more; or nil.
func (t *table) err() error {
	if len(t.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(t.errs, func(a, b *RowError) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	if len(t.errs) == 1 {
		return t.errs[0]
	}
	n := min(len(t.errs), maxRowErrors)
	errs := make([]error, n, n+1)
	for i, e := range t.errs[:n] {
		errs[i] = e
	}
	if more := len(t.errs) - n; more > 0 {
		where := "salestime: "
		if t.file != "" {
			where += t.file + ": "
		}
		errs = append(errs, fmt.Errorf("%sand %d more bad %s", where, more, plural(more, "row", "rows")))
	}
	return errors.Join(errs...)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// An accountRow is a row of an accounts table, checked but for its
// revenue, which needs the whole column.
type accountRow struct {
	line     int
	name     string
	owner    string
	currency string // from the currency column
	revenue  amount
	new, key bool
}

// readAccounts is ReadAccounts, with the columns s says, which may read a
// field from no column: one with an empty header.
func readAccounts(rows RowReader, opts ReadOptions, s tableSpec) (Accounts, error) {
	t := &table{rows: rows, file: opts.File, sheet: opts.Sheet}
	h, err := t.header(&s)
	if err != nil {
		return Accounts{}, err
	}
	var list []accountRow
	for {
		cells, line, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if t.err() != nil {
				return Accounts{}, errors.Join(t.err(), err)
			}
			return Accounts{}, err
		}
		if row, ok := t.accountRow(&h, cells, line); ok {
			list = append(list, row)
		}
	}
	acc := Accounts{Owners: h.at[fieldOwner] >= 0}
	point := t.decideNumbers(&h, list, s.formats, &acc)
	acc.Currency = t.decideCurrency(&h, list)
	customers := make([]Customer, len(list))
	for i := range list {
		customers[i] = t.customer(&h, &list[i], point)
	}
	groups := t.group(list, customers, opts.Sum)
	if err := t.err(); err != nil {
		return Accounts{}, err
	}
	for _, g := range groups {
		p, err := NewPortfolio(g.customers...)
		if err != nil {
			return Accounts{}, err
		}
		acc.Groups = append(acc.Groups, Group{Name: g.name, Portfolio: p})
	}
	if !acc.Owners && len(acc.Groups) == 0 {
		acc.Groups = []Group{{}}
	}
	return acc, nil
}

// accountRow reads the row of cells at line under h, and reports whether
// it is good so far; if not, it records why.
func (t *table) accountRow(h *header, cells []string, line int) (accountRow, bool) {
	row := accountRow{line: line}
	if h.at[fieldName] < len(cells) {
		row.name = cells[h.at[fieldName]]
	}
	if t.sheet != "" {
		// A sheet has no short rows: its cells are where they are, and
		// those past the header's last have no column.
		for len(cells) < len(h.cells) {
			cells = append(cells, "")
		}
		cells = cells[:len(h.cells)]
	}
	if len(cells) != len(h.cells) {
		t.fail(t.rowError(line, 0, nil, row.name, ErrInvalidCSV, "the row has %d cells, the header %d", len(cells), len(h.cells)))
		return accountRow{}, false
	}
	ok := true
	if err := checkName(row.name); err != nil {
		t.fail(t.rowError(line, h.at[fieldName]+1, h.cells, "", ErrInvalidCustomer, "%v", err))
		row.name, ok = "", false
	}
	row.revenue = readAmount(cells[h.at[fieldRevenue]])
	for _, f := range []struct {
		field int
		to    *bool
	}{{fieldNew, &row.new}, {fieldKey, &row.key}} {
		if h.at[f.field] < 0 {
			continue
		}
		v, good := parseBool(cells[h.at[f.field]])
		if !good {
			t.fail(t.rowError(line, h.at[f.field]+1, h.cells, row.name, ErrInvalidCustomer,
				"%s %s is not true, false, yes, no, 1, 0, x or Excel's TRUE or FALSE", fieldNames[f.field], quoteText(cells[h.at[f.field]])))
			ok = false
		}
		*f.to = v
	}
	if at := h.at[fieldOwner]; at >= 0 {
		row.owner = cells[at]
	}
	if at := h.at[fieldCurrency]; at >= 0 {
		cur, good := readCurrency(cells[at])
		if !good {
			t.fail(t.rowError(line, at+1, h.cells, row.name, ErrInvalidRevenue,
				"currency %s is not an ISO 4217 code or a currency sign", quoteText(cells[at])))
			ok = false
		}
		row.currency = cur
	}
	return row, ok
}

// decideNumbers decides the number format of the revenues in rows, of the
// formats in allowed, sets acc.Numbers, and returns the decimal mark; it
// records the rows that do not fit.
func (t *table) decideNumbers(h *header, rows []accountRow, allowed formatSet, acc *Accounts) byte {
	col := h.at[fieldRevenue] + 1
	set := allowed
	decidedBy := -1 // the row that last narrowed set
	for i := range rows {
		r := &rows[i]
		a := &r.revenue
		switch {
		case a.text == "":
			t.fail(t.rowError(r.line, col, h.cells, r.name, ErrInvalidRevenue, "the revenue is blank"))
		case a.fits == 0:
			t.fail(t.rowError(r.line, col, h.cells, r.name, ErrInvalidRevenue, "revenue %s is not a number", quoteText(a.text)))
		case a.fits&allowed == 0:
			t.fail(t.rowError(r.line, col, h.cells, r.name, ErrInvalidRevenue,
				"revenue %s is not a number in the format %s", quoteText(a.text), allowed.plainest()))
			a.fits = 0
		case a.fits&set == 0:
			d := &rows[decidedBy] // set has been narrowed, or a would not fit allowed
			t.fail(t.rowError(r.line, col, h.cells, r.name, ErrInvalidRevenue,
				"revenue %s does not fit the number format that line %d, %s, shows (%s)",
				quoteText(a.text), d.line, quoteText(d.revenue.text), set.names()))
			return '.' // the column has no one format: nothing more to say of it
		case a.fits&set != set:
			set &= a.fits
			decidedBy = i
		}
	}
	acc.Numbers = set.plainest()
	if set&pointFormats == 0 {
		return ','
	}
	if set&^pointFormats != 0 {
		// Both decimal marks are left: a value with a mark may read two
		// ways.
		for _, r := range rows {
			if r.revenue.fits != 0 && r.revenue.marked && r.revenue.reading(',') != r.revenue.reading('.') {
				t.fail(t.rowError(r.line, col, h.cells, r.name, ErrAmbiguousNumber,
					"revenue %s is %s with a decimal comma and %s with a decimal point, "+
						"and no value of the column tells which: the number format must be given",
					quoteText(r.revenue.text), r.revenue.reading(','), r.revenue.reading('.')))
				break
			}
		}
	}
	return '.'
}

// decideCurrency returns the one currency of the revenues and the currency
// column of rows, or records the first row that names another.
func (t *table) decideCurrency(h *header, rows []accountRow) string {
	cur, from, fromCol := "", 0, 0
	for _, r := range rows {
		for _, c := range []struct {
			code string
			col  int
		}{{r.revenue.currency, h.at[fieldRevenue] + 1}, {r.currency, h.at[fieldCurrency] + 1}} {
			if c.code == "" {
				continue
			}
			same, ok := sameCurrency(cur, c.code)
			if !ok {
				t.fail(t.rowError(r.line, c.col, h.cells, r.name, ErrInvalidRevenue,
					"the currency is %s, and on line %d, column %d, %s: revenues in two currencies do not add up",
					c.code, from, fromCol, cur))
				return ""
			}
			if same != cur {
				cur, from, fromCol = same, r.line, c.col
			}
		}
	}
	return cur
}

// customer returns the customer of row, its revenue read with the decimal
// mark point, or records why it has none.
func (t *table) customer(h *header, row *accountRow, point byte) Customer {
	c := Customer{Name: row.name, New: row.new, Key: row.key}
	a := row.revenue
	if a.fits == 0 {
		return c
	}
	fail := func(format string, args ...any) Customer {
		t.fail(t.rowError(row.line, h.at[fieldRevenue]+1, h.cells, row.name, ErrInvalidRevenue, format, args...))
		return Customer{Name: c.Name}
	}
	v, err := a.value(point)
	if err == nil {
		err = checkPlaces(v)
	}
	switch {
	case err != nil:
		return fail("revenue %v", err)
	case v.Sign() < 0:
		return fail("revenue %s is negative", quoteText(a.text))
	}
	c.Revenue = v
	return c
}

// A groupOf is the customers of one owner.
type groupOf struct {
	name      string
	customers []Customer
}

// group returns customers, one for each of rows, by owner in byte order
// of the owners. With sum, customers of one owner with the same name are
// added up; without, it records the later one as a duplicate.
func (t *table) group(rows []accountRow, customers []Customer, sum bool) []groupOf {
	type at struct{ group, index, line int }
	owners := map[string]int{}
	var groups []groupOf
	seen := make(map[[2]string]at, len(rows))
	for i, r := range rows {
		if r.name == "" {
			continue // a blank name, already reported
		}
		g, ok := owners[r.owner]
		if !ok {
			g = len(groups)
			owners[r.owner] = g
			groups = append(groups, groupOf{name: r.owner})
		}
		id := [2]string{r.owner, r.name}
		first, dup := seen[id]
		switch {
		case !dup:
			seen[id] = at{g, len(groups[g].customers), r.line}
			groups[g].customers = append(groups[g].customers, customers[i])
		case sum:
			c := &groups[g].customers[first.index]
			c.Revenue = c.Revenue.Add(customers[i].Revenue)
			c.New = c.New || customers[i].New
			c.Key = c.Key || customers[i].Key
			if err := checkPlaces(c.Revenue); err != nil {
				t.fail(t.rowError(r.line, 0, nil, r.name, ErrInvalidRevenue, "the revenues up to this row add up to more than the bounds allow: %v", err))
			}
		default:
			t.fail(t.rowError(r.line, 0, nil, r.name, ErrDuplicateCustomer,
				"the name is also on line %d", first.line))
		}
	}
	slices.SortFunc(groups, func(a, b groupOf) int { return strings.Compare(a.name, b.name) })
	return groups
}

// parseBool reads a boolean as ReadOptions lists them.
func parseBool(s string) (v, ok bool) {
	switch strings.ToLower(trimSpace(s)) {
	case "true", "yes", "1", "x", "✓", "✔",
		"wahr", "prawda", "vrai", "verdadero", "vero", "waar", "verdadeiro":
		return true, true
	case "false", "no", "0", "",
		"falsch", "fałsz", "faux", "falso", "onwaar":
		return false, true
	}
	return false, false
}

// A problem is what was wrong with a value: words that say it, and the
// sentinel it wraps.
type problem struct {
	kind error
	msg  string
}

func (p *problem) Error() string { return p.msg }
func (p *problem) Unwrap() error { return p.kind }

// A RowError is a bad row of a table that a reader reads, or a bad value
// in it, such as a revenue that is not a number. Its Err wraps one of the
// package's sentinels.
type RowError struct {
	File     string // the input, as [ReadOptions.File] names it; may be empty
	Sheet    string // the sheet, for rows of a workbook
	Line     int    // the line of a text file or the row of a sheet, counted from 1
	Column   int    // the column, counted from 1; 0 for the whole row
	Header   string // the header of the column, as written
	Customer string // the name on the row, where it has one
	Err      error  // what is wrong
}

// Error returns the error as in
// `salestime: accounts.csv, line 3, column 2 "Revenue", customer "Acme": revenue "12x" is not a number`.
func (e *RowError) Error() string {
	var parts []string
	if w := where(e.File, e.Sheet, e.Line); w != "" {
		parts = append(parts, w)
	}
	if e.Column > 0 {
		col := "column " + strconv.Itoa(e.Column)
		if e.Sheet != "" {
			col = "column " + columnLetters(e.Column)
		}
		if e.Header != "" {
			col += " " + quoteText(e.Header)
		}
		parts = append(parts, col)
	}
	if e.Customer != "" {
		parts = append(parts, "customer "+quoteText(e.Customer))
	}
	msg := "salestime: "
	if len(parts) > 0 {
		msg += strings.Join(parts, ", ") + ": "
	}
	if e.Err != nil {
		msg += e.Err.Error()
	}
	return msg
}

// Unwrap returns e.Err.
func (e *RowError) Unwrap() error { return e.Err }

// where names a place in an input, as in "accounts.csv, line 3".
func where(file, sheet string, line int) string {
	var parts []string
	if file != "" {
		parts = append(parts, file)
	}
	if sheet != "" {
		parts = append(parts, "sheet "+quoteText(sheet))
	}
	switch {
	case line <= 0:
	case sheet != "":
		parts = append(parts, fmt.Sprintf("row %d", line))
	default:
		parts = append(parts, fmt.Sprintf("line %d", line))
	}
	return strings.Join(parts, ", ")
}

// columnLetters returns the letters of the col-th column of a sheet: A for
// 1, Z for 26, AA for 27.
func columnLetters(col int) string {
	var b []byte
	for ; col > 0; col = (col - 1) / 26 {
		b = append(b, byte('A'+(col-1)%26))
	}
	slices.Reverse(b)
	return string(b)
}

// A ColumnError reports that a table lacks a column a reader needs. It
// wraps [ErrInvalidCSV].
type ColumnError struct {
	File    string   // the input, as [ReadOptions.File] names it; may be empty
	Sheet   string   // the sheet, for rows of a workbook
	Line    int      // the line or row of the header
	Fields  []string // the fields without a column, such as "revenue"
	Headers []string // the headers of the table, as written

	looked []string // the header looked for, for each of Fields
}

// Error returns the error as in `salestime: deals.csv, line 1: no column
// "revenue" for the revenue; the header has "Account Name", "Amount"`.
func (e *ColumnError) Error() string {
	var b strings.Builder
	b.WriteString("salestime: ")
	if w := where(e.File, e.Sheet, e.Line); w != "" {
		b.WriteString(w + ": ")
	}
	b.WriteString("no column ")
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString(", ")
		}
		h := f
		if i < len(e.looked) {
			h = e.looked[i]
		}
		fmt.Fprintf(&b, "%s for the %s", quoteText(h), f)
	}
	b.WriteString("; the header has ")
	for i, h := range e.Headers {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteText(h))
	}
	return b.String()
}

// Unwrap returns [ErrInvalidCSV].
func (e *ColumnError) Unwrap() error { return ErrInvalidCSV }
