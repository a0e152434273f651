package salestime_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// The benchmarks run the whole pipeline, NewPortfolio + Allocate(TopShare(0.8))
// + Plan(1600, 0.25), beside the same job written by hand with float64, on
// the same data, so that one run shows the ratio:
//
//	go test -run='^$' -bench=Pipeline -count=8 . | tee bench.txt
//	benchstat -col /impl bench.txt

// benchData is a sales organisation: portfolios of customers with revenues
// of two decimal places, log-normal, a quarter of the customers new;
// and the same revenues as float64.
type benchData struct {
	portfolios [][]salestime.Customer
	floats     [][]floatCustomer
	customers  int
}

type floatCustomer struct {
	name    string
	revenue float64
	new     bool
}

// makeBenchData makes portfolios of size customers, a quarter of them new,
// with log-normal revenues, or, if uniform, revenues spread evenly from
// 0.01 to 10,000,000.00, of which the top share of 80% is more than half
// the customers.
func makeBenchData(portfolios, size int, uniform bool) benchData {
	r := rand.New(rand.NewPCG(uint64(portfolios), uint64(size)))
	data := benchData{customers: portfolios * size}
	for p := range portfolios {
		cs := make([]salestime.Customer, size)
		fs := make([]floatCustomer, size)
		for i := range cs {
			// Log-normal cents around a median of 10,000.00: a few large
			// accounts and a long tail of small ones.
			cents := int64(math.Exp(math.Log(1e6) + 1.5*r.NormFloat64()))
			cents = max(1, min(cents, 1_000_000_000_00))
			if uniform {
				cents = 1 + r.Int64N(1_000_000_000)
			}
			name := fmt.Sprintf("account-%d-%d", p, i)
			isNew := r.IntN(4) == 0
			cs[i] = salestime.Customer{Name: name, Revenue: decimal.New(cents, -2), New: isNew}
			fs[i] = floatCustomer{name: name, revenue: float64(cents) / 100, new: isNew}
		}
		data.portfolios = append(data.portfolios, cs)
		data.floats = append(data.floats, fs)
	}
	return data
}

var benchSizes = []struct {
	name             string
	portfolios, size int
	uniform          bool
}{
	{"1000", 1, 1_000, false},
	{"10000", 1, 10_000, false},
	{"100000", 1, 100_000, false},
	{"1000000", 1, 1_000_000, false},
	{"1000000-uniform", 1, 1_000_000, true},
	{"2000x500", 2_000, 500, false},
}

// The cliffs: a portfolio whose revenues have 18 decimal places; one whose
// revenues have 12 places that are not zeros, so that their total and
// some of them do not fit 64 bits; one where a single revenue has 18 such
// places, so that all the others, at its exponent, do not fit either; one
// where a single revenue is at the bounds, 30 digits and 18 places, so
// that it does not fit 128 bits; and a million portfolios of one customer. BenchmarkCliffs runs them beside
// the float64 code.
var cliffSizes = []struct {
	name             string
	portfolios, size int
	revenue          func(i int, r decimal.Decimal) decimal.Decimal // the i-th revenue instead of r; nil: r
}{
	{"1000000/places=18", 1, 1_000_000, withPlaces(18, false)},
	{"1000000/places=12,digits", 1, 1_000_000, withPlaces(12, true)},
	{"1000000/one=18,digits", 1, 1_000_000, func(i int, r decimal.Decimal) decimal.Decimal {
		if i == 0 {
			return decimal.RequireFromString("1.123456789012345678")
		}
		return r
	}},
	{"1000000/one=bounds", 1, 1_000_000, func(i int, r decimal.Decimal) decimal.Decimal {
		if i == 0 {
			return decimal.RequireFromString(strings.Repeat("9", salestime.MaxIntegerDigits) + "." + strings.Repeat("7", salestime.MaxPlaces))
		}
		return r
	}},
	{"1000000x1", 1_000_000, 1, nil},
}

// withPlaces returns a revenue function of cliffSizes that writes each
// revenue of two places with the given number of places: 12.50 as
// 12.500000000000000000, or, with digits, as 12.501234567891. The float64
// code keeps the revenues of two places.
func withPlaces(places int32, digits bool) func(int, decimal.Decimal) decimal.Decimal {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places-2)), nil)
	return func(_ int, r decimal.Decimal) decimal.Decimal {
		c := new(big.Int).Mul(r.Coefficient(), scale)
		if digits {
			c.Add(c, big.NewInt(1234567891))
		}
		return decimal.NewFromBigInt(c, -places)
	}
}

func BenchmarkCliffs(b *testing.B) {
	for _, size := range cliffSizes {
		data := makeBenchData(size.portfolios, size.size, false)
		if size.revenue != nil {
			for _, cs := range data.portfolios {
				for i := range cs {
					cs[i].Revenue = size.revenue(i, cs[i].Revenue)
				}
			}
		}
		sideBySide(b, size.name, func() benchData { return data })
	}
}

// BenchmarkReadCSV reads exports of accounts with ReadCSV, and the same
// bytes with encoding/csv alone, reusing its records.
func BenchmarkReadCSV(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		data := makeBenchData(1, n, false)
		var in bytes.Buffer
		in.WriteString("name,revenue,new\n")
		for _, c := range data.portfolios[0] {
			fmt.Fprintf(&in, "%s,%s,%t\n", c.Name, c.Revenue.StringFixed(2), c.New)
		}
		b.Run(fmt.Sprintf("rows=%d/impl=lib", n), func(b *testing.B) {
			b.SetBytes(int64(in.Len()))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := salestime.ReadCSV(bytes.NewReader(in.Bytes())); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
		})
		b.Run(fmt.Sprintf("rows=%d/impl=encoding-csv", n), func(b *testing.B) {
			b.SetBytes(int64(in.Len()))
			b.ReportAllocs()
			for b.Loop() {
				cr := csv.NewReader(bytes.NewReader(in.Bytes()))
				cr.ReuseRecord = true
				for {
					if _, err := cr.Read(); err != nil {
						break
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
		})
	}
}

// planWithLibrary is the job done with salestime.
func planWithLibrary(cs []salestime.Customer, share, budget, step decimal.Decimal) (salestime.Plan, error) {
	p, err := salestime.NewPortfolio(cs...)
	if err != nil {
		return salestime.Plan{}, err
	}
	a, err := salestime.Allocate(p, salestime.TopShare(share))
	if err != nil {
		return salestime.Plan{}, err
	}
	return a.Plan(budget, step)
}

type floatLine struct {
	name   string
	amount float64
}

// planWithFloats is the job as a user would write it by hand with float64:
// sort by revenue, take the customers that reach 80% of the total, give
// each factor x revenue/total x budget rounded to the nearest quarter hour.
func planWithFloats(cs []floatCustomer, share, budget float64) ([]floatLine, float64) {
	sorted := slices.Clone(cs)
	slices.SortFunc(sorted, func(a, b floatCustomer) int {
		switch {
		case a.revenue > b.revenue:
			return -1
		case a.revenue < b.revenue:
			return 1
		}
		return 0
	})
	total := 0.0
	for _, c := range sorted {
		total += c.revenue
	}
	var lines []floatLine
	cum, used := 0.0, 0.0
	for _, c := range sorted {
		if cum >= share*total {
			break
		}
		cum += c.revenue
		factor := 0.5
		if c.new {
			factor = 0.75
		}
		amount := math.Round(factor*c.revenue/total*budget*4) / 4
		lines = append(lines, floatLine{c.name, amount})
		used += amount
	}
	return lines, budget - used
}

func BenchmarkPipeline(b *testing.B) {
	for _, size := range benchSizes {
		sideBySide(b, size.name, func() benchData { return makeBenchData(size.portfolios, size.size, size.uniform) })
	}
}

// sideBySide runs the job on the data that data makes, with the library
// and with float64 code, as n=name/impl=lib and n=name/impl=float64: a
// share of 0.8 and a budget of 1600 hours in quarter hours.
func sideBySide(b *testing.B, name string, data func() benchData) {
	b.Helper()
	share, budget, step := decimal.New(8, -1), decimal.New(1600, 0), decimal.New(25, -2)
	b.Run("n="+name+"/impl=lib", func(b *testing.B) {
		data := data()
		b.ReportAllocs()
		for b.Loop() {
			for _, cs := range data.portfolios {
				if _, err := planWithLibrary(cs, share, budget, step); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(data.customers), "ns/customer")
	})
	b.Run("n="+name+"/impl=float64", func(b *testing.B) {
		data := data()
		b.ReportAllocs()
		for b.Loop() {
			for _, fs := range data.floats {
				planWithFloats(fs, 0.8, 1600)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(data.customers), "ns/customer")
	})
}

// BenchmarkWorstCase runs every selector and a plan on a portfolio of 5,000
// customers whose revenues are at the bounds: 30 integer digits and 18
// places.
func BenchmarkWorstCase(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	cs := make([]salestime.Customer, 5_000)
	for i := range cs {
		// Up to 47 digits: 29 before the point and 18 after.
		coef := decimal.New(r.Int64(), 0).Mul(decimal.New(r.Int64(), 9)).Add(decimal.New(r.Int64N(1e9), 0))
		cs[i] = salestime.Customer{Name: fmt.Sprint(i), Revenue: decimal.NewFromBigInt(coef.BigInt(), -18), New: i%3 == 0}
	}
	selectors := []salestime.Selector{
		salestime.TopN(2_500), salestime.TopShare(decimal.New(999999999999999999, -18)),
		salestime.MinRevenue(decimal.Decimal{}), salestime.Marked(), salestime.ABC(),
	}
	budget, step := decimal.New(1, 18), decimal.New(1, 0)
	b.ReportAllocs()
	for b.Loop() {
		p, err := salestime.NewPortfolio(cs...)
		if err != nil {
			b.Fatal(err)
		}
		for _, key := range selectors {
			a, err := salestime.Allocate(p, key)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := a.Plan(budget, step); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// The float64 code that the benchmarks measure against does the same job:
// it picks the same key customers and gives them about the same time.
func TestBenchmarkJobsAgree(t *testing.T) {
	data := makeBenchData(1, 1000, false)
	plan, err := planWithLibrary(data.portfolios[0], decimal.New(8, -1), decimal.New(1600, 0), decimal.New(25, -2))
	if err != nil {
		t.Fatal(err)
	}
	lines, rest := planWithFloats(data.floats[0], 0.8, 1600)
	if len(lines) != len(plan.Lines) {
		t.Fatalf("float64 code picks %d key customers, the library %d", len(lines), len(plan.Lines))
	}
	for i, l := range lines {
		if l.name != plan.Lines[i].Customer.Name || math.Abs(l.amount-plan.Lines[i].Amount.InexactFloat64()) > 0.25 {
			t.Errorf("line %d: float64 code %s %v, library %s %v", i, l.name, l.amount, plan.Lines[i].Customer.Name, plan.Lines[i].Amount)
		}
	}
	if math.Abs(rest-plan.Rest.InexactFloat64()) > 0.25*float64(len(lines)+1) {
		t.Errorf("float64 rest %v, library %v", rest, plan.Rest)
	}
}

// BenchmarkSpread spreads a plan of key customers over the calendar: the
// months of a year, the weeks of a year, and the months of a year for a
// hundred thousand customers. Each key customer has about 200 quarter
// hours, so that nearly every amount's quota is fractional.
//
//	go test -run='^$' -bench=Spread -count=5 .
func BenchmarkSpread(b *testing.B) {
	year := salestime.Period{From: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC)}
	for _, size := range []struct {
		customers int
		by        string
	}{{100, "month"}, {10_000, "week"}, {100_000, "month"}} {
		r := rand.New(rand.NewPCG(uint64(size.customers), uint64(len(size.by))))
		customers := make([]salestime.Customer, size.customers+1)
		for i := range customers {
			customers[i] = salestime.Customer{Name: fmt.Sprintf("Customer %d", i), Revenue: decimal.New(1_000_000+r.Int64N(100_000_000), -2)}
		}
		p, err := salestime.NewPortfolio(customers...)
		if err != nil {
			b.Fatal(err)
		}
		a, err := salestime.Allocate(p, salestime.TopN(size.customers))
		if err != nil {
			b.Fatal(err)
		}
		plan, err := a.Plan(decimal.New(int64(100*size.customers), 0), decimal.New(25, -2))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("customers=%d/by=%s", size.customers, size.by), func(b *testing.B) {
			for b.Loop() {
				if _, err := plan.Spread(year, size.by, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVisitPlan plans by visits, as the capacity of a plan needs: one
// portfolio of 10,000 customers, and a team of 200 owners of 50 each, its
// plans summed up; the key customers bring 80% of revenue, class B the next
// 15%, visited every four weeks, and class C every thirteen, over 2027.
func BenchmarkVisitPlan(b *testing.B) {
	year := salestime.Period{From: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC)}
	team := salestime.Team{Key: salestime.TopShare(decimal.New(8, -1)), B: salestime.TopShare(decimal.New(95, -2)),
		Budget: decimal.New(1600, 0), Step: decimal.New(25, -2), Period: year,
		Classes: []salestime.Class{{Name: "B", Every: 28, Length: decimal.New(1, 0)}, {Name: "C", Every: 91, Length: decimal.New(5, -1)}}}
	for _, size := range []struct{ owners, customers int }{{1, 10_000}, {200, 50}} {
		data := makeBenchData(size.owners, size.customers, false)
		var csv strings.Builder
		csv.WriteString("owner,name,revenue,new\n")
		for o, cs := range data.portfolios {
			for _, c := range cs {
				fmt.Fprintf(&csv, "owner %d,%s,%s,%t\n", o, c.Name, c.Revenue.StringFixed(2), c.New)
			}
		}
		acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(csv.String())), salestime.ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("owners=%d/customers=%d", size.owners, size.owners*size.customers), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var s salestime.Summary
				for g, err := range team.Plans(acc) {
					if err != nil {
						b.Fatal(err)
					}
					s.Add(g)
				}
				if s.Customers != size.owners*size.customers {
					b.Fatalf("summed up %d customers, want %d", s.Customers, size.owners*size.customers)
				}
			}
		})
	}
}
