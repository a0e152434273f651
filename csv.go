package salestime

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// ReadCSV reads a portfolio from CSV, such as an export of accounts from a
// CRM or a spreadsheet.
//
// The first row that is not blank is a header that names the columns,
// matched without regard to case or surrounding spaces: name and revenue
// are required, new and key are optional, any other column is ignored. A
// UTF-8 byte-order mark before it, as Excel writes, is skipped. The
// delimiter is a comma, a semicolon or a tab, whichever splits the header
// into the required columns.
//
// Names are read without surrounding spaces. A revenue is a plain decimal
// number with a decimal point, as in 1234.50; in files delimited by
// semicolons or tabs, as spreadsheets in many European locales write them,
// a decimal comma is read too, and the integer digits may be grouped by
// three with spaces or non-breaking spaces, as in "1 234,50". New and key
// are true, false, yes, no, 1 or 0 in any case, and empty for false. Blank
// rows are skipped.
//
// ReadCSV returns no portfolio and an error that names the line and column
// at fault if:
//   - the input has no header with the name and revenue columns, a column
//     appears twice in it, a row has another number of fields than the
//     header, or the CSV is malformed: [ErrInvalidCSV];
//   - a name is blank, or new or key is not one of the values above:
//     [ErrInvalidCustomer];
//   - a revenue is not a number as above, is negative, or is outside the
//     bounds [MaxPlaces] and [MaxIntegerDigits]: [ErrInvalidRevenue];
//   - two rows have the same name: [ErrDuplicateCustomer].
func ReadCSV(r io.Reader) (Portfolio, error) {
	rows, _, err := readCSV(r, "")
	if err != nil {
		return Portfolio{}, err
	}
	customers := make([]Customer, len(rows))
	for i, row := range rows {
		customers[i] = row.customer
	}
	return NewPortfolio(customers...)
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

// ReadCSVGroups reads CSV as [ReadCSV] does and splits the customers by the
// value of column, such as "owner" for the salesperson of each account. It
// returns one group per value, in byte order of the values, and reports
// whether the file has the column; if not, it returns no groups. Names need
// be unique only within a group. Its errors are those of ReadCSV, and one
// wrapping [ErrInvalidCSV] for a blank column name or one of the columns
// ReadCSV reads.
func ReadCSVGroups(r io.Reader, column string) (groups []Group, found bool, err error) {
	column = strings.ToLower(strings.TrimSpace(column))
	switch column {
	case "":
		return nil, false, fmt.Errorf("%w: the grouping column has a blank name", ErrInvalidCSV)
	case "name", "revenue", "new", "key":
		return nil, false, fmt.Errorf("%w: cannot group by the %q column", ErrInvalidCSV, column)
	}
	rows, found, err := readCSV(r, column)
	if err != nil || !found {
		return nil, found, err
	}
	slices.SortStableFunc(rows, func(a, b csvRow) int { return strings.Compare(a.group, b.group) })
	for start, i := 0, 1; i <= len(rows); i++ {
		if i < len(rows) && rows[i].group == rows[start].group {
			continue
		}
		customers := make([]Customer, 0, i-start)
		for _, row := range rows[start:i] {
			customers = append(customers, row.customer)
		}
		p, err := NewPortfolio(customers...)
		if err != nil {
			return nil, true, err
		}
		groups = append(groups, Group{Name: rows[start].group, Portfolio: p})
		start = i
	}
	return groups, true, nil
}

// WriteCSV writes p as CSV that [ReadCSV] reads back: a header row name,
// revenue, new, key, then one row per customer in portfolio order, with
// commas as delimiters and decimal points.
func WriteCSV(w io.Writer, p Portfolio) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"name", "revenue", "new", "key"}); err != nil {
		return err
	}
	for _, c := range p.customersOf() {
		record := []string{c.Name, formatDecimal(c.Revenue), strconv.FormatBool(c.New), strconv.FormatBool(c.Key)}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// A csvRow is a customer read from CSV, with the value of the grouping
// column.
type csvRow struct {
	customer Customer
	group    string
}

// csvHeader holds the indexes of the columns ReadCSV reads, -1 where absent.
type csvHeader struct {
	comma                   rune
	fields                  int
	name, revenue, new, key int
	group                   int
}

var bom = []byte("\xef\xbb\xbf")

// readCSV reads the rows of a CSV input, checked one by one and for
// duplicate names within a group, and reports whether it has a column named
// group.
func readCSV(r io.Reader, group string) ([]csvRow, bool, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, false, fmt.Errorf("salestime: reading CSV: %w", err)
	}
	data = bytes.TrimPrefix(data, bom)
	h, err := findHeader(data, group)
	if err != nil {
		return nil, false, err
	}
	cr := newCSVReader(data, h.comma)
	if _, err := readRecord(cr); err != nil { // the header, read again
		return nil, false, err
	}
	var rows []csvRow
	seen := map[[2]string]int{}
	for {
		record, err := readRecord(cr)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, false, err
		}
		line, _ := cr.FieldPos(0)
		if len(record) != h.fields {
			return nil, false, fmt.Errorf("%w: line %d has %d fields, the header has %d", ErrInvalidCSV, line, len(record), h.fields)
		}
		row, err := h.parse(record, line)
		if err != nil {
			return nil, false, err
		}
		id := [2]string{row.group, row.customer.Name}
		if first, ok := seen[id]; ok {
			return nil, false, fmt.Errorf("%w: line %d: customer %q is also on line %d", ErrDuplicateCustomer, line, row.customer.Name, first)
		}
		seen[id] = line
		rows = append(rows, row)
	}
	return rows, h.group >= 0, nil
}

func newCSVReader(data []byte, comma rune) *csv.Reader {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	return cr
}

// readRecord returns the next record that is not blank.
func readRecord(cr *csv.Reader) ([]string, error) {
	for {
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil, err
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalidCSV, err)
		}
		if slices.ContainsFunc(record, func(f string) bool { return strings.TrimSpace(f) != "" }) {
			return record, nil
		}
	}
}

// findHeader finds the delimiter that splits the first record into the
// required columns, and where the columns are.
func findHeader(data []byte, group string) (csvHeader, error) {
	var best csvHeader
	var firstErr error
	for _, comma := range []rune{',', ';', '\t'} {
		record, err := readRecord(newCSVReader(data, comma))
		if errors.Is(err, io.EOF) {
			return csvHeader{}, fmt.Errorf("%w: no header row", ErrInvalidCSV)
		}
		if err != nil {
			firstErr = cmp.Or(firstErr, err)
			continue
		}
		h := csvHeader{comma: comma, fields: len(record), name: -1, revenue: -1, new: -1, key: -1, group: -1}
		for i, field := range record {
			col := strings.ToLower(strings.TrimSpace(field))
			var at *int
			switch col {
			case "name":
				at = &h.name
			case "revenue":
				at = &h.revenue
			case "new":
				at = &h.new
			case "key":
				at = &h.key
			}
			if col == group && group != "" {
				at = &h.group
			}
			if at == nil {
				continue
			}
			if *at >= 0 {
				return csvHeader{}, fmt.Errorf("%w: the header names the column %q twice", ErrInvalidCSV, col)
			}
			*at = i
		}
		if h.name >= 0 && h.revenue >= 0 && h.fields > best.fields {
			best = h
		}
	}
	if best.fields == 0 {
		if firstErr != nil {
			return csvHeader{}, firstErr
		}
		return csvHeader{}, fmt.Errorf("%w: the header row must name the columns \"name\" and \"revenue\", "+
			"separated by commas, semicolons or tabs", ErrInvalidCSV)
	}
	return best, nil
}

// parse reads the customer of a record that starts on line.
func (h csvHeader) parse(record []string, line int) (csvRow, error) {
	var row csvRow
	c := &row.customer
	c.Name = strings.TrimSpace(record[h.name])
	if c.Name == "" {
		return csvRow{}, fmt.Errorf("%w: line %d, column \"name\": the name is blank", ErrInvalidCustomer, line)
	}
	text := strings.TrimSpace(record[h.revenue])
	var err error
	if h.comma == ',' {
		c.Revenue, err = parsePlain(text, text, '.', 0)
	} else {
		c.Revenue, err = parseLocaleNumber(text)
	}
	if err == nil {
		err = checkPlaces(c.Revenue)
	}
	if err == nil && c.Revenue.Sign() < 0 {
		err = fmt.Errorf("%s is negative", text)
	}
	if err != nil {
		return csvRow{}, fmt.Errorf("%w: line %d, column \"revenue\", customer %q: %w", ErrInvalidRevenue, line, c.Name, err)
	}
	for _, col := range []struct {
		name string
		at   int
		to   *bool
	}{{"new", h.new, &c.New}, {"key", h.key, &c.Key}} {
		if col.at < 0 {
			continue
		}
		v, ok := parseBool(record[col.at])
		if !ok {
			return csvRow{}, fmt.Errorf("%w: line %d, column %q, customer %q: %q is not true, false, yes, no, 1 or 0",
				ErrInvalidCustomer, line, col.name, c.Name, strings.TrimSpace(record[col.at]))
		}
		*col.to = v
	}
	if h.group >= 0 {
		row.group = strings.TrimSpace(record[h.group])
	}
	return row, nil
}

// parseBool reads true, false, yes, no, 1 or 0 in any case, and an empty
// field as false.
func parseBool(s string) (v, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "1":
		return true, true
	case "false", "no", "0", "":
		return false, true
	}
	return false, false
}
