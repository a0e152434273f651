package salestime_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// The fuzz targets assert the documented invariants on any input. Run one
// with: go test -run='^$' -fuzz='^FuzzAllocate$' -fuzztime=10s .

// encodeCustomers writes customers as FuzzAllocate reads them: revenues as
// whole numbers with 0 to 4 places.
func encodeCustomers(cs ...salestime.Customer) []byte {
	var b []byte
	for _, c := range cs {
		places := byte(-c.Revenue.Exponent())
		v := c.Revenue.Coefficient().Uint64()
		flags := byte(0)
		if c.New {
			flags |= 1
		}
		if c.Key {
			flags |= 2
		}
		b = append(b, byte(v>>16), byte(v>>8), byte(v), places, flags)
	}
	return b
}

// decodeCustomers reads customers, five bytes each: a revenue coefficient
// of three bytes, a byte for its places (mostly 0 to 4; 255 and 254 make
// values outside the bounds), and a byte of flags: new, key, a repeated
// name, a blank name.
func decodeCustomers(data []byte) []salestime.Customer {
	var cs []salestime.Customer
	for i := 0; i+5 <= len(data) && len(cs) < 64; i += 5 {
		v := int64(data[i])<<16 | int64(data[i+1])<<8 | int64(data[i+2])
		exp := -int32(data[i+3] % 5)
		switch data[i+3] {
		case 255:
			exp = -salestime.MaxPlaces - 1
		case 254:
			exp = salestime.MaxIntegerDigits
		}
		flags := data[i+4]
		c := salestime.Customer{Name: fmt.Sprintf("c%d", len(cs)), Revenue: decimal.New(v, exp), New: flags&1 != 0, Key: flags&2 != 0}
		if flags&4 != 0 && len(cs) > 0 {
			c.Name = cs[0].Name
		}
		if flags&8 != 0 && flags&16 != 0 {
			c.Name = " "
		}
		cs = append(cs, c)
	}
	return cs
}

func FuzzAllocate(f *testing.F) {
	f.Add(encodeCustomers(c("A", "700"), c("B", "200"), c("C", "100")), uint32(1600), uint8(0), uint64(1))
	f.Add(encodeCustomers(nc("N1", "500"), nc("N2", "300"), c("E1", "120"), c("E2", "80")), uint32(80), uint8(4), uint64(2))
	for i, tt := range planTests {
		f.Add(encodeCustomers(tt.customers...), uint32(i*37), uint8(i), uint64(i))
	}
	f.Add([]byte{0, 0, 1, 255, 0}, uint32(1), uint8(0), uint64(3))
	f.Add([]byte{0, 0, 1, 0, 0, 0, 0, 2, 0, 4}, uint32(1), uint8(0), uint64(4))
	f.Fuzz(func(t *testing.T, data []byte, budgetSteps uint32, stepCode uint8, seed uint64) {
		customers := decodeCustomers(data)
		if _, err := salestime.NewPortfolio(customers...); err != nil {
			checkRefused(t, customers, err)
			return
		}
		r := rand.New(rand.NewPCG(seed, seed>>32))
		step := decimal.New(int64(1+stepCode%4), -int32(stepCode/4%3))
		budget := step.Mul(decimal.New(int64(budgetSteps%1_000_000), 0))
		for kind := range 5 {
			ex, nw, opts := randomRules(r)
			checkAgainstOracle(t, r, customers, selectorOfKind(kind, r), ex, nw, opts, budget, step)
		}
	})
}

// checkRefused checks that NewPortfolio refused customers for a reason they
// have.
func checkRefused(t *testing.T, customers []salestime.Customer, err error) {
	t.Helper()
	seen := map[string]bool{}
	var blank, dup, bad bool
	for _, c := range customers {
		blank = blank || strings.TrimSpace(c.Name) == ""
		dup = dup || seen[c.Name]
		seen[c.Name] = true
		bad = bad || c.Revenue.Exponent() < -salestime.MaxPlaces || c.Revenue.Exponent() >= salestime.MaxIntegerDigits && !c.Revenue.IsZero()
	}
	switch {
	case errors.Is(err, salestime.ErrInvalidCustomer) && blank:
	case errors.Is(err, salestime.ErrDuplicateCustomer) && dup:
	case errors.Is(err, salestime.ErrInvalidRevenue) && bad:
	default:
		t.Fatalf("NewPortfolio() = %v, for customers without that fault: %v", err, customers)
	}
}

// shareInBounds reports whether d has at most MaxPlaces places and no more
// than one digit before the point, without arithmetic on d.
func shareInBounds(d decimal.Decimal) bool {
	return d.Exponent() >= -salestime.MaxPlaces && (d.Exponent() <= 0 || d.IsZero() && d.Exponent() <= salestime.MaxIntegerDigits)
}

func FuzzTimeShare(f *testing.F) {
	f.Add("existing customers", int64(5), int32(-1), int64(70), int32(-2))
	f.Add("new customers", int64(75), int32(-2), int64(8), int32(-1))
	f.Add("", int64(5), int32(-1), int64(1), int32(0))
	f.Add("x", int64(1), int32(2147483647), int64(1), int32(-2147483648))
	f.Add("x", int64(-1), int32(0), int64(1), int32(5000))
	f.Fuzz(func(t *testing.T, name string, fc int64, fe int32, sc int64, se int32) {
		factor, share := decimal.New(fc, fe), decimal.New(sc, se)
		rule, err := salestime.NewRule(name, factor)
		wantRule := strings.TrimSpace(name) != "" && shareInBounds(factor) &&
			factor.Sign() > 0 && factor.Rat().Cmp(big.NewRat(1, 1)) <= 0
		if (err == nil) != wantRule {
			t.Fatalf("NewRule(%q, %s) = %v, %v; valid: %t", name, factor.String(), rule, err, wantRule)
		}
		if err != nil {
			if !errors.Is(err, salestime.ErrInvalidRule) || !rule.Equal(salestime.Rule{}) {
				t.Fatalf("NewRule(%q, %v) = %v, %v, want the zero Rule and %v", name, factor, rule, err, salestime.ErrInvalidRule)
			}
			if _, err := rule.TimeShare(share); !errors.Is(err, salestime.ErrInvalidRule) {
				t.Fatalf("Rule{}.TimeShare() error = %v, want %v", err, salestime.ErrInvalidRule)
			}
			return
		}
		wantShare := shareInBounds(share) && share.Sign() >= 0 && share.Rat().Cmp(big.NewRat(1, 1)) <= 0
		got, err := rule.TimeShare(share)
		if (err == nil) != wantShare {
			t.Fatalf("%v.TimeShare(%v) = %v, %v; valid: %t", rule, share, got, err, wantShare)
		}
		if err != nil {
			if !errors.Is(err, salestime.ErrInvalidShare) {
				t.Fatalf("%v.TimeShare(%v) error = %v, want %v", rule, share, err, salestime.ErrInvalidShare)
			}
			return
		}
		want := new(big.Rat).Mul(factor.Rat(), share.Rat())
		if got.Rat().Cmp(want) != 0 || got.Sign() < 0 || got.Cmp(factor) > 0 {
			t.Fatalf("%v.TimeShare(%v) = %v, want exactly %v", rule, share, got, want.RatString())
		}
		for _, fn := range []struct {
			fn     func(decimal.Decimal) (decimal.Decimal, error)
			factor *big.Rat
		}{{salestime.ExistingCustomerTime, big.NewRat(1, 2)}, {salestime.NewCustomerTime, big.NewRat(3, 4)}} {
			got, err := fn.fn(share)
			if want := new(big.Rat).Mul(fn.factor, share.Rat()); err != nil || got.Rat().Cmp(want) != 0 {
				t.Fatalf("time of %v = %v, %v, want %v", share, got, err, want.RatString())
			}
		}
	})
}

func FuzzReadCSV(f *testing.F) {
	for _, tt := range readCSVTests {
		f.Add(tt.in)
	}
	for _, tt := range readCSVErrorTests {
		f.Add(tt.in)
	}
	f.Add("owner;name;revenue;new\nbob;Acme;10;\nann;Acme;20;yes\n  ;Orphan;1;\nann;Beta;5,5;\n")
	f.Fuzz(func(t *testing.T, in string) {
		p, err := salestime.ReadCSV(strings.NewReader(in))
		if err != nil {
			checkReadError(t, err, readSentinels...)
			if p.Len() != 0 {
				t.Fatalf("ReadCSV() returned %d customers with error %v", p.Len(), err)
			}
		} else {
			records := recordsOf(p)
			var out bytes.Buffer
			w := csv.NewWriter(&out)
			if err := w.WriteAll(records); err != nil {
				t.Fatal(err)
			}
			back, err := salestime.ReadCSV(&out)
			if err != nil {
				t.Fatalf("ReadCSV(its customers written again) = %v\n%v", err, records)
			}
			if diff := cmp.Diff(p.Customers(), back.Customers(), exactDecimals); diff != "" {
				t.Fatalf("ReadCSV(its customers written again) mismatch (-want +got):\n%s", diff)
			}
		}
	})
}

// FuzzReadAccountsCSV reads arbitrary input with arbitrary options. It
// checks that it never panics, that every error wraps a sentinel and comes
// with nothing partial, and that what it reads is well formed: a number
// format it knows, the one asked for if any, groups in order, and no blank
// name or negative revenue.
func FuzzReadAccountsCSV(f *testing.F) {
	for _, tt := range readAccountsTests {
		f.Add(tt.in, tt.opts.Numbers, tt.opts.Sum, "")
	}
	for _, tt := range readAccountsErrorTests {
		f.Add(tt.in, tt.opts.Numbers, tt.opts.Sum, "")
	}
	for _, tt := range readCSVTests {
		f.Add(tt.in, "", false, "")
	}
	f.Add("Name;Revenue\nKowalski Bau;182000\nMüller Stahl;126.500\n", "", false, "")
	f.Add("Name\tRevenue\nAcme\t1,250\n", "", false, "")
	f.Add("Name;Revenue\nA;1.126.500,00\n", "1.234,56", false, "")
	f.Add("\"Account Name\",\"Amount\"\n\"A\",\"$1,250.00\"\n\"A\",\"USD 5\"\n", "", true, "Account Name")
	f.Add("name,revenue,key\nA,1,x\n", "", false, "")
	formats := []string{"", "1234.56", "1234,56", "1,234.56", "1.234,56", "1 234,56", "1 234.56", "1'234.56"}
	f.Fuzz(func(t *testing.T, in, numbers string, sum bool, nameHeader string) {
		opts := salestime.ReadOptions{Numbers: numbers, Sum: sum}
		if nameHeader != "" {
			opts.Columns = map[string]string{"name": nameHeader}
		}
		acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in)), opts)
		if err != nil {
			checkReadError(t, err, append(readSentinels, salestime.ErrInvalidOption)...)
			if groupCount(acc) != 0 || acc.Currency != "" {
				t.Fatalf("ReadAccountsCSV() returned %+v with error %v", acc, err)
			}
			return
		}
		if !slices.Contains(formats, acc.Numbers) {
			t.Fatalf("ReadAccountsCSV() reports number format %q", acc.Numbers)
		}
		if numbers != "" && slices.Contains(formats, numbers) && numbers != acc.Numbers {
			t.Fatalf("ReadAccountsCSV() reports number format %q, asked for %q", acc.Numbers, numbers)
		}
		if !acc.Owners && groupCount(acc) != 1 {
			t.Fatalf("ReadAccountsCSV() without owners returned %d groups", groupCount(acc))
		}
		previous := ""
		i := 0
		for g := range acc.Groups() {
			if i > 0 && g.Name <= previous {
				t.Fatalf("groups %q and %q are out of order", previous, g.Name)
			}
			previous = g.Name
			i++
			for _, c := range g.Portfolio.Customers() {
				if c.Revenue.Sign() < 0 || c.Name == "" {
					t.Fatalf("ReadAccountsCSV() read customer %+v", c)
				}
			}
		}
	})
}

func FuzzUnmarshalPortfolio(f *testing.F) {
	for _, tt := range unmarshalPortfolioTests {
		f.Add([]byte(tt.in))
	}
	for _, tt := range unmarshalPortfolioErrorTests {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var p salestime.Portfolio
		if err := json.Unmarshal(in, &p); err != nil {
			return // any error is fine; that it does not panic is the point
		}
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("json.Marshal() = %v", err)
		}
		var back salestime.Portfolio
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("json.Unmarshal(json.Marshal()) = %v\n%s", err, out)
		}
		if diff := cmp.Diff(p.Customers(), back.Customers(), exactDecimals); diff != "" {
			t.Fatalf("JSON round trip mismatch (-want +got):\n%s", diff)
		}
		again, err := json.Marshal(back)
		if err != nil || !bytes.Equal(out, again) {
			t.Fatalf("json.Marshal() of the round trip = %s, %v, want %s", again, err, out)
		}
	})
}
