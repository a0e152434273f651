package salestime

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ReadCSV reads a portfolio from CSV, such as an export of accounts from a
// CRM or a spreadsheet, as [ReadAccountsCSV] reads it with the zero
// [ReadOptions], but for one thing: it reads no owner column, so names
// must be unique in the whole file. Its errors are those of
// ReadAccountsCSV.
func ReadCSV(r io.Reader) (Portfolio, error) {
	s, _ := ReadOptions{}.spec() // the zero options are valid
	s.headers[fieldOwner] = ""
	acc, err := readAccountsCSV(r, ReadOptions{}, s)
	if err != nil {
		return Portfolio{}, err
	}
	for g, err := range acc.Groups() {
		return g.Portfolio, err // the one group
	}
	return Portfolio{}, nil
}

// ReadCSVGroups reads CSV as [ReadCSV] does and splits the customers by the
// value of column, such as "owner" for the salesperson of each account. It
// returns one group per value, in byte order of the values, and reports
// whether the file has the column; if not, it returns no groups. Names need
// be unique only within a group. Its errors are those of ReadCSV, and one
// wrapping [ErrInvalidCSV] for a blank column name or one of the columns
// ReadCSV reads.
func ReadCSVGroups(r io.Reader, column string) (groups []Group, found bool, err error) {
	column = normalHeader(column)
	switch column {
	case "":
		return nil, false, fmt.Errorf("%w: the grouping column has a blank name", ErrInvalidCSV)
	case "name", "revenue", "new", "key":
		return nil, false, fmt.Errorf("%w: cannot group by the %q column", ErrInvalidCSV, column)
	}
	s, _ := ReadOptions{}.spec() // the zero options are valid
	s.headers[fieldOwner] = column
	if column == s.headers[fieldCurrency] {
		s.headers[fieldCurrency] = ""
	}
	acc, err := readAccountsCSV(r, ReadOptions{}, s)
	if err != nil || !acc.Owners {
		return nil, false, err
	}
	for g, err := range acc.Groups() {
		if err != nil {
			return nil, true, err
		}
		groups = append(groups, g)
	}
	return groups, true, nil
}

// ReadAccountsCSV reads accounts from CSV, as [ReadAccounts] reads rows,
// such as an export of accounts or deals from a CRM or a spreadsheet.
//
// The text is UTF-8, with or without a byte-order mark, or UTF-16 with a
// byte-order mark, as Excel writes "Unicode text". Text in another
// encoding, such as a Windows code page, must be decoded to UTF-8 first:
// golang.org/x/text/encoding/charmap does it.
//
// The delimiter is a comma, a semicolon or a tab: the one that splits the
// header into the columns [ReadOptions] asks for, or, if none does, the one
// that splits the first row into the most cells, for the error that lists
// them.
// Fields may be quoted, as in "Acme, Inc.", and a quoted field may span
// lines. Lines end with a line feed, a carriage return and a line feed, or,
// where no line feed is in the first 64 KB, a carriage return alone, as
// Excel's "CSV (Macintosh)" writes them. A first line such as sep=; names
// the delimiter, as it does for Excel, and is not a row.
//
// Besides the errors of ReadAccounts, it returns a [*RowError] wrapping
// [ErrInvalidCSV] for a quote out of place, and one wrapping
// [ErrInvalidEncoding] for text that is not UTF-8, each naming its line.
// An error reading r is returned wrapped.
func ReadAccountsCSV(r io.Reader, opts ReadOptions) (Accounts, error) {
	s, err := opts.spec()
	if err != nil {
		return Accounts{}, err
	}
	return readAccountsCSV(r, opts, s)
}

func readAccountsCSV(r io.Reader, opts ReadOptions, s tableSpec) (Accounts, error) {
	rows, err := newCSVRows(r, s.matches)
	if err != nil {
		return Accounts{}, csvError(err, opts.File)
	}
	acc, err := readAccounts(rows, opts, s)
	if err == nil {
		acc.Comma = rows.cr.Comma
	}
	return acc, err
}

// csvError returns err, an error of newCSVRows, naming file.
func csvError(err error, file string) error {
	var re *RowError
	if errors.As(err, &re) {
		re.File = file
		return err
	}
	if errors.Is(err, ErrInvalidOption) {
		return err
	}
	prefix := "salestime: "
	if file != "" {
		prefix += file + ": "
	}
	return fmt.Errorf("%sreading: %w", prefix, err)
}

// sniffSize is how much of a CSV input newCSVRows looks at to find the
// delimiter: far more than any header row.
const sniffSize = 64 << 10

var (
	utf8BOM    = []byte("\xef\xbb\xbf")
	utf16LEBOM = []byte("\xff\xfe")
	utf16BEBOM = []byte("\xfe\xff")
)

// csvRows reads the records of CSV text, checking that it is UTF-8.
type csvRows struct {
	cr      *csv.Reader
	utf16   bool // the text was UTF-16: a replacement character marks a bad code unit
	skipSep bool // the first line is Excel's sep=, which Read skips
}

// newCSVRows returns the rows of the CSV text of r, with the delimiter that
// splits the header, the first record that is not blank, into columns that
// matches takes, or into the most cells.
func newCSVRows(r io.Reader, matches func([]string) bool) (*csvRows, error) {
	if r == nil {
		return nil, fmt.Errorf("%w: the reader is nil", ErrInvalidOption)
	}
	br := bufio.NewReaderSize(r, sniffSize)
	start, err := br.Peek(3)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	rows := &csvRows{}
	switch {
	case bytes.HasPrefix(start, utf8BOM):
		_, _ = br.Discard(len(utf8BOM)) // peeked above
	case bytes.HasPrefix(start, utf16LEBOM), bytes.HasPrefix(start, utf16BEBOM):
		// The decoder reads the byte-order mark for the byte order.
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), sniffSize)
		rows.utf16 = true
	}
	prefix, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if bytes.IndexByte(prefix, '\r') >= 0 && bytes.IndexByte(prefix, '\n') < 0 {
		// Lines that end with a carriage return alone, which encoding/csv
		// would read as one line.
		br = bufio.NewReaderSize(crLines{br}, sniffSize)
		prefix, err = br.Peek(sniffSize)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
	}
	comma, most := rune(0), 0
	candidates := []rune{',', ';', '\t'}
	if c, ok := sepLine(prefix); ok {
		candidates, rows.skipSep = []rune{c}, true
	}
	var firstErr error
	for _, c := range candidates {
		cr := newCSVReader(bytes.NewReader(prefix), c)
		record, err := firstRecord(cr)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if matches(record) || headerBelow(cr, matches) {
			comma = c
			break
		}
		if len(record) > most {
			comma, most = c, len(record)
		}
	}
	if comma == 0 {
		if errors.Is(firstErr, io.EOF) {
			comma = ',' // no records: the reader says so
		} else {
			return nil, (&csvRows{}).error(firstErr)
		}
	}
	rows.cr = newCSVReader(&recordLimit{r: br, line: 1}, comma)
	rows.cr.ReuseRecord = true
	return rows, nil
}

// A recordLimit reads CSV text, and fails on a record longer than
// MaxRecordBytes before encoding/csv holds it whole: a line feed outside
// quotes, where the quotes so far are even in number, ends a record.
type recordLimit struct {
	r      io.Reader
	n      int  // the bytes of the record so far
	quoted bool // inside a quoted field
	line   int  // where the record starts
	lines  int  // the line feeds in the record
}

func (l *recordLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, b := range p[:n] {
		l.n++
		switch b {
		case '"':
			l.quoted = !l.quoted
		case '\n':
			l.lines++
			if !l.quoted {
				l.line, l.n, l.lines = l.line+l.lines, 0, 0
			}
		}
		if l.n > MaxRecordBytes {
			return 0, &RowError{Line: l.line, Err: &problem{kind: ErrInvalidCSV,
				msg: fmt.Sprintf("the row is longer than %d bytes, the most a row may be", MaxRecordBytes)}}
		}
	}
	return n, err
}

// sepLine reports whether text begins with the line that Excel reads as
// naming the delimiter, such as sep=; and returns the delimiter: a comma, a
// semicolon, a tab or a vertical bar.
func sepLine(text []byte) (rune, bool) {
	if len(text) < 5 || !bytes.EqualFold(text[:4], []byte("sep=")) || !strings.ContainsRune(",;\t|", rune(text[4])) {
		return 0, false
	}
	switch rest := text[5:]; {
	case len(rest) == 0, rest[0] == '\n', bytes.HasPrefix(rest, []byte("\r\n")):
		return rune(text[4]), true
	}
	return 0, false
}

// crLines reads text whose lines end with a carriage return alone, as
// Excel's "CSV (Macintosh)" and the classic Mac OS write them, with line
// feeds in their place: line ends that encoding/csv reads.
type crLines struct{ r io.Reader }

func (c crLines) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

func newCSVReader(r io.Reader, comma rune) *csv.Reader {
	cr := csv.NewReader(r)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	return cr
}

// firstRecord returns the first record of cr that is not blank, its cells
// trimmed.
func firstRecord(cr *csv.Reader) ([]string, error) {
	for {
		record, err := cr.Read()
		if err != nil {
			return nil, err
		}
		blank := true
		for i, cell := range record {
			record[i] = trimSpace(cell)
			blank = blank && record[i] == ""
		}
		if !blank {
			return record, nil
		}
	}
}

// headerBelow reports whether one of the records of cr, up to those among
// which a table's header is, matches: the header under a report's title.
func headerBelow(cr *csv.Reader, matches func([]string) bool) bool {
	for range headerSearch - 1 {
		record, err := firstRecord(cr)
		if err != nil {
			return false
		}
		if matches(record) {
			return true
		}
	}
	return false
}

// Read returns the next record, or a *RowError.
func (r *csvRows) Read() ([]string, error) {
	record, err := r.cr.Read()
	if err == nil && r.skipSep {
		r.skipSep = false
		record, err = r.cr.Read()
	}
	if err != nil {
		return nil, r.error(err)
	}
	for i, cell := range record {
		if !utf8.ValidString(cell) || r.utf16 && strings.ContainsRune(cell, utf8.RuneError) {
			line, _ := r.cr.FieldPos(i)
			enc := "UTF-8"
			if r.utf16 {
				enc = "UTF-16"
			}
			return nil, &RowError{Line: line, Column: i + 1, Err: &problem{kind: ErrInvalidEncoding,
				msg: fmt.Sprintf("the text is not %s: text in a code page such as windows-1250 or windows-1252 must be decoded first", enc)}}
		}
	}
	return record, nil
}

// FieldPos returns the line and column of a field of the last record.
func (r *csvRows) FieldPos(field int) (line, column int) {
	return r.cr.FieldPos(field)
}

// error returns err, an error of encoding/csv or of the reader below it,
// as Read returns it.
func (r *csvRows) error(err error) error {
	var pe *csv.ParseError
	switch {
	case errors.Is(err, io.EOF):
		return io.EOF
	case errors.As(err, &pe):
		var re *RowError
		if errors.As(pe.Err, &re) {
			return re // a record too long
		}
		return &RowError{Line: pe.Line, Err: &problem{kind: ErrInvalidCSV, msg: fmt.Sprintf("%v, at byte %d of the line", pe.Err, pe.Column)}}
	case errors.As(err, new(*RowError)):
		return err
	}
	return err // the reader's own, which the table names the input of
}

// WriteCSV writes p as CSV that [ReadCSV] reads back, unchanged: a header
// row name, revenue, new, key, then one row per customer in portfolio
// order, with commas as delimiters and revenues with decimal points, as
// written (0.50 stays 0.50). Where no revenue shows that its point is a
// decimal point, and a revenue such as 126.500 could be read as 126500,
// the first such revenue is written with leading zeros, as in 0126.500, so
// that the column reads one way only. The one portfolio that does not
// read back is one that looks like a report with its totals: a customer
// named as a row of totals, such as Total, whose revenue is exactly that
// of the others together, which [ReadAccounts] refuses.
//
// The names are written as they are. A spreadsheet program runs a cell
// that starts with =, +, -, @, a tab or a carriage return as a formula, so
// a name such as =HYPERLINK(...) from an untrusted source can do harm when
// the file is opened there; [SafeCells] writes such cells as text instead.
func WriteCSV(w io.Writer, p Portfolio, opts ...WriteOption) error {
	var o writeOptions
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	customers := p.Customers()
	revenues := make([]string, len(customers))
	for i, c := range customers {
		revenues[i] = formatDecimal(c.Revenue)
	}
	decideColumn(revenues)
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"name", "revenue", "new", "key"}); err != nil {
		return err
	}
	for i, c := range customers {
		name := c.Name
		if o.safe {
			name = SafeCell(name)
		}
		record := []string{name, revenues[i], strconv.FormatBool(c.New), strconv.FormatBool(c.Key)}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// decideColumn pads the first of revenues, numbers in plain notation, that
// a reader could take for a number with its digits grouped, such as 1.250,
// with zeros to four integer digits, unless another revenue already shows
// that the point is a decimal point.
func decideColumn(revenues []string) {
	first := -1
	for i, r := range revenues {
		intPart, frac, ok := strings.Cut(r, ".")
		switch {
		case !ok:
		case len(intPart) > 3 || len(frac) != 3:
			return // this one decides
		case first < 0:
			first = i
		}
	}
	if first >= 0 {
		revenues[first] = strings.Repeat("0", 4-strings.Index(revenues[first], ".")) + revenues[first]
	}
}

// A WriteOption changes how [WriteCSV] writes. A nil WriteOption changes
// nothing.
type WriteOption func(*writeOptions)

type writeOptions struct {
	safe bool
}

// SafeCells returns an option that makes [WriteCSV] write each name through
// [SafeCell], for a file to open in a spreadsheet program. [ReadCSV] then
// reads back a name that SafeCell changed with its apostrophe.
func SafeCells() WriteOption {
	return func(o *writeOptions) { o.safe = true }
}

// SafeCell returns s as text that a spreadsheet program shows but never
// runs: a cell that starts with =, +, -, @, a tab or a carriage return gets
// an apostrophe before it, as OWASP recommends against CSV injection, so
// that =HYPERLINK("http://...") shows as it is. Any other s is returned
// unchanged.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
