package salestime_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// accounts reads accounts from CSV text.
func accounts(t *testing.T, in string) salestime.Accounts {
	t.Helper()
	acc, err := salestime.ReadAccounts(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return acc
}

// planned returns the groups a team's iterator yields, and its error.
func planned(groups func(func(salestime.Group, error) bool)) ([]salestime.Group, error) {
	var out []salestime.Group
	for g, err := range groups {
		if err != nil {
			return out, err
		}
		out = append(out, g)
	}
	return out, nil
}

const teamCSV = "owner,name,revenue,currency\nAnna,Acme,700,EUR\nAnna,Beta,300,EUR\nCarla,Gamma,600,USD\nCarla,Delta,400,USD\n"

// Each owner's plan is the one Allocate and Plan make of their portfolio
// and budget; an owner with a budget and no accounts is planned with an
// empty portfolio.
func TestTeamPlans(t *testing.T) {
	team := salestime.Team{Key: salestime.TopN(1), Step: d("1"), Split: true, Prospecting: d("0.5"),
		Budgets: map[string]decimal.Decimal{"Anna": d("100"), "Ben": d("50"), "Carla": d("200")}}
	groups, err := planned(team.Plans(accounts(t, teamCSV)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range groups {
		names = append(names, g.Name)
		a, err := salestime.Allocate(g.Portfolio, salestime.TopN(1))
		if err != nil {
			t.Fatal(err)
		}
		share := d("0.5")
		if g.Portfolio.Len() == 0 {
			share = d("1")
		}
		want, err := a.SplitPlan(team.Budgets[g.Name], d("1"), share)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, g.Plan); diff != "" {
			t.Errorf("%s's plan mismatch (-want +got):\n%s", g.Name, diff)
		}
	}
	if diff := cmp.Diff([]string{"Anna", "Ben", "Carla"}, names); diff != "" {
		t.Errorf("owners mismatch (-want +got):\n%s", diff)
	}
	if !groups[1].Plan.Prospecting.Equal(d("50")) {
		t.Errorf("Ben's plan = %+v, want all 50 hours for prospecting", groups[1].Plan)
	}

	var s salestime.Summary
	var key, other, prospecting decimal.Decimal
	for _, g := range groups {
		s.Add(g)
		for _, l := range g.Plan.Lines {
			key = key.Add(l.Amount)
		}
		other, prospecting = other.Add(g.Plan.Other), prospecting.Add(g.Plan.Prospecting)
	}
	// Two currencies: no sum of revenues, and no share of it. The key
	// time is 0.35 x 100 + 0 x 50 + 0.3 x 200 = 95 of 350 hours.
	want := salestime.Summary{Groups: 3, Customers: 4, KeyCustomers: 2, Currency: "EUR", Mixed: true,
		Budget: d("350"), Key: key, Rest: d("350").Sub(key), Other: other, Prospecting: prospecting, KeyTimeShare: d("0.271428571429")}
	if !summaryEqual(want, s) {
		t.Errorf("Summary = %+v, want %+v", s, want)
	}
}

// summaryEqual compares the exported fields of summaries, decimals by value.
func summaryEqual(a, b salestime.Summary) bool {
	return a.Groups == b.Groups && a.Customers == b.Customers && a.KeyCustomers == b.KeyCustomers &&
		a.Currency == b.Currency && a.Mixed == b.Mixed && a.Revenue.Equal(b.Revenue) && a.KeyRevenue.Equal(b.KeyRevenue) &&
		a.KeyRevenueShare.Equal(b.KeyRevenueShare) && a.Budget.Equal(b.Budget) && a.Key.Equal(b.Key) && a.Rest.Equal(b.Rest) &&
		a.Other.Equal(b.Other) && a.Prospecting.Equal(b.Prospecting) && a.KeyTimeShare.Equal(b.KeyTimeShare) &&
		a.Unplanned == b.Unplanned && (a.Review == nil) == (b.Review == nil)
}

// The summary of several plans weighs each share by revenue and by
// budget; of one plan, it is the plan's own.
func TestSummaryShares(t *testing.T) {
	team := salestime.Team{Key: salestime.TopN(1), Budget: d("100"), Step: d("1")}
	groups, err := planned(team.Plans(accounts(t, "owner,name,revenue\nA,x,700\nA,y,300\nB,z,1\nB,w,3\n")))
	if err != nil {
		t.Fatal(err)
	}
	var one, all salestime.Summary
	one.Add(groups[0])
	for _, g := range groups {
		all.Add(g)
	}
	if !one.KeyRevenueShare.Equal(groups[0].Allocation.KeyRevenueShare) || !one.KeyTimeShare.Equal(groups[0].Allocation.KeyTimeShare) {
		t.Errorf("one plan's summary shares %v and %v, want the plan's own", one.KeyRevenueShare, one.KeyTimeShare)
	}
	// 703 of 1004 revenue; (0.35 x 100 + 0.375 x 100) / 200 of the time.
	if !all.KeyRevenueShare.Equal(d("0.700199203187")) || !all.KeyTimeShare.Equal(d("0.3625")) || !all.Revenue.Equal(d("1004")) {
		t.Errorf("the team's summary = %+v", all)
	}
	var zero salestime.Summary
	zero.Add(salestime.Group{Plan: salestime.Plan{Step: d("1")}})
	zero.Add(salestime.Group{Plan: salestime.Plan{Step: d("1")}})
	if !zero.KeyTimeShare.IsZero() || !zero.KeyRevenueShare.IsZero() || zero.Groups != 2 {
		t.Errorf("the summary of two empty plans = %+v, want no shares", zero)
	}
}

func TestTeamPlansErrors(t *testing.T) {
	acc := accounts(t, teamCSV)
	tests := []struct {
		name string
		team salestime.Team
		acc  salestime.Accounts
		want error
	}{
		{"missing budget", salestime.Team{Key: salestime.TopN(1), Step: d("1"), Budgets: map[string]decimal.Decimal{"Anna": d("1")}}, acc, salestime.ErrInvalidBudget},
		{"budgets without owners", salestime.Team{Key: salestime.TopN(1), Step: d("1"), Budgets: map[string]decimal.Decimal{"Anna": d("1")}},
			accounts(t, "name,revenue\nAcme,1\n"), salestime.ErrInvalidBudget},
		{"no step", salestime.Team{Key: salestime.TopN(1), Budget: d("1")}, acc, salestime.ErrInvalidBudget},
		{"no selector", salestime.Team{Budget: d("1"), Step: d("1")}, acc, salestime.ErrInvalidSelector},
		{"by day", salestime.Team{Key: salestime.TopN(1), Budget: d("1"), Step: d("1"), By: "day",
			Period: salestime.Period{From: date("2027-01-01"), To: date("2027-01-31")}}, acc, salestime.ErrInvalidOption},
		{"prospecting above 1", salestime.Team{Key: salestime.TopN(1), Budget: d("1"), Step: d("1"), Split: true, Prospecting: d("2")}, acc, salestime.ErrInvalidShare},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := planned(tt.team.Plans(tt.acc)); !errors.Is(err, tt.want) {
				t.Errorf("Plans() = %v, want %v", err, tt.want)
			}
		})
	}
	// A loop that stops early stops the iterator.
	team := salestime.Team{Key: salestime.TopN(1), Budget: d("1"), Step: d("1"), Budgets: map[string]decimal.Decimal{"Anna": d("1"), "Carla": d("1"), "Zed": d("1")}}
	for _, err := range team.Plans(acc) {
		if err != nil {
			t.Fatal(err)
		}
		break
	}
	n := 0
	for _, err := range team.Plans(acc) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("a loop over three owners ran %d times", n)
	}
}

// Each owner's activities are set against their plan, and the time of an
// owner who has no plan is left out of the team's review.
func TestTeamReviews(t *testing.T) {
	team := salestime.Team{Key: salestime.TopN(1), Budget: d("100"), Step: d("1"),
		Period: salestime.Period{From: date("2027-01-01"), To: date("2027-12-31")}}
	log := []salestime.Activity{
		{Owner: "Anna", Customer: "Acme", Duration: 10 * time.Hour, Date: date("2027-03-01")},
		{Owner: "Carla", Customer: "Gamma", Duration: 5 * time.Hour, Date: date("2027-02-01")},
		{Owner: "Zoe", Customer: "Newco", Duration: 2 * time.Hour, Date: date("2027-01-15")},
	}
	groups, err := planned(team.Reviews(accounts(t, teamCSV), log, time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	var s salestime.Summary
	var names []string
	for _, g := range groups {
		names = append(names, g.Name)
		if g.Review == nil || !g.Review.Until.Equal(date("2027-03-01")) {
			t.Errorf("%s's review = %+v, want one to the team's last day, 2027-03-01", g.Name, g.Review)
		}
		s.Add(g)
	}
	if diff := cmp.Diff([]string{"Anna", "Carla", "Zoe"}, names); diff != "" {
		t.Errorf("owners mismatch (-want +got):\n%s", diff)
	}
	if groups[2].Plan.Step.Sign() != 0 || groups[2].Review.Logged != 2*time.Hour {
		t.Errorf("Zoe's group = %+v, want no plan and 2 hours logged", groups[2])
	}
	if s.Groups != 2 || s.Unplanned != 2*time.Hour || s.Review.Logged != 15*time.Hour || s.Review.Key.Actual != 15*time.Hour {
		t.Errorf("the team's summary = %+v, review %+v", s, s.Review)
	}
	// An owner with a budget and no accounts is not reviewed against it, as
	// one without a budget is not.
	team.Budgets = map[string]decimal.Decimal{"Anna": d("100"), "Carla": d("100"), "Zoe": d("100")}
	groups, err = planned(team.Reviews(accounts(t, teamCSV), log, time.Time{}))
	if err != nil || len(groups) != 3 || groups[2].Name != "Zoe" || groups[2].Plan.Step.Sign() != 0 {
		t.Errorf("Reviews() with Zoe's budget = %+v, %v; want Zoe last, without a plan", groups, err)
	}
	// Without an owner column, every activity is the one group's.
	groups, err = planned(salestime.Team{Key: salestime.TopN(1), Budget: d("100"), Step: d("1")}.Reviews(
		accounts(t, "name,revenue\nAcme,700\nBeta,300\n"), log, time.Time{}))
	if err != nil || len(groups) != 1 || groups[0].Review.Logged != 17*time.Hour {
		t.Errorf("Reviews() without owners = %+v, %v; want one group with 17 hours", groups, err)
	}
}

func TestTeamReviewsErrors(t *testing.T) {
	acc := accounts(t, teamCSV)
	team := salestime.Team{Key: salestime.TopN(1), Budget: d("100"), Step: d("1")}
	if _, err := planned(team.Reviews(acc, []salestime.Activity{{Customer: "Acme", Duration: time.Hour}}, time.Time{})); !errors.Is(err, salestime.ErrInvalidActivity) {
		t.Errorf("Reviews(activities without owners) = %v, want %v", err, salestime.ErrInvalidActivity)
	}
	bad := []salestime.Activity{{Owner: "Anna", Customer: "Acme", Duration: -time.Hour}}
	if _, err := planned(team.Reviews(acc, bad, time.Time{})); !errors.Is(err, salestime.ErrInvalidActivity) {
		t.Errorf("Reviews(a negative duration) = %v, want %v", err, salestime.ErrInvalidActivity)
	}
	stray := []salestime.Activity{{Owner: "Zoe", Customer: "Acme", Duration: -time.Hour}}
	if _, err := planned(team.Reviews(acc, stray, time.Time{})); !errors.Is(err, salestime.ErrInvalidActivity) {
		t.Errorf("Reviews(a stray's negative duration) = %v, want %v", err, salestime.ErrInvalidActivity)
	}
	if _, err := planned(salestime.Team{Budget: d("1"), Step: d("1")}.Reviews(acc, nil, time.Time{})); !errors.Is(err, salestime.ErrInvalidSelector) {
		t.Errorf("Reviews(no selector) = %v, want %v", err, salestime.ErrInvalidSelector)
	}
	for _, err := range team.Reviews(acc, []salestime.Activity{{Owner: "Zoe", Duration: time.Hour}}, time.Time{}) {
		if err != nil {
			t.Fatal(err)
		}
		break // a loop that stops early stops the iterator
	}
	n := 0
	for _, err := range team.Reviews(acc, []salestime.Activity{{Owner: "Zoe", Duration: time.Hour}, {Owner: "Zed", Duration: time.Hour}}, time.Time{}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("a loop over four groups ran %d times, want 3", n)
	}
}
