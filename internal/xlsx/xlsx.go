// Package xlsx reads the rows of a sheet of an Excel workbook, as a stream,
// for the command, behind one boundary: any input may be hostile.
//
// excelize reads the workbook's package: its sheets, their order, which are
// hidden and which one Excel opens on. It is given the package with the
// sheets' cells and the shared strings left out, as placeholders, since it
// unpacks every part it is given, and its stream of rows stops without a
// word at an error in the XML, has no cell types and pads rows up to any
// row number. This package reads those parts itself, from the zip, as a
// stream: every error reported with its row and column, rows and columns
// held to Excel's limits, and each number read as Excel shows it.
package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Excel's limits: a sheet has at most MaxRows rows and MaxColumns columns.
const (
	MaxRows    = 1_048_576
	MaxColumns = 16_384
)

// Limits bound what a workbook may cost to read: the bytes its parts
// unpack to, in all and as a multiple of the workbook's own size. A zip
// bomb of a few megabytes unpacks to gigabytes.
type Limits struct {
	Unpacked int64 // the most bytes the parts may unpack to, in all
	Ratio    int64 // the most times its own size the workbook may unpack to
}

// unpacked returns the most bytes a workbook of size bytes may unpack to.
func (l Limits) unpacked(size int64) int64 {
	return min(l.Unpacked, l.Ratio*max(size, 1))
}

// A Sheet is a sheet of a workbook, and whether Excel shows its tab.
type Sheet struct {
	Name    string
	Visible bool
}

// A Workbook is an Excel workbook opened for reading its sheets' rows.
type Workbook struct {
	sheets []Sheet
	active int                  // the sheet Excel opens on
	parts  map[string]*zip.File // the cells of each sheet, by name
	shared *zip.File            // the shared strings, or nil
	left   int64                // the bytes the parts may still unpack to
}

// The parts of a package that excelize is given as placeholders.
const (
	spreadsheetNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	placeholder   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="` + spreadsheetNS + `"><sheetPr codeName="salestime%d"/><sheetData/></worksheet>`
	noStrings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<sst xmlns="` + spreadsheetNS + `"/>`
)

// Open opens the workbook in data, within lim. It returns an error for
// data that is no workbook, that unpacks to more than lim allows, or whose
// package excelize cannot read.
func Open(data []byte, lim Limits) (w *Workbook, err error) {
	defer func() {
		if r := recover(); r != nil {
			w, err = nil, fmt.Errorf("the workbook is broken: reading it failed with %v", r)
		}
	}()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("it is not a workbook: %w", err)
	}
	limit := lim.unpacked(int64(len(data)))
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(limit) {
			return nil, fmt.Errorf("it unpacks to more than %s, the most a workbook of %s may (%d times its size, at most %s)",
				bytesText(limit), bytesText(int64(len(data))), lim.Ratio, bytesText(lim.Unpacked))
		}
	}
	w = &Workbook{parts: map[string]*zip.File{}, left: limit}
	pkg, cells, err := w.outline(zr)
	if err != nil {
		return nil, err
	}
	book, err := excelize.OpenReader(bytes.NewReader(pkg), excelize.Options{UnzipSizeLimit: limit, UnzipXMLSizeLimit: limit})
	if err != nil {
		return nil, fmt.Errorf("cannot read the workbook: %w", err)
	}
	defer func() { _ = book.Close() }() // it holds no temporary file: every part is in memory
	for _, name := range book.GetSheetList() {
		visible, err := book.GetSheetVisible(name)
		if err != nil {
			return nil, fmt.Errorf("cannot read the workbook's sheet %q: %w", name, err)
		}
		w.sheets = append(w.sheets, Sheet{Name: name, Visible: visible})
		props, err := book.GetSheetProps(name)
		if err != nil {
			return nil, fmt.Errorf("cannot read the workbook's sheet %q: %w", name, err)
		}
		if props.CodeName != nil {
			if k, ok := strings.CutPrefix(*props.CodeName, "salestime"); ok {
				if i, err := strconv.Atoi(k); err == nil && i >= 0 && i < len(cells) {
					w.parts[name] = cells[i]
				}
			}
		}
	}
	w.active = book.GetActiveSheetIndex()
	return w, nil
}

// outline returns the package of zr for excelize, with the worksheets and
// the shared strings as placeholders, and the worksheets' parts, each
// named in its placeholder by its place in the list.
func (w *Workbook) outline(zr *zip.Reader) ([]byte, []*zip.File, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var cells []*zip.File
	for _, f := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		var text string
		switch {
		case strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml") && !strings.Contains(name[len("xl/worksheets/"):], "/"):
			text = fmt.Sprintf(placeholder, len(cells))
			cells = append(cells, f)
		case name == "xl/sharedstrings.xml":
			text = noStrings
			w.shared = f
		default:
			h := f.FileHeader
			out, err := zw.CreateRaw(&h)
			if err != nil {
				return nil, nil, fmt.Errorf("cannot read the workbook: %w", err)
			}
			raw, err := f.OpenRaw()
			if err == nil {
				_, err = io.Copy(out, raw)
			}
			if err != nil {
				return nil, nil, fmt.Errorf("cannot read the workbook's part %q: %w", f.Name, err)
			}
			continue
		}
		out, err := zw.Create(f.Name)
		if err == nil {
			_, err = io.WriteString(out, text)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("cannot read the workbook: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, nil, fmt.Errorf("cannot read the workbook: %w", err)
	}
	return buf.Bytes(), cells, nil
}

// Sheets returns the sheets of w, in the order of their tabs.
func (w *Workbook) Sheets() []Sheet {
	return w.sheets
}

// Opening returns the sheet Excel opens w on, where it is shown, or else
// the first sheet it shows; it reports whether there is one.
func (w *Workbook) Opening() (Sheet, bool) {
	if w.active >= 0 && w.active < len(w.sheets) && w.sheets[w.active].Visible {
		return w.sheets[w.active], true
	}
	for _, s := range w.sheets {
		if s.Visible {
			return s, true
		}
	}
	return Sheet{}, false
}

// Rows returns the rows of the sheet called name, which must be one of
// w's, as Sheets names them. A workbook's sheets are read one at a time.
func (w *Workbook) Rows(name string) (*Rows, error) {
	part, ok := w.parts[name]
	if !ok {
		return nil, fmt.Errorf("sheet %q has no cells this command can read: it is no worksheet, or the workbook is broken", name)
	}
	var shared []string
	if w.shared != nil {
		var err error
		if shared, err = w.sharedStrings(); err != nil {
			return nil, err
		}
	}
	r, err := w.open(part)
	if err != nil {
		return nil, err
	}
	return newRows(r, shared), nil
}

// open returns a reader of the unpacked part f, which fails once the
// parts read pass the limit.
func (w *Workbook) open(f *zip.File) (io.ReadCloser, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("cannot read the workbook's part %q: %w", f.Name, err)
	}
	return &limited{rc: rc, left: &w.left, name: f.Name}, nil
}

// limited reads a part while the bytes left allow.
type limited struct {
	rc   io.ReadCloser
	left *int64
	name string
}

func (l *limited) Read(p []byte) (int, error) {
	n, err := l.rc.Read(p)
	*l.left -= int64(n)
	if *l.left < 0 {
		return n, fmt.Errorf("the workbook's part %q unpacks to more than its limit", l.name)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		err = fmt.Errorf("the workbook's part %q is broken: %w", l.name, err)
	}
	return n, err
}

func (l *limited) Close() error { return l.rc.Close() }

// bytesText writes a size for a person, as in 512 MiB.
func bytesText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// sharedStrings reads the workbook's shared strings, which its cells of
// text refer to by number.
func (w *Workbook) sharedStrings() (list []string, err error) {
	rc, err := w.open(w.shared)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rc.Close() }() // read only
	d := xml.NewDecoder(rc)
	d.Strict = true
	fail := func(err error) error {
		line, _ := d.InputPos()
		return fmt.Errorf("the workbook's shared strings are broken, at line %d of their part: %w", line, err)
	}
	var b strings.Builder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return list, nil
		}
		if err != nil {
			return nil, fail(err)
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "si" {
			b.Reset()
			if err := readRichText(d, &b, fail); err != nil {
				return nil, err
			}
			list = append(list, b.String())
		}
	}
}
