package salestime

// The reading of tables of text, whatever they hold: options checked into
// a spec, the header matched, rows trimmed, and bad rows reported.

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
	fieldB
)

var accountFields = []string{"name", "revenue", "new", "key", "owner", "currency", "b"}

// A tableSpec is what a reader looks for in a table: for each field, the
// header of its column and whether it must have one.
type tableSpec struct {
	fields   []string // the names of the fields
	headers  []string // normalised, as header cells are; empty for none
	required []bool
	fill     []bool // blank cells take the value above
	formats  formatSet
}

// normalHeader returns a header as headers are matched.
func normalHeader(s string) string {
	return strings.ToLower(trimSpace(s))
}

// A RowReader is a source of rows of text, such as a sheet of a workbook,
// for the readers of this package; [CSVRows] makes one of CSV text. A
// *csv.Reader is one.
type RowReader interface {
	// Read returns the next row, or nil and io.EOF after the last one.
	Read() (record []string, err error)

	// FieldPos returns the line of a text file, or the row of a sheet, on
	// which field of the row last read starts, counted from 1, and its
	// column. The readers of this package use the line only.
	FieldPos(field int) (line, column int)
}

// ReadOptions says how [ReadAccounts], [ReadActivities] and [ReadBudgets]
// read a table. The zero ReadOptions reads the columns named after the
// fields, decides the number format from the values, refuses a name that
// appears twice, and reads durations as hours and dates in ISO form.
type ReadOptions struct {
	// File names the input in errors, such as "accounts.csv"; it may be
	// empty.
	File string

	// Sheet, if not empty, names the sheet of a workbook that the rows come
	// from: errors name it, and a row and a column letter where they would
	// name a line and a column number.
	Sheet string

	// Columns maps fields to the headers of the columns that hold them, as
	// in {"name": "Account Name", "revenue": "Amount"}. The fields of an
	// accounts table are:
	//   - name: the customer, required;
	//   - revenue: a number, with a currency or without, required; a dash
	//     with a currency sign, "$ -" or "- €", is zero, as a spreadsheet's
	//     accounting format writes it;
	//   - new, key and b: [Customer.New], [Customer.Key] and [Customer.B],
	//     true, false, yes, no, 1 or 0, Excel's TRUE and FALSE in English,
	//     German, Polish, French, Spanish, Italian, Dutch and Portuguese
	//     (WAHR, PRAWDA, VRAI, VERDADERO, VERO, WAAR, VERDADEIRO and their
	//     FALSE), or x or ✓ for true, in any case; empty is false;
	//   - owner: the salesperson, to read one portfolio per owner;
	//   - currency: an ISO 4217 code or a currency sign.
	// Those of an activity log are customer and duration, required, and
	// date and owner (see [ReadActivities]); those of a table of budgets
	// are owner and budget, both required (see [ReadBudgets]).
	//
	// A field not in Columns is read from the column whose header is the
	// field's name. Headers match without regard to case or surrounding
	// spaces; the table may have other columns.
	Columns map[string]string

	// Require lists the optional fields that must have a column, such as
	// "key" where a [Marked] selector will pick the key customers. A field
	// in Columns must have a column too.
	Require []string

	// Numbers is the number format of the column of numbers: revenues,
	// durations or budgets, named by how it writes one thousand two
	// hundred and thirty-four and 56 hundredths:
	//   - "1234.56": a decimal point, no grouping;
	//   - "1234,56": a decimal comma, no grouping;
	//   - "1,234.56": a decimal point, digits grouped by commas;
	//   - "1.234,56": a decimal comma, digits grouped by points;
	//   - "1 234,56": a decimal comma, digits grouped by spaces,
	//     non-breaking spaces or narrow non-breaking spaces;
	//   - "1 234.56": a decimal point, digits grouped by spaces, as above;
	//   - "1'234.56": a decimal point, digits grouped by apostrophes.
	// Grouping is by threes, and optional: 1234,56 is written in the format
	// "1.234,56" too.
	//
	// If Numbers is empty, or "auto", the format is decided once for the
	// column, from all its values, never value by value: a value with both
	// a decimal and a group mark, with a mark twice, or with a mark
	// followed by other than three digits, such as 1.234,56, 1,234,567 or
	// 12,5, rules out the formats it does not fit, and every value must
	// fit the format left. A column whose values all fit two formats that
	// read one of them differently, such as 126.500 (126500 or 126.5), is
	// refused with [ErrAmbiguousNumber].
	Numbers string

	// FillDown lists the fields of an accounts table, name or owner, whose
	// blank cells take the value of the nearest cell above that has one, as
	// a report grouped by that field writes it on each group's first row
	// only. Each must have a column.
	FillDown []string

	// Sum reports whether rows of an accounts table with the same name,
	// within an owner, are one customer whose revenue is their sum, as in
	// a list of deals or invoices. The customer is new, or marked key or B, if
	// any of its rows says so. With Sum, a row may be negative, as a
	// credit note is, written -200.00 or (200.00), as long as each
	// customer's sum is not. Without Sum, a name that appears twice is an
	// error, and so is a negative revenue.
	Sum bool

	// Minutes reports whether the durations of an activity log written as
	// numbers are minutes rather than hours.
	Minutes bool

	// Dates says how an activity log writes dates other than ISO 8601's
	// 2027-03-04, which is always read: "" reads ISO dates only; "dmy"
	// reads day, month and year, as in 04.03.2027, 04/03/2027 or
	// 04-03-2027; "mdy" reads month, day and year, as in 03/04/2027. A
	// date may be followed by a time of day after a space or a T, as CRMs
	// export them; the time is ignored.
	Dates string
}

// accountSpec checks o for an accounts table and returns what it asks to
// look for.
func (o ReadOptions) accountSpec() (tableSpec, error) {
	s, err := newSpec(accountFields, o.Columns, append(slices.Clip(o.Require), o.FillDown...), o.Numbers)
	if err != nil {
		return tableSpec{}, err
	}
	s.fill = make([]bool, len(s.fields))
	for _, field := range o.FillDown {
		switch f := normalHeader(field); f {
		case "name", "owner":
			s.fill[slices.Index(s.fields, f)] = true
		default:
			return tableSpec{}, fmt.Errorf("%w: %q cannot be filled down: only name and owner can", ErrInvalidOption, field)
		}
	}
	return s, nil
}

// newSpec returns the spec of a table of fields, the first two of which
// must have a column, read from the columns named after them or as columns
// maps them; the fields in require must have a column too.
func newSpec(fields []string, columns map[string]string, require []string, numbers string) (tableSpec, error) {
	s := tableSpec{fields: fields, headers: slices.Clone(fields), required: make([]bool, len(fields))}
	s.required[0], s.required[1] = true, true
	index := func(field string) (int, error) {
		f := slices.Index(fields, normalHeader(field))
		if f < 0 {
			return 0, fmt.Errorf("%w: %q is not a field; the fields are %s", ErrInvalidOption, field, strings.Join(fields, ", "))
		}
		return f, nil
	}
	for _, field := range slices.Sorted(maps.Keys(columns)) {
		f, err := index(field)
		if err != nil {
			return tableSpec{}, err
		}
		h := normalHeader(columns[field])
		if h == "" {
			return tableSpec{}, fmt.Errorf("%w: the column of %s has a blank header", ErrInvalidOption, fields[f])
		}
		s.headers[f], s.required[f] = h, true
	}
	for f, h := range s.headers {
		if g := slices.Index(s.headers, h); g != f {
			return tableSpec{}, fmt.Errorf("%w: %s and %s are both read from the column %q",
				ErrInvalidOption, fields[g], fields[f], h)
		}
	}
	for _, field := range require {
		f, err := index(field)
		if err != nil {
			return tableSpec{}, err
		}
		s.required[f] = true
	}
	if _, err := parseNumberFormat(numbers); err != nil {
		return tableSpec{}, err
	}
	s.formats, _ = formatOf(numbers)
	return s, nil
}

// A header is where the fields of a table are: at[f] is the column of
// field f, -1 where it has none.
type header struct {
	line  int
	cells []string // as written, trimmed
	at    []int
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

// newTable returns the table of rows, read with opts, in which a reader
// looks for what s says: rows of CSV find their delimiter by it.
func newTable(rows RowReader, opts ReadOptions, s *tableSpec) *table {
	if c, ok := rows.(*csvRows); ok {
		_ = c.start(s.matches) // its error is that of every Read
	}
	return &table{rows: rows, file: opts.File, sheet: opts.Sheet}
}

// next returns the next row that is not blank, with its cells trimmed, and
// its line; io.EOF after the last.
func (t *table) next() ([]string, int, error) {
	if t.rows == nil {
		return nil, 0, fmt.Errorf("%w: the RowReader is nil", ErrInvalidOption)
	}
	for {
		record, err := t.rows.Read()
		if err != nil {
			var re *RowError
			switch {
			case errors.As(err, &re):
				re.File, re.Sheet = t.file, t.sheet
			case !errors.Is(err, io.EOF):
				prefix := "salestime: "
				if w := where(t.file, t.sheet, 0); w != "" {
					prefix += w + ": "
				}
				err = fmt.Errorf("%sreading: %w", prefix, err)
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

// each calls f with the cells and line of each row below the header h. A
// sheet has no short rows: its cells are where they are, and those past
// the header's last have no column, so its rows are padded or cut to the
// header's cells. A row of another number of cells than the header is
// recorded as bad, on the row of customer(cells), and f does not see it.
// each returns the error of reading the rows, after the bad rows before
// it; nil at the end of the table.
func (t *table) each(h *header, customer func(cells []string) string, f func(cells []string, line int)) error {
	for {
		cells, line, err := t.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			if t.err() != nil {
				return errors.Join(t.err(), err)
			}
			return err
		}
		if t.sheet != "" {
			for len(cells) < len(h.cells) {
				cells = append(cells, "")
			}
			cells = cells[:len(h.cells)]
		}
		if len(cells) != len(h.cells) {
			t.fail(t.rowError(line, 0, nil, customer(cells), ErrInvalidCSV, "the row has %d %s, the header %d", len(cells), plural(len(cells), "cell", "cells"), len(h.cells)))
			continue
		}
		f(cells, line)
	}
}

// headerSearch is the number of rows, from the first that is not blank,
// among which a table's header is: a report may open with its title and
// filters above it.
const headerSearch = 20

// header reads the header and finds the columns of s in it: the first row
// that is not blank, or, where that row lacks a column s requires, the
// first row below it, among headerSearch, that has them all. Where none
// has, the error is that of the first row.
func (t *table) header(s *tableSpec) (header, error) {
	cells, line, err := t.next()
	if errors.Is(err, io.EOF) {
		return header{}, t.rowError(0, 0, nil, "", ErrInvalidCSV, "no header row")
	}
	if err != nil {
		return header{}, err
	}
	h, err := t.headerOf(s, cells, line)
	var missing *RowError
	if errors.As(err, &missing) && len(missing.Missing) > 0 {
		for range headerSearch - 1 {
			cells, line, err := t.next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return header{}, err // the rows cannot be read: that says more than a missing column
			}
			if s.matches(cells) {
				return t.headerOf(s, cells, line)
			}
		}
	}
	return h, err
}

// headerOf finds the columns of s in cells, the header at line.
func (t *table) headerOf(s *tableSpec, cells []string, line int) (header, error) {
	h := header{line: line, cells: slices.Clone(cells), at: make([]int, len(s.fields))}
	for f := range h.at {
		h.at[f] = -1
	}
	for i, cell := range cells {
		f := slices.Index(s.headers, normalHeader(cell))
		if f < 0 || cell == "" {
			continue
		}
		if h.at[f] >= 0 {
			return header{}, t.rowError(line, i+1, cells, "", ErrInvalidCSV, "the header names the column %q twice", cell)
		}
		h.at[f] = i
	}
	var fields, looked []string
	for f, at := range h.at {
		if at < 0 && s.required[f] {
			fields, looked = append(fields, s.fields[f]), append(looked, s.headers[f])
		}
	}
	if len(fields) == 0 {
		return h, nil
	}
	var b strings.Builder
	b.WriteString("no column ")
	for i, f := range fields {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s for the %s", quoteText(looked[i]), f)
	}
	b.WriteString("; the header has ")
	for i, c := range h.cells {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteText(c))
	}
	e := t.rowError(line, 0, nil, "", ErrInvalidCSV, "%s", b.String())
	e.Missing, e.Headers = fields, h.cells
	return header{}, e
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
// in it, such as a revenue that is not a number, or a header that lacks a
// column the reader needs. Its Err wraps one of the package's sentinels.
type RowError struct {
	File     string // the input, as [ReadOptions.File] names it; may be empty
	Sheet    string // the sheet, for rows of a workbook
	Line     int    // the line of a text file or the row of a sheet, counted from 1
	Column   int    // the column, counted from 1; 0 for the whole row
	Header   string // the header of the column, as written
	Customer string // the name on the row, where it has one
	Err      error  // what is wrong

	// Missing lists the fields that a header row lacks a column for, such
	// as "revenue", and Headers the cells of that row, as written: the
	// names a program may offer for them. Both are empty for other rows.
	Missing []string
	Headers []string
}

// Error returns the error as in
// `salestime: accounts.csv, line 3, column 2 "Revenue", customer "Acme": revenue "12x" is not a number`.
func (e *RowError) Error() string {
	if e == nil {
		return "salestime: <nil>"
	}
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

// Unwrap returns e.Err, or nil for a nil e.
func (e *RowError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

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
