package xlsx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// A CellError is a cell, or a row where Col is 0, that cannot be read.
type CellError struct {
	Row, Col int // counted from 1; 0 where unknown
	Msg      string
}

func (e *CellError) Error() string { return e.Msg }

// Rows reads the rows of a sheet, in order, as text: each cell as Excel
// shows it in the General format, a number as the shortest decimal that
// reads back as the number Excel stores, to at most 15 significant
// digits, as in 7949.5 for 7949.4999999999991; a Boolean as TRUE or FALSE;
// text as it is. Rows without cells are skipped.
type Rows struct {
	d      *xml.Decoder
	rc     io.Closer
	shared []string
	row    int      // the row last read
	cells  []string // its cells, by column; reused
	set    []int    // the columns it sets, to clear for the next
	inRow  bool     // reading a row's cells
	done   bool
}

func newRows(rc io.ReadCloser, shared []string) *Rows {
	d := xml.NewDecoder(rc)
	d.Strict = true
	return &Rows{d: d, rc: rc, shared: shared}
}

// Close closes the part being read.
func (r *Rows) Close() error { return r.rc.Close() }

// Read returns the cells of the next row that has any, up to its last
// cell, blank where the row has none, or nil and io.EOF after the last.
// The slice is reused by the next Read.
func (r *Rows) Read() (cells []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			cells, err = nil, &CellError{Row: r.row, Msg: fmt.Sprintf("the sheet is broken: reading it failed with %v", p)}
		}
	}()
	if r.done {
		return nil, io.EOF
	}
	for _, c := range r.set {
		r.cells[c] = ""
	}
	r.set = r.set[:0]
	for {
		tok, err := r.d.Token()
		if err != nil {
			return nil, r.xmlError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "row" {
				continue
			}
			if err := r.startRow(t); err != nil {
				return nil, err
			}
			if err := r.readRow(); err != nil {
				return nil, err
			}
			if len(r.set) > 0 {
				return r.cells[:r.set[len(r.set)-1]+1], nil
			}
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				return nil, r.finish()
			}
		}
	}
}

// finish reads the rest of the document, to find any error in it.
func (r *Rows) finish() error {
	r.done = true
	for {
		if _, err := r.d.Token(); err != nil {
			if errors.Is(err, io.EOF) {
				return io.EOF
			}
			return r.xmlError(err)
		}
	}
}

// xmlError returns err, an error of the XML in the row being read, or
// after the row last read.
func (r *Rows) xmlError(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	where := fmt.Sprintf("after row %d", r.row)
	if r.inRow {
		where = fmt.Sprintf("in row %d", r.row)
	}
	line, _ := r.d.InputPos()
	return &CellError{Row: r.row, Msg: fmt.Sprintf("the sheet's XML is broken %s, at line %d of its part: %v", where, line, err)}
}

// FieldPos returns the row of the row last read and the column of its
// field-th cell, each counted from 1.
func (r *Rows) FieldPos(field int) (line, column int) {
	return r.row, field + 1
}

// startRow reads the row number of a row element.
func (r *Rows) startRow(t xml.StartElement) error {
	n := r.row + 1
	if v, ok := attr(t, "r"); ok {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			return &CellError{Row: r.row, Msg: fmt.Sprintf("the row after row %d has the number %q", r.row, v)}
		}
	}
	switch {
	case n > MaxRows:
		return &CellError{Row: r.row, Msg: fmt.Sprintf("row %d is past Excel's last row, %d", n, MaxRows)}
	case n <= r.row:
		return &CellError{Row: r.row, Msg: fmt.Sprintf("row %d comes after row %d", n, r.row)}
	}
	r.row = n
	return nil
}

// readRow reads the cells of a row up to its end.
func (r *Rows) readRow() error {
	r.inRow = true
	defer func() { r.inRow = false }()
	col := 0
	for {
		tok, err := r.d.Token()
		if err != nil {
			return r.xmlError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "c" {
				if err := r.d.Skip(); err != nil {
					return r.xmlError(err)
				}
				continue
			}
			if col, err = r.cellColumn(t, col); err != nil {
				return err
			}
			text, err := r.cell(t, col)
			if err != nil {
				return err
			}
			if text != "" {
				r.put(col, text)
			}
		case xml.EndElement:
			return nil // of the row: Token matches every end to its start
		}
	}
}

// cellColumn returns the column of a cell element, after the column before
// it in the row.
func (r *Rows) cellColumn(t xml.StartElement, before int) (int, error) {
	ref, ok := attr(t, "r")
	if !ok {
		if before+1 > MaxColumns {
			return 0, &CellError{Row: r.row, Msg: fmt.Sprintf("row %d has a cell past Excel's last column, XFD", r.row)}
		}
		return before + 1, nil
	}
	col, row, ok := splitRef(ref)
	switch {
	case !ok:
		return 0, &CellError{Row: r.row, Msg: fmt.Sprintf("row %d has a cell called %q, which is no cell", r.row, ref)}
	case col > MaxColumns:
		return 0, &CellError{Row: r.row, Msg: fmt.Sprintf("cell %s is past Excel's last column, XFD", quoteRef(ref))}
	case row != r.row:
		return 0, &CellError{Row: r.row, Col: col, Msg: fmt.Sprintf("cell %s is in row %d", quoteRef(ref), r.row)}
	case col <= before:
		return 0, &CellError{Row: r.row, Col: col, Msg: fmt.Sprintf("cell %s comes after the cell of column %d", quoteRef(ref), before)}
	}
	return col, nil
}

// put sets the cell of column col, counted from 1, to text.
func (r *Rows) put(col int, text string) {
	for len(r.cells) < col {
		r.cells = append(r.cells, "")
	}
	r.cells[col-1] = text
	r.set = append(r.set, col-1)
}

// cell reads a cell element of column col, and returns its text.
func (r *Rows) cell(t xml.StartElement, col int) (string, error) {
	kind, _ := attr(t, "t")
	var value, inline strings.Builder
	hasValue, hasFormula, hasInline := false, false, false
	for {
		tok, err := r.d.Token()
		if err != nil {
			return "", r.xmlError(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "v":
				hasValue = true
				if err := r.text(&value, "v"); err != nil {
					return "", err
				}
			case "is":
				hasInline = true
				if err := r.richText(&inline); err != nil {
					return "", err
				}
			case "f":
				hasFormula = true
				fallthrough
			default:
				if err := r.d.Skip(); err != nil {
					return "", r.xmlError(err)
				}
			}
		case xml.EndElement:
			return r.value(kind, value.String(), hasValue, inline.String(), hasInline, hasFormula, col)
		}
	}
}

// value returns the text of a cell of type kind, with its value, inline
// text, and whether it has a formula.
func (r *Rows) value(kind, v string, hasValue bool, inline string, hasInline, hasFormula bool, col int) (string, error) {
	bad := func(format string, args ...any) (string, error) {
		return "", &CellError{Row: r.row, Col: col, Msg: fmt.Sprintf(format, args...)}
	}
	if hasFormula && !hasValue && !hasInline {
		return bad("the cell has a formula and no value: open the workbook in Excel and save it, for Excel to work it out")
	}
	switch kind {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		switch {
		case err != nil:
			return bad("the cell refers to the shared string %q, which is no number", v)
		case i < 0 || i >= len(r.shared):
			return bad("the cell refers to shared string %d, and the workbook has %d", i, len(r.shared))
		}
		return r.shared[i], nil
	case "inlineStr":
		return inline, nil
	case "str", "e", "d":
		return v, nil // a formula's text, an error such as #N/A, an ISO date
	case "b":
		switch strings.TrimSpace(v) {
		case "1":
			return "TRUE", nil
		case "0":
			return "FALSE", nil
		case "":
			return "", nil
		}
		return bad("the cell is a Boolean of value %q", v)
	case "", "n":
		if strings.TrimSpace(v) == "" {
			return "", nil
		}
		text, ok := shownNumber(strings.TrimSpace(v))
		if !ok {
			return bad("the cell is a number of value %q, which is no number", v)
		}
		return text, nil
	}
	return bad("the cell is of type %q, which a sheet does not have", kind)
}

// text appends the text of the element being read, called name, to b.
func (r *Rows) text(b *strings.Builder, name string) error {
	for {
		tok, err := r.d.Token()
		if err != nil {
			return r.xmlError(err)
		}
		switch e := tok.(type) {
		case xml.CharData:
			b.Write(e)
		case xml.StartElement:
			return &CellError{Row: r.row, Msg: fmt.Sprintf("the sheet's XML has <%s> in <%s>", e.Name.Local, name)}
		case xml.EndElement:
			return nil
		}
	}
}

// richText appends to b the text of a string item being read, <si> or
// <is>: its <t> and the <t> of its runs, without the phonetic guides
// (<rPh>) that Japanese text has.
func (r *Rows) richText(b *strings.Builder) error {
	return readRichText(r.d, b, func(err error) error { return r.xmlError(err) })
}

// readRichText is richText for any decoder, with errors made by fail.
func readRichText(d *xml.Decoder, b *strings.Builder, fail func(error) error) error {
	depth, inText := 0, false
	for {
		tok, err := d.Token()
		if err != nil {
			return fail(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "rPh", "rPr", "phoneticPr":
				if err := d.Skip(); err != nil {
					return fail(err)
				}
				continue
			}
			depth++
			inText = e.Name.Local == "t"
		case xml.CharData:
			if inText {
				b.Write(e)
			}
		case xml.EndElement:
			if depth == 0 {
				return nil // of the item
			}
			depth--
			inText = false
		}
	}
}

// attr returns the value of the attribute called name of t.
func attr(t xml.StartElement, name string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

// splitRef returns the column and row of a cell reference such as B3, and
// reports whether it is one.
func splitRef(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && i < 4 && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 || i == len(ref) || len(ref)-i > 7 {
		return 0, 0, false
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
	}
	return col, row, row > 0
}

// quoteRef quotes a cell reference for a message, cut short if long.
func quoteRef(ref string) string {
	if len(ref) > 16 {
		ref = ref[:16] + "..."
	}
	return strconv.Quote(ref)
}

// shownNumber returns v, a number as a workbook stores it, as Excel shows
// it: as written where it has at most 15 significant digits, in plain
// notation; otherwise the shortest decimal that reads back as the same
// binary number, cut to 15 significant digits, Excel's precision, as in
// 725450.29 for 725450.29000000004. It reports whether v is a number.
func shownNumber(v string) (string, bool) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return "", false
	}
	if significant(v) <= 15 && !strings.ContainsAny(v, "eE") && !strings.HasPrefix(v, "+") {
		return v, true
	}
	s := strconv.FormatFloat(f, 'e', -1, 64)
	if significant(s) > 15 {
		s = strconv.FormatFloat(f, 'e', 14, 64)
	}
	return plain(s), true
}

// significant counts the significant digits of a number in plain or
// exponent notation: its digits less leading zeros, and less trailing
// zeros after a decimal point.
func significant(v string) int {
	mant, _, _ := strings.Cut(strings.ToLower(v), "e")
	digits := strings.TrimLeft(strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, mant), "0")
	if strings.Contains(mant, ".") {
		digits = strings.TrimRight(digits, "0")
	}
	return len(digits)
}

// plain writes s, a number in exponent notation as strconv writes it, as
// in -7.9495e+03, in plain notation without trailing zeros: -7949.5.
func plain(s string) string {
	mant, e, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(e)
	sign := ""
	if strings.HasPrefix(mant, "-") {
		sign, mant = "-", mant[1:]
	}
	digits := strings.Replace(mant, ".", "", 1)
	point := 1 + exp // digits before the point
	switch {
	case point <= 0:
		digits = "0." + strings.Repeat("0", -point) + digits
	case point >= len(digits):
		digits += strings.Repeat("0", point-len(digits))
	default:
		digits = digits[:point] + "." + digits[point:]
	}
	if strings.Contains(digits, ".") {
		digits = strings.TrimRight(strings.TrimRight(digits, "0"), ".")
	}
	return sign + digits
}
