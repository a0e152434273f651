package textout

import (
	"bufio"
	"errors"
	"io"

	"github.com/salestime/salestime/internal/spool"
)

// A LongTable holds the rows of a table too long to hold as cells, such
// as a summary of a million owners, until the widths of its columns are
// known: each row's cells joined by tabs, which shown cells never hold, a
// row a line, in a spool. The zero LongTable has no rows.
type LongTable struct {
	rows   *spool.Spool
	w      *bufio.Writer
	widths []int
}

// Empty reports whether t has no rows.
func (t *LongTable) Empty() bool {
	return t.rows == nil
}

// Add adds a row of cells, and widens the columns to fit them.
func (t *LongTable) Add(cells []string) {
	if t.rows == nil {
		t.rows = &spool.Spool{What: "the rows of a table"}
		t.w = bufio.NewWriterSize(t.rows, 64<<10)
	}
	for i, c := range cells {
		if i > 0 {
			_ = t.w.WriteByte('\t') // bufio.Writer keeps its error for Flush
		}
		_, _ = t.w.WriteString(c)
	}
	_ = t.w.WriteByte('\n')
	t.widen(cells)
}

func (t *LongTable) widen(cells []string) {
	for i, c := range cells {
		if i == len(t.widths) {
			t.widths = append(t.widths, 0)
		}
		t.widths[i] = max(t.widths[i], Width(c))
	}
}

// WriteTo writes header, the rows and last, in columns as WriteTable lays
// them out.
func (t *LongTable) WriteTo(w *bufio.Writer, header, last []string, right []bool) error {
	t.widen(header)
	t.widen(last)
	var r Row
	WriteRow(w, r.Set(header...), t.widths, right)
	if t.rows != nil {
		if err := t.w.Flush(); err != nil {
			return err
		}
		rows, err := t.rows.Reader()
		if err != nil {
			return err
		}
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
			WriteRow(w, r.Split(line[:len(line)-1]), t.widths, right)
			line = line[:0]
		}
	}
	WriteRow(w, r.Set(last...), t.widths, right)
	return nil
}

// Remove removes the temporary file of the rows, if there is one.
func (t *LongTable) Remove() {
	if t.rows != nil {
		t.rows.Remove()
	}
}
