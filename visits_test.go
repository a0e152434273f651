package salestime_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// visitCustomers are the customers of the examples: A1 and A2
// bring 80% of 100,000; B1 to B3 the next 16%; C1 to C5 the last 4%.
func visitCustomers() []salestime.Customer {
	return []salestime.Customer{c("A1", "50000"), c("A2", "30000"), c("B1", "8000"), c("B2", "5000"), c("B3", "3000"),
		c("C1", "1500"), c("C2", "1000"), c("C3", "800"), c("C4", "400"), c("C5", "300")}
}

// visitFigures are the figures of a visit plan that the tests compare.
type visitFigures struct {
	Key                 map[string]string
	B, C                []string // the customers' names
	BVisits, CVisits    int
	BWork, CWork        string
	Other, Prospecting  string
	Short, Utilization  string
	Visit               string
	KeyVisits           map[string]int64
	JSONCapacity        string
	JSONOthersFirstLast string
}

func figuresOf(t *testing.T, plan salestime.Plan) visitFigures {
	t.Helper()
	f := visitFigures{Key: map[string]string{}, Other: plan.Other.String(), Prospecting: plan.Prospecting.String(),
		Short: plan.Short.String(), Utilization: plan.Utilization.String(), Visit: plan.Visit.String()}
	for _, l := range plan.Lines {
		f.Key[l.Customer.Name] = l.Amount.String()
	}
	if len(plan.Classes) != 2 || plan.Classes[0].Name != "B" || plan.Classes[1].Name != "C" {
		t.Fatalf("classes %+v, want B and C", plan.Classes)
	}
	b, cl := plan.Classes[0], plan.Classes[1]
	f.B, f.C = names(b.Customers), names(cl.Customers)
	f.BVisits, f.CVisits, f.BWork, f.CWork = b.Visits, cl.Visits, b.Workload.String(), cl.Workload.String()
	out, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		Lines []struct {
			Customer struct{ Name string }
			Visits   *int64
		}
		Capacity json.RawMessage
		Others   []json.RawMessage
	}
	if err := json.Unmarshal(out, &decoded); err != nil {
		t.Fatal(err)
	}
	for _, l := range decoded.Lines {
		if l.Visits != nil {
			if f.KeyVisits == nil {
				f.KeyVisits = map[string]int64{}
			}
			f.KeyVisits[l.Customer.Name] = *l.Visits
		}
	}
	f.JSONCapacity = string(decoded.Capacity)
	if n := len(decoded.Others); n > 0 {
		f.JSONOthersFirstLast = string(decoded.Others[0]) + " " + string(decoded.Others[n-1])
	}
	return f
}

// The two examples of the issue, and the key customers in visits.
func TestVisitPlanExamples(t *testing.T) {
	p := portfolio(t, visitCustomers()...)
	a, err := salestime.Allocate(p, salestime.TopShare(d("0.8")))
	if err != nil {
		t.Fatal(err)
	}
	b := salestime.TopShare(d("0.96"))
	tests := []struct {
		name         string
		budget, step string
		days         int
		classes      []salestime.Class
		want         visitFigures
	}{
		{"a year of 2027, 893 hours to prospect", "1600", "1", 365, []salestime.Class{
			{Name: "B", Every: 28, Length: d("1")}, {Name: "C", Every: 91, Length: d("1")}}, visitFigures{
			Key: map[string]string{"A1": "400", "A2": "240"}, B: []string{"B1", "B2", "B3"}, C: []string{"C1", "C2", "C3", "C4", "C5"},
			BVisits: 14, CVisits: 5, BWork: "42", CWork: "25", Other: "67", Prospecting: "893", Short: "0", Utilization: "0.441875", Visit: "0",
			JSONCapacity:        `{"B":"42","C":"25","prospecting":"893","short":"0","utilization":"0.441875"}`,
			JSONOthersFirstLast: `{"customer":{"name":"B1","revenue":"8000"},"class":"B","visits":14,"amount":"14"} {"customer":{"name":"C5","revenue":"300"},"class":"C","visits":5,"amount":"5"}`,
		}},
		{"52 weeks, 17 hours short", "600", "1", 364, []salestime.Class{
			{Name: "B", Every: 7, Length: d("2")}, {Name: "C", Every: 28, Length: d("1")}}, visitFigures{
			Key: map[string]string{"A1": "150", "A2": "90"}, B: []string{"B1", "B2", "B3"}, C: []string{"C1", "C2", "C3", "C4", "C5"},
			BVisits: 52, CVisits: 13, BWork: "312", CWork: "65", Other: "360", Prospecting: "0", Short: "17", Utilization: "1.028333333333", Visit: "0",
			JSONCapacity:        `{"B":"312","C":"65","prospecting":"0","short":"17","utilization":"1.028333333333"}`,
			JSONOthersFirstLast: `{"customer":{"name":"B1","revenue":"8000"},"class":"B","visits":52,"amount":"104"} {"customer":{"name":"C5","revenue":"300"},"class":"C","visits":13,"amount":"13"}`,
		}},
		{"key customers in visits of four hours, C not visited", "1600", "4", 365, []salestime.Class{
			{Name: "A", Length: d("4")}, {Name: "B", Every: 28, Length: d("4")}}, visitFigures{
			Key: map[string]string{"A1": "400", "A2": "240"}, B: []string{"B1", "B2", "B3"}, C: []string{"C1", "C2", "C3", "C4", "C5"},
			BVisits: 14, CVisits: 0, BWork: "168", CWork: "0", Other: "168", Prospecting: "792", Short: "0", Utilization: "0.505", Visit: "4",
			KeyVisits:           map[string]int64{"A1": 100, "A2": 60},
			JSONCapacity:        `{"B":"168","C":"0","prospecting":"792","short":"0","utilization":"0.505"}`,
			JSONOthersFirstLast: `{"customer":{"name":"B1","revenue":"8000"},"class":"B","visits":14,"amount":"56"} {"customer":{"name":"C5","revenue":"300"},"class":"C","visits":0,"amount":"0"}`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := a.VisitPlan(d(tt.budget), d(tt.step), b, tt.days, tt.classes...)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, figuresOf(t, plan)); diff != "" || plan.Days != tt.days {
				t.Errorf("VisitPlan() mismatch (-want +got), over %d days, want %d:\n%s", plan.Days, tt.days, diff)
			}
			key, err := a.Plan(d(tt.budget), d(tt.step))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(key.Lines, plan.Lines); diff != "" || !plan.Rest.Equal(key.Rest) {
				t.Errorf("the key customers' time differs from Plan's (-plan +visit plan):\n%s", diff)
			}
		})
	}
}

// Class B is what b picks, less the key customers; Marked picks by
// Customer.B; no b, no class B.
func TestVisitPlanClassB(t *testing.T) {
	cs := visitCustomers()
	cs[0].B, cs[3].B, cs[7].B = true, true, true // A1 is key: it stays in class A
	cs[1].Key = true
	p := portfolio(t, cs...)
	a, err := salestime.Allocate(p, salestime.TopN(2))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		b    salestime.Selector
		want []string
	}{
		{"marked reads B, not Key", salestime.Marked(), []string{"B2", "C3"}},
		{"the five largest, less the two key customers", salestime.TopN(5), []string{"B1", "B2", "B3"}},
		{"nil", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := a.VisitPlan(d("100"), d("1"), tt.b, 364)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(plan.Classes[0].Customers); !cmp.Equal(got, tt.want) {
				t.Errorf("class B = %v, want %v", got, tt.want)
			}
			if n := len(plan.Classes[0].Customers) + len(plan.Classes[1].Customers) + len(plan.Lines); n != p.Len() {
				t.Errorf("the classes hold %d customers, want the portfolio's %d", n, p.Len())
			}
			// No class is visited: all the rest is for prospecting.
			if !plan.Prospecting.Equal(plan.Rest) || !plan.Other.IsZero() || !plan.Short.IsZero() {
				t.Errorf("other %v, prospecting %v, short %v; want all of the rest %v to prospecting", plan.Other, plan.Prospecting, plan.Short, plan.Rest)
			}
		})
	}
	// Ties are never split: C3 and a customer of the same revenue are both B or neither.
	tied := portfolio(t, c("A", "100"), c("X", "10"), c("Y", "10"), c("Z", "1"))
	a, err = salestime.Allocate(tied, salestime.TopN(1))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := a.VisitPlan(d("10"), d("1"), salestime.TopN(2), 364)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(plan.Classes[0].Customers); !cmp.Equal(got, []string{"X", "Y"}) {
		t.Errorf("class B of TopN(2) with a tie = %v, want X and Y", got)
	}
}

func TestVisitPlanErrors(t *testing.T) {
	a, err := salestime.Allocate(portfolio(t, visitCustomers()...), salestime.TopN(2))
	if err != nil {
		t.Fatal(err)
	}
	hour := d("1")
	failing := errors.New("no CRM")
	tests := []struct {
		name    string
		budget  string
		b       salestime.Selector
		days    int
		classes []salestime.Class
		err     error
		text    string
	}{
		{"no days", "100", nil, 0, nil, salestime.ErrInvalidOption, "a period of 0 days"},
		{"more than ten years", "100", nil, 3662, nil, salestime.ErrInvalidOption, "not from 1 to 3661"},
		{"an unknown class", "100", nil, 7, []salestime.Class{{Name: "D", Every: 7, Length: hour}}, salestime.ErrInvalidOption, `class "D" is not A, B or C`},
		{"a class twice", "100", nil, 7, []salestime.Class{{Name: "C", Every: 7, Length: hour}, {Name: "C", Every: 14, Length: hour}}, salestime.ErrInvalidOption, "class C is given twice"},
		{"a negative cadence", "100", nil, 7, []salestime.Class{{Name: "C", Every: -7, Length: hour}}, salestime.ErrInvalidOption, "class C has -7 days between visits"},
		{"a visit of no time", "100", nil, 7, []salestime.Class{{Name: "C", Every: 7}}, salestime.ErrInvalidOption, "class C, 0, is not"},
		{"a visit not in steps", "100", nil, 7, []salestime.Class{{Name: "C", Every: 7, Length: d("1.5")}}, salestime.ErrInvalidOption, "class C, 1.5, is not a positive whole number of steps of 1"},
		{"a visit with too many places", "100", nil, 7, []salestime.Class{{Name: "C", Every: 7, Length: d("1.0000000000000000001")}}, salestime.ErrInvalidOption, "decimal places"},
		{"class B visited, and no b", "100", nil, 7, []salestime.Class{{Name: "B", Every: 7, Length: hour}}, salestime.ErrInvalidOption, "no selector picks it"},
		{"class A with a cadence", "100", nil, 7, []salestime.Class{{Name: "A", Every: 7, Length: hour}}, salestime.ErrInvalidOption, "class A, the key customers, is one step"},
		{"class A longer than a step", "100", nil, 7, []salestime.Class{{Name: "A", Length: d("2")}}, salestime.ErrInvalidOption, "class A, the key customers, is one step, 1,"},
		{"b fails", "100", func(salestime.Portfolio) ([]bool, error) { return nil, failing }, 7, nil, failing, "no CRM"},
		{"b marks too few", "100", func(salestime.Portfolio) ([]bool, error) { return []bool{true}, nil }, 7, nil, salestime.ErrInvalidSelector, "1 marks for 10 customers"},
		{"the plan's own error", "-1", nil, 7, nil, salestime.ErrInvalidBudget, "negative"},
		{"workloads beyond the bounds", "100", nil, 3661, []salestime.Class{{Name: "C", Every: 1, Length: d("1e27")}}, salestime.ErrInvalidOption, "the visits take"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := a.VisitPlan(d(tt.budget), hour, tt.b, tt.days, tt.classes...)
			if !errors.Is(err, tt.err) || !strings.Contains(fmt.Sprint(err), tt.text) {
				t.Errorf("VisitPlan() error = %v, want %v saying %q", err, tt.err, tt.text)
			}
		})
	}
}

// A zero budget has a zero utilization; an empty portfolio has empty
// classes.
func TestVisitPlanEdges(t *testing.T) {
	plan, err := salestime.Allocation{}.VisitPlan(d("0"), d("1"), salestime.TopN(1), 364, salestime.Class{Name: "C", Every: 7, Length: d("1")})
	if err != nil {
		t.Fatal(err)
	}
	if !plan.Utilization.IsZero() || !plan.Short.IsZero() || len(plan.Classes) != 2 || len(plan.Classes[1].Customers) != 0 || plan.Classes[1].Visits != 52 {
		t.Errorf("VisitPlan of no one = %+v, want empty classes, C visited 52 times, nothing short", plan)
	}
	a, err := salestime.Allocate(portfolio(t, c("A", "1"), c("B", "1")), salestime.TopN(0))
	if err != nil {
		t.Fatal(err)
	}
	plan, err = a.VisitPlan(d("0"), d("1"), nil, 364, salestime.Class{Name: "C", Every: 7, Length: d("1")})
	if err != nil {
		t.Fatal(err)
	}
	if !plan.Short.Equal(d("104")) || !plan.Utilization.IsZero() || !plan.Other.IsZero() {
		t.Errorf("a zero budget with visits: short %v, utilization %v, other %v; want 104, 0, 0", plan.Short, plan.Utilization, plan.Other)
	}
}

// Against an oracle in rationals: every plan's parties add up, the classes
// split the other customers, and each workload is customers x visits x
// length.
func TestVisitPlanAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 26))
	for iter := range 500 {
		customers := randomCustomers(r)
		for i := range customers {
			customers[i].B = r.IntN(3) == 0
		}
		p, err := salestime.NewPortfolio(customers...)
		if err != nil {
			t.Fatal(err)
		}
		a, err := salestime.Allocate(p, randomSelector(r).key)
		if err != nil {
			t.Fatal(err)
		}
		step := decimal.New(int64(1+r.IntN(4)), -int32(r.IntN(3)))
		budget := step.Mul(decimal.New(int64(r.IntN(3000)), 0))
		days := 1 + r.IntN(800)
		var classes []salestime.Class
		for _, name := range []string{"B", "C"} {
			if r.IntN(4) > 0 {
				classes = append(classes, salestime.Class{Name: name, Every: 1 + r.IntN(120), Length: step.Mul(decimal.New(int64(1+r.IntN(8)), 0))})
			}
		}
		b := randomSelector(r)
		plan, err := a.VisitPlan(budget, step, b.key, days, classes...)
		if err != nil {
			t.Fatal(err)
		}
		inB := b.naive(oracleOrder(customers))
		if b.name == "Marked()" { // which reads Customer.B for class B
			inB = map[string]bool{}
			for _, c := range customers {
				inB[c.Name] = c.B
			}
		}
		work := new(big.Rat)
		for _, class := range plan.Classes {
			var given salestime.Class
			for _, c := range classes {
				if c.Name == class.Name {
					given = c
				}
			}
			for _, c := range class.Customers {
				if key := a.Lines; class.Name == "B" != inB[c.Name] || containsName(key, c.Name) {
					t.Fatalf("%d: %s in class %s; picked for B %v", iter, c.Name, class.Name, inB[c.Name])
				}
			}
			visits := 0
			if given.Every > 0 {
				visits = (days + given.Every - 1) / given.Every
			}
			w := new(big.Rat).Mul(rat(given.Length), big.NewRat(int64(len(class.Customers)*visits), 1))
			if class.Visits != visits || rat(class.Workload).Cmp(w) != 0 {
				t.Fatalf("%d: class %s visits %d, workload %v; want %d, %s", iter, class.Name, class.Visits, class.Workload, visits, w.RatString())
			}
			work.Add(work, w)
		}
		if n := len(plan.Classes[0].Customers) + len(plan.Classes[1].Customers) + len(a.Lines); n != len(customers) {
			t.Fatalf("%d: %d customers in the classes, want %d", iter, n, len(customers))
		}
		rest := rat(plan.Rest)
		wantOther, wantShort := new(big.Rat).Set(work), new(big.Rat)
		if work.Cmp(rest) > 0 {
			wantOther.Set(rest)
			wantShort.Sub(work, rest)
		}
		if rat(plan.Other).Cmp(wantOther) != 0 || rat(plan.Short).Cmp(wantShort) != 0 || !plan.Other.Add(plan.Prospecting).Equal(plan.Rest) {
			t.Fatalf("%d: other %v, prospecting %v, short %v of rest %v and workloads %s", iter, plan.Other, plan.Prospecting, plan.Short, plan.Rest, work.RatString())
		}
		if budget.Sign() > 0 {
			used := new(big.Rat).Add(new(big.Rat).Sub(rat(budget), rest), work)
			checkShare(t, "utilization", plan.Utilization, used.Quo(used, rat(budget)))
		}
	}
}

func containsName(lines []salestime.Line, name string) bool {
	for _, l := range lines {
		if l.Customer.Name == name {
			return true
		}
	}
	return false
}

// A team plans each owner by visits over its period, and its summary
// adds up the workloads and the shortfall.
func TestTeamVisits(t *testing.T) {
	in := "owner,name,revenue,b\n"
	for _, cu := range visitCustomers() {
		in += "Anna," + cu.Name + "," + cu.Revenue.String() + "," + fmt.Sprint(strings.HasPrefix(cu.Name, "B")) + "\n"
	}
	in += "Bartek,X1,900,no\nBartek,X2,100,no\n"
	acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{Require: []string{"b"}})
	if err != nil {
		t.Fatal(err)
	}
	period, err := salestime.ParsePeriod("2027-01-01..2027-12-31")
	if err != nil {
		t.Fatal(err)
	}
	team := salestime.Team{Key: salestime.TopShare(d("0.8")), Budget: d("600"), Step: d("1"), Period: period, B: salestime.Marked(),
		Classes: []salestime.Class{{Name: "B", Every: 7, Length: d("2")}, {Name: "C", Every: 28, Length: d("1")}}}
	var s salestime.Summary
	var got []string
	for g, err := range team.Plans(acc) {
		if err != nil {
			t.Fatal(err)
		}
		s.Add(g)
		got = append(got, fmt.Sprintf("%s: B %v C %v short %v prospecting %v", g.Name, g.Plan.Classes[0].Workload, g.Plan.Classes[1].Workload, g.Plan.Short, g.Plan.Prospecting))
	}
	want := []string{
		"Anna: B 318 C 70 short 28 prospecting 0",  // 3 x 53 x 2, 5 x 14 x 1; 240 + 388 - 600
		"Bartek: B 0 C 14 short 0 prospecting 316", // 600 - 270 (0.45 of 600) - 14
	}
	if !cmp.Equal(got, want) {
		t.Errorf("plans = %q, want %q", got, want)
	}
	if !s.B.Equal(d("318")) || !s.C.Equal(d("84")) || !s.Short.Equal(d("28")) || !s.Headcount.Equal(d("0.046666666667")) ||
		!s.Utilization.Equal(d("0.76")) {
		t.Errorf("summary B %v, C %v, short %v, headcount %v, utilization %v; want 318, 84, 28, 0.046666666667, 0.76",
			s.B, s.C, s.Short, s.Headcount, s.Utilization)
	}
	b, err := json.Marshal(s)
	if err != nil || !strings.Contains(string(b), `"capacity":{"B":"318","C":"84","short":"28","utilization":"0.76","headcount":"0.046666666667"}`) {
		t.Errorf("summary JSON = %s, %v; want its capacity", b, err)
	}
	var js strings.Builder
	for g, err := range team.Plans(acc) {
		if err == nil {
			err = g.WriteJSON(&js)
		}
		if err != nil {
			t.Fatal(err)
		}
		break
	}
	for _, want := range []string{`"capacity":{"B":"318","C":"70","prospecting":"0","short":"28","utilization":"1.046666666667"}`,
		`"amount":"150","class":"A"}`, `"others":[` + "\n" + `{"name":"B1","revenue":"8000","new":false,"class":"B","visits":53,"amount":"106"}`} {
		if !strings.Contains(js.String(), want) {
			t.Errorf("group JSON = %s, want %s in it", js.String(), want)
		}
	}

	// Without a period, 52 weeks: every 28 days is 13 visits.
	year := team
	year.Period = salestime.Period{}
	for g, err := range year.Plans(acc) {
		if err != nil || g.Plan.Classes[1].Visits != 13 {
			t.Errorf("a team without a period: class C visited %d times, %v; want 13", g.Plan.Classes[1].Visits, err)
		}
		break
	}

	team.Split = true
	for _, err := range team.Plans(acc) {
		if !errors.Is(err, salestime.ErrInvalidOption) {
			t.Errorf("a team with Split and visits: %v, want ErrInvalidOption", err)
		}
		break
	}
	// A class no plan takes is refused once, before the first owner.
	bad := team
	bad.Split, bad.Classes = false, []salestime.Class{{Name: "C", Every: 7, Length: d("0.5")}}
	for g, err := range bad.Plans(acc) {
		if !errors.Is(err, salestime.ErrInvalidOption) || g.Name != "" || strings.Contains(err.Error(), "owner") {
			t.Errorf("a team whose visits are not whole steps: %q, %v; want ErrInvalidOption before any owner", g.Name, err)
		}
		break
	}
	team.Split, team.Period = false, salestime.Period{From: period.To, To: period.From}
	for _, err := range team.Plans(acc) {
		if !errors.Is(err, salestime.ErrInvalidOption) || !strings.Contains(err.Error(), "before it starts") {
			t.Errorf("a team with visits over a period that ends before it starts: %v, want ErrInvalidOption", err)
		}
		break
	}
}
