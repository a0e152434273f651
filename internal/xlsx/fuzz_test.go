package xlsx

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// FuzzRows reads any sheet XML: it never panics, and every row it returns
// is within Excel's limits, after the row before it.
func FuzzRows(f *testing.F) {
	for _, rows := range []string{
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>725450.29000000004</v></c></row>`,
		`<row r="1"><c r="A1" t="inlineStr"><is><t>a&bomb;</t></is></c></row>`,
		`<row r="9000000000000000000"/>`,
		`<row r="1"><c r="XFE1"><v>1</v></c></row>`,
		`<row r="1"><c r="A1" t="s"><v>-1</v></c></row>`,
		`<row r="2"><c r="B2" t="b"><v>1</v></c><c r="C2"><f>1+1</f><v>2</v></c></row><row><c><v>1E+300</v></c></row>`,
	} {
		f.Add([]byte(sheetXML(rows)))
		f.Add([]byte(cut(sheetXML(rows))))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := newRows(io.NopCloser(bytes.NewReader(data)), []string{"name", "revenue"})
		last := 0
		for range MaxRows + 1 {
			cells, err := r.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				var ce *CellError
				if !errors.As(err, &ce) {
					t.Fatalf("Read() = %v, want a CellError", err)
				}
				return
			}
			row, _ := r.FieldPos(0)
			if row <= last || row > MaxRows || len(cells) == 0 || len(cells) > MaxColumns {
				t.Fatalf("row %d after row %d has %d cells", row, last, len(cells))
			}
			last = row
		}
		t.Fatal("more rows than a sheet has")
	})
}

// FuzzOpen opens any bytes as a workbook: it never panics.
func FuzzOpen(f *testing.F) {
	f.Add([]byte("PK\x03\x04 and no zip"))
	f.Add([]byte{})
	f.Add(book(f, 1, "hidden", sheetXML(`<row r="1"><c r="A1" t="s"><v>2</v></c></row>`)))
	f.Fuzz(func(_ *testing.T, data []byte) {
		w, err := Open(data, Limits{Unpacked: 16 << 20, Ratio: 100})
		if err != nil {
			return
		}
		for _, s := range w.Sheets() {
			rows, err := w.Rows(s.Name)
			if err != nil {
				continue
			}
			for range 100 {
				if _, err := rows.Read(); err != nil {
					break
				}
			}
			_ = rows.Close()
		}
	})
}
