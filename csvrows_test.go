package salestime

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// csvRowsSeeds are texts on which csvRows and encoding/csv must agree.
var csvRowsSeeds = []string{
	"",
	"name,revenue\nAcme,1\n",
	"name,revenue\r\nAcme,1\r\n\r\n\nBeta,2",
	"a,b\n\"c,d\",e\n\"f\n,g\"\"h\",i\r\n",
	"a,\"b\nc\ny\",z\nd,e\n",
	"a,b\"c\n",
	"\"a\"b,c\n",
	"\"a,b\nc,d\n",
	"a,b\r",
	"a\rb,c\n",
	"  ,  \n,\n\n\"\"\n",
	"é,\xff\n\"\xfe\",x\n",
	strings.Repeat("long,", 20) + "\n" + strings.Repeat("x", 40) + ",\"" + strings.Repeat("y\n", 20) + "\"\n",
}

// TestCSVRowsAsEncodingCSV reads random texts of delimiters, quotes, line
// ends, spaces and bytes that are not UTF-8 with csvRows and with
// encoding/csv alone, and checks that they read the same records, fields
// at the same lines and columns, and the same errors.
func TestCSVRowsAsEncodingCSV(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 7))
	alphabet := []string{"a", "b", ",", ";", "\"", "\n", "\r", "\r\n", " ", "é", "\xff", "xyzxyzxyz"}
	texts := csvRowsSeeds
	for range 3000 {
		var b strings.Builder
		for range r.IntN(60) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		for _, comma := range []rune{',', ';'} {
			checkCSVRows(t, text, comma)
		}
	}
}

func FuzzCSVRows(f *testing.F) {
	for _, s := range csvRowsSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkCSVRows(t, text, ',')
		checkCSVRows(t, text, '\t')
	})
}

// checkCSVRows reads text with csvRows, in blocks of 8 bytes so that long
// lines are gathered, and with encoding/csv, as
// the reader read every record before, and fails where they differ.
func checkCSVRows(t *testing.T, text string, comma rune) {
	t.Helper()
	rows := &csvRows{started: true, comma: comma, br: bufio.NewReaderSize(strings.NewReader(text), 16), blockSize: 8}
	ref := newCSVReader(strings.NewReader(text), comma)
	for n := 0; ; n++ {
		want, wantErr := readReference(ref)
		got, gotErr := rows.Read()
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("%q, delimiter %q, record %d: error %v, encoding/csv's %v", text, comma, n, gotErr, wantErr)
		}
		if wantErr != nil {
			return
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%q, delimiter %q, record %d mismatch (-encoding/csv +csvRows):\n%s", text, comma, n, diff)
		}
		for i := range want {
			wl, wc := ref.FieldPos(i)
			gl, gc := rows.FieldPos(i)
			if wl != gl || wc != gc {
				t.Fatalf("%q, delimiter %q, record %d, field %d at %d:%d, encoding/csv's %d:%d", text, comma, n, i, gl, gc, wl, wc)
			}
		}
	}
}

// readReference reads a record as csvRows.Read did with encoding/csv
// reading every record.
func readReference(cr *csv.Reader) ([]string, error) {
	record, err := cr.Read()
	if err != nil {
		return nil, (&csvRows{}).error(err)
	}
	for i, cell := range record {
		if !utf8.ValidString(cell) {
			line, _ := cr.FieldPos(i)
			return nil, &RowError{Line: line, Column: i + 1, Err: &problem{kind: ErrInvalidEncoding,
				msg: "the text is not UTF-8: text in a code page such as windows-1250 or windows-1252 must be decoded first"}}
		}
	}
	return record, nil
}

// TestCSVRowsTooLong checks that a row, quoted or not, is refused on the
// line it starts on once it is longer than maxRecordBytes, and read up to
// that length.
func TestCSVRowsTooLong(t *testing.T) {
	field := strings.Repeat("x", maxRecordBytes-2)
	for _, tt := range []struct {
		name, text string
		err        bool
	}{
		{"longest", "a\n" + field + ",y\nb\n", false},
		{"longest, with its carriage return", "a\n" + field + ",\r\nb\n", false},
		{"one byte more", "a\n" + field + ",yz\nb\n", true},
		{"quoted, longest", "a\n\"" + field[3:] + "\n\",y\nb\n", false},
		{"quoted, one byte more", "a\n\"" + field[3:] + "\n\",yz\nb\n", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows := CSVRows(strings.NewReader(tt.text))
			var err error
			for err == nil {
				_, err = rows.Read()
			}
			var re *RowError
			switch {
			case !tt.err && !errors.Is(err, io.EOF):
				t.Fatalf("Read() = %v, want the rows read", err)
			case tt.err && (!errors.As(err, &re) || re.Line != 2 || !errors.Is(err, ErrInvalidCSV)):
				t.Fatalf("Read() = %v, want line 2 too long", err)
			}
		})
	}
}

// BenchmarkCSVRows reads 100,000 rows of an export, with no quotes or a
// tenth of them with a quoted name, with csvRows and with encoding/csv
// alone.
func BenchmarkCSVRows(b *testing.B) {
	for _, quoted := range []int{0, 10} { // none, or every tenth
		var text strings.Builder
		text.WriteString("owner,name,revenue,new\n")
		for i := range 100_000 {
			name := fmt.Sprintf("account-%d", i)
			if quoted > 0 && i%quoted == 0 {
				name = fmt.Sprintf("\"Account %d, Inc.\"", i)
			}
			fmt.Fprintf(&text, "owner-%d,%s,%d.%02d,%v\n", i%500, name, i*37%100000, i%100, i%4 == 0)
		}
		in := text.String()
		b.Run(fmt.Sprintf("quoted-every=%d/csvRows", quoted), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				rows := &csvRows{started: true, comma: ',', br: bufio.NewReaderSize(strings.NewReader(in), sniffSize), blockSize: csvBlock}
				for {
					if _, err := rows.Read(); err != nil {
						break
					}
				}
			}
		})
		b.Run(fmt.Sprintf("quoted-every=%d/encoding-csv", quoted), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				cr := newCSVReader(bufio.NewReaderSize(strings.NewReader(in), sniffSize), ',')
				cr.ReuseRecord = true
				for {
					if _, err := readReference(cr); err != nil {
						break
					}
				}
			}
		})
	}
}
