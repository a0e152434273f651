package salestime

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ReadCSV reads a portfolio from CSV, such as an export of accounts from a
// CRM or a spreadsheet, as [ReadAccounts] reads [CSVRows] with the zero
// [ReadOptions], but for one thing: it reads no owner column, so names
// must be unique in the whole file. Its errors are those of ReadAccounts.
func ReadCSV(r io.Reader) (Portfolio, error) {
	s, _ := ReadOptions{}.accountSpec() // the zero options are valid
	s.headers[fieldOwner] = ""
	acc, err := readAccounts(CSVRows(r), ReadOptions{}, s)
	if err != nil {
		return Portfolio{}, err
	}
	for g := range acc.Groups() {
		return g.Portfolio, nil // the one group
	}
	return Portfolio{}, nil
}

// CSVRows returns the rows of CSV text, for the readers of this package.
//
// The text is UTF-8, with or without a byte-order mark, or UTF-16 with a
// byte-order mark, as Excel writes "Unicode text". Text in another
// encoding, such as a Windows code page, must be decoded to UTF-8 first:
// golang.org/x/text/encoding/charmap does it.
//
// The delimiter is a comma, a semicolon or a tab: the one that splits the
// header into the columns the reader asks for, or, if none does, the one
// that splits the first row into the most cells, for the error that lists
// them. Fields may be quoted, as in "Acme, Inc.", and a quoted field may
// span lines. Lines end with a line feed, a carriage return and a line
// feed, or, where no line feed is in the first 64 KB, a carriage return
// alone, as Excel's "CSV (Macintosh)" writes them. A first line such as
// sep=; names the delimiter, as it does for Excel, and is not a row.
//
// Its rows are errors wrapping [ErrInvalidCSV] for a quote out of place or
// a row of more than a megabyte, and [ErrInvalidEncoding] for text that is
// not UTF-8, each a [*RowError] that names its line; an error reading r is
// returned wrapped. A nil r is an error wrapping [ErrInvalidOption].
func CSVRows(r io.Reader) RowReader {
	return &csvRows{src: r}
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
//
// It splits a line without quotes itself, at the delimiter, and hands a
// record with quotes to encoding/csv: most rows of an export have none,
// and encoding/csv reads each byte through a state machine
// (BenchmarkCSVRows: twice as fast without quotes, 1.5 times with a tenth
// of the rows quoted).
type csvRows struct {
	src     io.Reader     // the text, until the reading starts
	started bool          // the delimiter is found
	err     error         // of starting: every Read returns it
	comma   rune          // once started
	br      *bufio.Reader // once started
	utf16   bool          // the text was UTF-16: a replacement character marks a bad code unit
	skipSep bool          // the first line is Excel's sep=, which Read skips

	line      int      // the lines read so far
	record    []string // the last record, reused
	text      string   // the line of the last record, where it has no quotes
	at        int      // the line the last record starts on
	quotes    bool     // the last record has quotes
	fields    []int    // and the line and column each of its fields starts on, in pairs
	block     string   // the text being read, from br
	pos       int      // where in block the next line starts
	readErr   error    // of reading the text after block
	blockSize int      // how much text a block holds, or more for a longer line
	quoted    []byte   // a record with quotes, gathered
	feed      bytes.Reader
	qr        *csv.Reader // reads the records with quotes from feed
}

// start finds the delimiter: the one that splits the header, the first
// record that is not blank, into columns that matches takes, or into the
// most cells; matches may be nil. A reader calls it before the first Read.
func (rows *csvRows) start(matches func([]string) bool) error {
	if !rows.started {
		rows.started = true
		rows.err = rows.find(matches)
	}
	return rows.err
}

func (rows *csvRows) find(matches func([]string) bool) error {
	if rows.src == nil {
		return fmt.Errorf("%w: the reader is nil", ErrInvalidOption)
	}
	if matches == nil {
		matches = func([]string) bool { return false }
	}
	br := bufio.NewReaderSize(rows.src, sniffSize)
	rows.src = nil
	start, err := br.Peek(3)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
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
		return err
	}
	if bytes.IndexByte(prefix, '\r') >= 0 && bytes.IndexByte(prefix, '\n') < 0 {
		// Lines that end with a carriage return alone, which encoding/csv
		// would read as one line.
		br = bufio.NewReaderSize(crLines{br}, sniffSize)
		prefix, err = br.Peek(sniffSize)
		if err != nil && !errors.Is(err, io.EOF) {
			return err
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
		if !errors.Is(firstErr, io.EOF) {
			return rows.error(firstErr)
		}
		comma = ',' // no records: the reader says so
	}
	rows.comma, rows.br, rows.blockSize = comma, br, csvBlock
	return nil
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
func (rows *csvRows) Read() ([]string, error) {
	if err := rows.start(nil); err != nil {
		return nil, err
	}
	record, err := rows.next()
	if err == nil && rows.skipSep {
		rows.skipSep = false
		record, err = rows.next()
	}
	if err != nil {
		return nil, rows.error(err)
	}
	if !rows.quotes && utf8.ValidString(rows.text) && (!rows.utf16 || !strings.ContainsRune(rows.text, utf8.RuneError)) {
		return record, nil // every cell is good
	}
	for i, cell := range record {
		if !utf8.ValidString(cell) || rows.utf16 && strings.ContainsRune(cell, utf8.RuneError) {
			line, _ := rows.FieldPos(i)
			enc := "UTF-8"
			if rows.utf16 {
				enc = "UTF-16"
			}
			return nil, &RowError{Line: line, Column: i + 1, Err: &problem{kind: ErrInvalidEncoding,
				msg: fmt.Sprintf("the text is not %s: text in a code page such as windows-1250 or windows-1252 must be decoded first", enc)}}
		}
	}
	return record, nil
}

// next returns the next record, skipping empty lines as encoding/csv does.
func (rows *csvRows) next() ([]string, error) {
	for {
		start := rows.line + 1
		line, err := rows.readLine(start)
		if err != nil {
			return nil, err
		}
		if strings.IndexByte(line, '"') >= 0 {
			return rows.readQuoted(line, start)
		}
		// As encoding/csv: a line ends with \n, \r\n, or, at the end of the
		// text, nothing or \r.
		line = strings.TrimSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue
		}
		rows.text, rows.at, rows.quotes = line, start, false
		rows.record = rows.record[:0]
		for {
			i := strings.IndexByte(line, byte(rows.comma))
			if i < 0 {
				break
			}
			rows.record = append(rows.record, line[:i])
			line = line[i+1:]
		}
		rows.record = append(rows.record, line)
		return rows.record, nil
	}
}

// csvBlock is how much text csvRows makes into one string: the cells of
// its lines are parts of it, not a string each (BenchmarkCSVRows: a fifth
// of csvRows' time).
const csvBlock = 64 << 10

// readLine returns the next line, starting on line start, with its line
// feed if it has one; io.EOF after the last. A line longer than
// maxRecordBytes is an error before it is held whole.
func (rows *csvRows) readLine(start int) (string, error) {
	for {
		rest := rows.block[rows.pos:]
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			rows.pos += i + 1
			return rows.line1(rest[:i+1], start)
		}
		if rows.readErr != nil {
			if rest != "" && errors.Is(rows.readErr, io.EOF) {
				rows.pos = len(rows.block)
				return rows.line1(rest, start) // the last line, without a line feed
			}
			return "", rows.readErr
		}
		if len(rest) > maxRecordBytes {
			return "", rows.tooLong(start)
		}
		// A new block: the start of the line, and what follows it.
		size := max(rows.blockSize, 2*len(rest))
		buf := make([]byte, size)
		n := copy(buf, rest)
		m, err := io.ReadAtLeast(rows.br, buf[n:], 1)
		rows.block, rows.pos, rows.readErr = string(buf[:n+m]), 0, err
	}
}

// line1 counts line, which starts on line start, and returns it, or an
// error if it is longer than maxRecordBytes.
func (rows *csvRows) line1(line string, start int) (string, error) {
	if len(strings.TrimSuffix(line, "\n")) > maxRecordBytes {
		return "", rows.tooLong(start)
	}
	rows.line++
	return line, nil
}

// readQuoted reads a record with quotes, whose first line, starting on line
// start, is line: it gathers lines until its quotes are even in number, as
// a quoted field may hold line feeds, and lets encoding/csv read them.
func (rows *csvRows) readQuoted(line string, start int) ([]string, error) {
	rows.quoted = append(rows.quoted[:0], line...)
	for quotes := strings.Count(line, `"`); quotes%2 != 0; {
		line, err := rows.readLine(start)
		if errors.Is(err, io.EOF) {
			break // a quote left open: encoding/csv says so
		}
		if err != nil {
			return nil, err
		}
		quotes += strings.Count(line, `"`)
		rows.quoted = append(rows.quoted, line...)
		if len(bytes.TrimSuffix(rows.quoted, []byte("\n"))) > maxRecordBytes {
			return nil, rows.tooLong(start)
		}
	}
	if rows.qr == nil {
		rows.qr = newCSVReader(&rows.feed, rows.comma)
	}
	rows.feed.Reset(rows.quoted)
	record, err := rows.qr.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			pe.Line += start - pe.StartLine // on the lines of the text, not of the records fed to qr
			pe.StartLine = start
		}
		rows.qr = nil // it may hold the rest of the record
		return nil, err
	}
	first, _ := rows.qr.FieldPos(0)
	rows.text, rows.at, rows.quotes, rows.fields = "", start, true, rows.fields[:0]
	for i := range record {
		line, col := rows.qr.FieldPos(i)
		rows.fields = append(rows.fields, start+line-first, col)
	}
	rows.record = record
	return record, nil
}

// tooLong returns the error of a row, starting on line start, longer than
// maxRecordBytes.
func (rows *csvRows) tooLong(start int) error {
	return &RowError{Line: start, Err: &problem{kind: ErrInvalidCSV,
		msg: fmt.Sprintf("the row is longer than %d bytes, the most a row may be", maxRecordBytes)}}
}

// FieldPos returns the line and column of a field of the last record.
func (rows *csvRows) FieldPos(field int) (line, column int) {
	if rows.at == 0 {
		return 0, 0
	}
	if rows.quotes {
		if 2*field+1 < len(rows.fields) {
			return rows.fields[2*field], rows.fields[2*field+1]
		}
		return rows.at, 1
	}
	column = 1
	rest := rows.text
	for range field {
		i := strings.IndexByte(rest, byte(rows.comma))
		if i < 0 {
			break
		}
		column += i + 1
		rest = rest[i+1:]
	}
	return rows.at, column
}

// error returns err, an error of encoding/csv or of the reader below it,
// as Read returns it.
func (rows *csvRows) error(err error) error {
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
