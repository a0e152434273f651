package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The parts of a small workbook, as Excel writes them.
const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
	packageRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	// workbookXML has the sheets Old, hidden, and New, and Excel opens
	// on the tab of activeTab.
	workbookXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="%d"/></bookViews><sheets><sheet name="Old" sheetId="1" state="%s" r:id="rId1"/><sheet name="New" sheetId="2" r:id="rId2"/></sheets></workbook>`
	sharedXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>name</t></si><si><t>revenue</t></si><si><r><rPr><b/></rPr><t>Kowalski </t></r><r><t>Bau</t></r></si><si><t>株式会社</t><rPh sb="0" eb="4"><t>カブシキガイシャ</t></rPh><phoneticPr fontId="1"/></si></sst>`
)

// sheetXML returns a worksheet whose sheetData holds rows.
func sheetXML(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B3"/><sheetData>` + rows + `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
}

// book returns a workbook of sheets Old (state "hidden" or "") and New,
// with New's cells in rows, Excel opening on the tab active.
func book(tb testing.TB, active int, state, rows string) []byte {
	tb.Helper()
	return zipOf(tb, map[string]string{
		"[Content_Types].xml":        contentTypes,
		"_rels/.rels":                packageRels,
		"xl/workbook.xml":            fmt.Sprintf(workbookXML, active, cmpOr(state, "visible")),
		"xl/_rels/workbook.xml.rels": workbookRels,
		"xl/worksheets/sheet1.xml":   sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>last year</t></is></c></row>`),
		"xl/worksheets/sheet2.xml":   rows,
		"xl/sharedStrings.xml":       sharedXML,
	})
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// zipOf returns a zip of the parts, by name.
func zipOf(tb testing.TB, parts map[string]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
		"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml"} {
		text, ok := parts[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := io.WriteString(w, text); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

var limits = Limits{Unpacked: 1 << 30, Ratio: 100}

// readAll returns every row of the sheet New of data, each with its row
// number first, or the first error.
func readAll(t *testing.T, data []byte) ([][]string, error) {
	t.Helper()
	w, err := Open(data, limits)
	if err != nil {
		return nil, err
	}
	rows, err := w.Rows("New")
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var out [][]string
	for {
		cells, err := rows.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		row, _ := rows.FieldPos(0)
		out = append(out, append([]string{fmt.Sprint(row)}, cells...))
	}
}

func TestRows(t *testing.T) {
	rows := sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>3</v></c></row>` +
		`<row r="2"/>` +
		`<row r="3" spans="1:3"><c r="A3" t="s"><v>2</v></c><c r="B3"><v>725450.29000000004</v></c><c r="C3" t="b"><v>1</v></c></row>` +
		`<row r="5"><c r="A5" t="inlineStr"><is><t>725450.29000000004</t></is></c><c r="B5" s="3"><v>7949.4999999999991</v></c><c r="C5" t="b"><v>0</v></c></row>` +
		`<row r="6"><c r="A6" t="str"><f>A5&amp;"x"</f><v>Sum &lt;1&gt;</v></c><c r="B6"><f>B5*2</f><v>15899</v></c><c r="C6"><v>1.5E-3</v></c></row>` +
		`<row r="7"><c r="B7"><v>0.30000000000000004</v></c><c r="C7" t="e"><v>#N/A</v></c><c r="D7"><v>123456789012345678</v></c></row>` +
		`<row><c><v>1</v></c><c><v>2</v></c></row>`)
	got, err := readAll(t, book(t, 1, "hidden", rows))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"1", "name", "revenue", "", "株式会社"},
		{"3", "Kowalski Bau", "725450.29", "TRUE"},
		{"5", "725450.29000000004", "7949.5", "FALSE"},
		{"6", "Sum <1>", "15899", "0.0015"},
		{"7", "", "0.3", "#N/A", "123456789012346000"},
		{"8", "1", "2"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows mismatch (-want +got):\n%s", diff)
	}
}

// A hostile sheet is refused with its row, at once: it never ends the
// sheet early without a word, never panics, and never pads rows.
func TestRowsRefused(t *testing.T) {
	tests := []struct {
		name, rows string
		want       string
	}{
		{"cut XML", cut(sheetXML(`<row r="1"><c r="A1"><v>5000000</v></c></row><row r="2"><c r="A2"><v>1`)), "the sheet's XML is broken in row 2"},
		{"cut after the rows", strings.TrimSuffix(sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`), "</worksheet>"), "the sheet's XML is broken after row 1"},
		{"undefined entity", sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>a&bomb;</t></is></c></row>`), "invalid character entity &bomb;"},
		{"mismatched tags", sheetXML(`<row r="1"><c r="A1"><v>1</c></row>`), "the sheet's XML is broken"},
		{"a shared string of -1", sheetXML(`<row r="1"><c r="A1" t="s"><v>-1</v></c></row>`), "the cell refers to shared string -1, and the workbook has 4"},
		{"a shared string beyond", sheetXML(`<row r="1"><c r="A1" t="s"><v>99999999</v></c></row>`), "the cell refers to shared string 99999999, and the workbook has 4"},
		{"a row far away", sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row><row r="9000000000000000000"/>`), "row 9000000000000000000 is past Excel's last row, 1048576"},
		{"a row past the last", sheetXML(`<row r="1048577"><c r="A1048577"><v>1</v></c></row>`), "row 1048577 is past Excel's last row, 1048576"},
		{"rows backwards", sheetXML(`<row r="5"><c r="A5"><v>1</v></c></row><row r="3"/>`), "row 3 comes after row 5"},
		{"a column past the last", sheetXML(`<row r="1"><c r="XFE1"><v>1</v></c></row>`), `cell "XFE1" is past Excel's last column, XFD`},
		{"a cell in another row", sheetXML(`<row r="1"><c r="A2"><v>1</v></c></row>`), `cell "A2" is in row 1`},
		{"cells backwards", sheetXML(`<row r="1"><c r="C1"><v>1</v></c><c r="B1"><v>1</v></c></row>`), `cell "B1" comes after the cell of column 3`},
		{"a formula without its value", sheetXML(`<row r="1"><c r="A1"><f>1+1</f></c></row>`), "the cell has a formula and no value"},
		{"a number that is none", sheetXML(`<row r="1"><c r="A1"><v>12x</v></c></row>`), `the cell is a number of value "12x", which is no number`},
		{"an infinite number", sheetXML(`<row r="1"><c r="A1"><v>1e999</v></c></row>`), "which is no number"},
		{"an unknown type", sheetXML(`<row r="1"><c r="A1" t="q"><v>1</v></c></row>`), `the cell is of type "q"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(t, book(t, 1, "", tt.rows))
			var ce *CellError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("reading the sheet = %v, want a CellError saying %q", err, tt.want)
			}
		})
	}
}

// cut returns a sheet's XML cut where its rows end.
func cut(sheet string) string {
	before, _, _ := strings.Cut(sheet, "</sheetData>")
	return before
}

func TestOpening(t *testing.T) {
	tests := []struct {
		active int
		state  string
		want   string
	}{
		{0, "", "Old"},
		{1, "", "New"},
		{0, "hidden", "New"},     // Excel's tab is hidden: the first it shows
		{0, "veryHidden", "New"}, // hidden from the menu too
		{7, "", "Old"},           // no such tab
	}
	for _, tt := range tests {
		w, err := Open(book(t, tt.active, tt.state, sheetXML("")), limits)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := w.Opening()
		if !ok || got.Name != tt.want {
			t.Errorf("Opening() of tab %d, Old %q = %v, %v; want %s", tt.active, tt.state, got, ok, tt.want)
		}
		if want := tt.state == ""; w.Sheets()[0].Visible != want {
			t.Errorf("Old %q: Visible = %v, want %v", tt.state, w.Sheets()[0].Visible, want)
		}
	}
}

// A zip bomb is refused before it is unpacked: by the sizes its zip
// claims, and where those lie, as it is read.
func TestBombs(t *testing.T) {
	huge := sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>` + strings.Repeat("a", 8<<20) + `</t></is></c></row>`)
	data := book(t, 1, "", huge)
	_, err := Open(data, Limits{Unpacked: 1 << 30, Ratio: 20})
	if err == nil || !strings.Contains(err.Error(), "it unpacks to more than") {
		t.Errorf("Open(8 MiB in %d bytes) = %v, want it refused", len(data), err)
	}
	_, err = Open(data, Limits{Unpacked: 4 << 20, Ratio: 1000})
	if err == nil || !strings.Contains(err.Error(), "at most 4 MiB") {
		t.Errorf("Open(8 MiB, at most 4 MiB) = %v, want it refused", err)
	}

	// A zip whose sheet says it unpacks to 100 bytes, and unpacks to 8 MiB.
	lying := resized(t, data, func(name string) uint64 {
		if name == "xl/worksheets/sheet2.xml" {
			return 100
		}
		return 0
	})
	if _, err := readAll(t, lying); err == nil || !strings.Contains(err.Error(), "zip: not a valid zip file") {
		t.Errorf("reading a sheet larger than its zip says = %v, want it refused", err)
	}
	// One whose parts say they unpack to 4 GiB each: refused before
	// anything is unpacked or made.
	claims := resized(t, book(t, 1, "", sheetXML("")), func(name string) uint64 {
		if strings.HasPrefix(name, "xl/") {
			return 4 << 30
		}
		return 0
	})
	if _, err := Open(claims, limits); err == nil || !strings.Contains(err.Error(), "it unpacks to more than") {
		t.Errorf("Open(parts of 4 GiB) = %v, want it refused", err)
	}
}

// resized returns the zip data with the unpacked size of each part that
// size gives one, other than 0, said to be that.
func resized(t *testing.T, data []byte, size func(name string) uint64) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		h := f.FileHeader
		if n := size(h.Name); n != 0 {
			h.UncompressedSize64 = n
		}
		w, err := zw.CreateRaw(&h)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := f.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, raw); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestShownNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"182000", "182000"},
		{"126500.5", "126500.5"},
		{"0.0015", "0.0015"},
		{"1.5E-3", "0.0015"},
		{"1E+20", "100000000000000000000"},
		{"-7949.4999999999991", "-7949.5"},
		{"725450.29000000004", "725450.29"},
		{"59101.810000000005", "59101.81"},
		{"0.1", "0.1"},
		{"123456789012345", "123456789012345"},
		{"1234567890123456", "1234567890123460"},
		{"0.000000000000000000012345678901234567", "0.0000000000000000000123456789012346"},
	}
	for _, tt := range tests {
		if got, ok := shownNumber(tt.in); !ok || got != tt.want {
			t.Errorf("shownNumber(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}
