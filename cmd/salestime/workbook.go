package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/salestime/salestime"
	"github.com/salestime/salestime/internal/xlsx"
)

// workbookLimits bound what a workbook may unpack to: real exports of a
// CRM, a million rows of a dozen columns, unpack to a few hundred
// megabytes, at most about 20 times their size; a zip bomb to far more.
var workbookLimits = xlsx.Limits{Unpacked: 2 << 30, Ratio: 100}

// readWorkbook reads the workbook called name in r with read: the sheet
// called sheet, or the one Excel opens on, and, where the workbook has
// more than one, says which on notes.
func readWorkbook(r io.Reader, name, sheet string, notes io.Writer, read func(rows salestime.RowReader, sheet string) error) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("salestime: %s: %w", name, err)
	}
	w, err := xlsx.Open(data, workbookLimits)
	if err != nil {
		return fmt.Errorf("salestime: %s: %w", name, err)
	}
	sheets := w.Sheets()
	if sheet == "" {
		opening, ok := w.Opening()
		if !ok {
			return fmt.Errorf("salestime: %s: the workbook shows no sheet; name one with -sheet, of %s", name, sheetNames(sheets))
		}
		sheet = opening.Name
		if len(sheets) > 1 {
			complain(notes, "salestime: %s: reading sheet %q, the one Excel opens on, of %s; -sheet names another\n", name, sheet, sheetNames(sheets))
		}
	} else {
		found := false
		for _, s := range sheets {
			if strings.EqualFold(s.Name, strings.TrimSpace(sheet)) {
				sheet, found = s.Name, true
				break
			}
		}
		if !found {
			return fmt.Errorf("salestime: %s: the workbook has no sheet %q; its sheets are %s", name, sheet, sheetNames(sheets))
		}
	}
	rows, err := w.Rows(sheet)
	if err != nil {
		return fmt.Errorf("salestime: %s: %w", name, err)
	}
	defer func() { _ = rows.Close() }() // read only
	return read(&sheetRows{rows: rows}, sheet)
}

// sheetNames lists sheets for a message, the hidden ones said to be so.
func sheetNames(sheets []xlsx.Sheet) string {
	names := make([]string, len(sheets))
	for i, s := range sheets {
		names[i] = fmt.Sprintf("%q", s.Name)
		if !s.Visible {
			names[i] += " (hidden)"
		}
	}
	return strings.Join(names, ", ")
}

// sheetRows reads the rows of a sheet as a salestime.RowReader, its errors
// as the library's, which name the file and the sheet.
type sheetRows struct {
	rows *xlsx.Rows
}

func (s *sheetRows) Read() ([]string, error) {
	cells, err := s.rows.Read()
	var ce *xlsx.CellError
	if errors.As(err, &ce) {
		return nil, &salestime.RowError{Line: ce.Row, Column: ce.Col, Err: kindError{ce.Msg, salestime.ErrInvalidCSV}}
	}
	return cells, err
}

func (s *sheetRows) FieldPos(field int) (line, column int) {
	return s.rows.FieldPos(field)
}
