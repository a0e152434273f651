package salestime_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// nameRunes are what generated names are made of: every Unicode space,
// control characters, quotes, delimiters, line breaks, formula starts,
// byte-order marks and letters.
var nameRunes = func() []rune {
	var rs []rune
	for _, r16 := range unicode.White_Space.R16 {
		for r := r16.Lo; r <= r16.Hi; r += r16.Stride {
			rs = append(rs, rune(r))
		}
	}
	rs = append(rs, 0, 1, 0x1b, 0x7f, 0x85, 0x9b, '\u2028', '\u2029', '\ufeff', '\ufffd', '\u202e',
		'"', '\'', ',', ';', '\t', '\r', '\n', '=', '+', '-', '@', '#', '\\', '.', '0', '1', '9',
		'a', 'Z', 'ü', 'ł', 'ß', '€', '日', '😀')
	return rs
}()

// randomName returns a name of up to 6 runes of nameRunes, sometimes with
// a byte that is not UTF-8.
func randomName(r *rand.Rand) string {
	var b strings.Builder
	for range 1 + r.IntN(6) {
		if r.IntN(3) == 0 {
			b.WriteRune(nameRunes[r.IntN(len(nameRunes))])
		} else {
			b.WriteRune(rune('a' + r.IntN(26)))
		}
	}
	if r.IntN(20) == 0 {
		b.WriteByte(0xff)
	}
	return b.String()
}

// randomRevenue returns a revenue as a reader could take it two ways, such
// as 1.250, or any other.
func randomRevenue(r *rand.Rand) decimal.Decimal {
	switch r.IntN(3) {
	case 0:
		return decimal.New(r.Int64N(1_000_000), -3) // 0.000 to 999.999
	case 1:
		return decimal.New(r.Int64N(1_000_000_000), -int32(r.IntN(19)))
	}
	return decimal.New(r.Int64N(1000), int32(r.IntN(10)))
}

// checkRoundTrip checks that p survives encoding/csv then ReadCSV, in
// every delimiter, and JSON, unchanged, each decimal with its places.
func checkRoundTrip(t *testing.T, p salestime.Portfolio) {
	t.Helper()
	records := recordsOf(p)
	for _, comma := range []rune{',', ';', '\t'} {
		var in bytes.Buffer
		w := csv.NewWriter(&in)
		w.Comma = comma
		if err := w.WriteAll(records); err != nil {
			t.Fatal(err)
		}
		back, err := salestime.ReadCSV(&in)
		if err != nil {
			t.Fatalf("ReadCSV() with %q = %v\n%s", comma, err, in.String())
		}
		if diff := cmp.Diff(p.Customers(), back.Customers(), samePlaces); diff != "" {
			t.Fatalf("ReadCSV() with %q mismatch (-want +got):\n%s", comma, diff)
		}
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatalf("json.Marshal() = %v", err)
	}
	var back salestime.Portfolio
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("json.Unmarshal(json.Marshal()) = %v\n%s", err, b)
	}
	if diff := cmp.Diff(p.Customers(), back.Customers(), samePlaces); diff != "" {
		t.Fatalf("JSON round trip mismatch (-want +got):\n%s", diff)
	}
}

// Every portfolio NewPortfolio takes, whatever the names, survives the
// round trips; the names it refuses are those the readers would change.
func TestRoundTripGeneratedNames(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	accepted := 0
	for i := range 3000 {
		customers := make([]salestime.Customer, 1+r.IntN(4))
		for j := range customers {
			customers[j] = salestime.Customer{Name: randomName(r), Revenue: randomRevenue(r), New: r.IntN(2) == 0, Key: r.IntN(3) == 0}
		}
		p, err := salestime.NewPortfolio(customers...)
		if err != nil {
			continue
		}
		accepted++
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkRoundTrip(t, p) })
	}
	if accepted < 300 {
		t.Errorf("only %d of 3000 generated portfolios were valid: the test checks too little", accepted)
	}
}

// FuzzRoundTrip builds portfolios from arbitrary names and revenues; every
// one NewPortfolio takes survives WriteCSV then ReadCSV, and JSON.
func FuzzRoundTrip(f *testing.F) {
	f.Add(" lead", "trail ", int64(1250), int32(-3), "crlf\r\nbreak")
	f.Add("A\xff", "A\xfe", int64(1), int32(0), "\u2028ls")
	f.Add("Acme", "Acme ", int64(126500), int32(-3), "nbsp\u00a0")
	f.Add("=HYPERLINK(\"x\")", "\"q\"", int64(7), int32(-1), "a,b;c\td")
	f.Fuzz(func(t *testing.T, n1, n2 string, coef int64, exp int32, n3 string) {
		rev := decimal.New(coef, exp)
		customers := []salestime.Customer{{Name: n1, Revenue: rev}, {Name: n2, Revenue: rev, New: true}, {Name: n3, Revenue: decimal.New(coef%1000, -3), Key: true}}
		p, err := salestime.NewPortfolio(customers...)
		if err != nil {
			return
		}
		checkRoundTrip(t, p)
	})
}

// recordsOf returns the records of p as CSV writes them: a header, then a
// row per customer, each revenue with its places, and the first that could
// be read with its digits grouped, as 1.250, written with zeros before it,
// as 0001.250, unless another revenue shows that the point is a decimal
// point.
func recordsOf(p salestime.Portfolio) [][]string {
	records := [][]string{{"name", "revenue", "new", "key"}}
	first, decided := -1, false
	for i, c := range p.Customers() {
		r := c.Revenue.StringFixed(max(-c.Revenue.Exponent(), 0))
		intPart, frac, ok := strings.Cut(r, ".")
		switch {
		case !ok:
		case len(intPart) > 3 || len(frac) != 3:
			decided = true
		case first < 0:
			first = i + 1
		}
		records = append(records, []string{c.Name, r, strconv.FormatBool(c.New), strconv.FormatBool(c.Key)})
	}
	if first > 0 && !decided {
		r := records[first][1]
		records[first][1] = strings.Repeat("0", 4-strings.Index(r, ".")) + r
	}
	return records
}
