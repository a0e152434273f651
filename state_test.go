package salestime_test

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// result is what one run of every selector and a plan gives.
type result struct {
	Allocations []salestime.Allocation
	Plans       []salestime.Plan
	Found       []salestime.Customer
}

func runAll(p salestime.Portfolio) (result, error) {
	var res result
	res.Found = p.Customers()[:10]
	for _, key := range []salestime.Selector{
		salestime.TopN(3), salestime.TopShare(d("0.8")), salestime.MinRevenue(d("50")), salestime.Marked(), salestime.ABC(),
	} {
		a, err := salestime.Allocate(p, key)
		if err != nil {
			return result{}, err
		}
		plan, err := a.Plan(d("1600"), d("0.25"))
		if err != nil {
			return result{}, err
		}
		res.Allocations = append(res.Allocations, a)
		res.Plans = append(res.Plans, plan)
	}
	return res, nil
}

func sharedPortfolio(t *testing.T) salestime.Portfolio {
	t.Helper()
	r := rand.New(rand.NewPCG(3, 4))
	var cs []salestime.Customer
	for len(cs) < 200 {
		cs = append(cs, randomCustomers(r)...)
	}
	for i := range cs {
		cs[i].Name = cs[i].Name + "-" + decimal.NewFromInt(int64(i)).String()
	}
	return portfolio(t, cs...)
}

// Allocate and Plan may run from many goroutines on one Portfolio; run with
// -race.
func TestConcurrentUse(t *testing.T) {
	want, err := runAll(sharedPortfolio(t))
	if err != nil {
		t.Fatal(err)
	}
	// A fresh portfolio, so that the goroutines also race to make what
	// Lookup makes on its first call.
	p := sharedPortfolio(t)
	const workers = 8
	results := make([]result, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = runAll(p)
		}()
	}
	wg.Wait()
	for i := range workers {
		if errs[i] != nil {
			t.Fatalf("goroutine %d: %v", i, errs[i])
		}
		if diff := cmp.Diff(want, results[i], ignoreState); diff != "" {
			t.Errorf("goroutine %d mismatch (-sequential +concurrent):\n%s", i, diff)
		}
	}
}

// Results do not depend on the decimal package's global settings.
func TestIgnoresDecimalGlobals(t *testing.T) {
	p := sharedPortfolio(t)
	want, err := runAll(p)
	if err != nil {
		t.Fatal(err)
	}
	savedPrecision, savedTrim := decimal.DivisionPrecision, decimal.TrimTrailingZeros
	t.Cleanup(func() { decimal.DivisionPrecision, decimal.TrimTrailingZeros = savedPrecision, savedTrim })
	for _, precision := range []int{0, 1, 3, 40} {
		decimal.DivisionPrecision = precision
		decimal.TrimTrailingZeros = precision%2 == 0
		got, err := runAll(p)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, ignoreState); diff != "" {
			t.Errorf("with DivisionPrecision %d mismatch (-want +got):\n%s", precision, diff)
		}
		if share, err := salestime.ExistingCustomerTime(d("0.7")); err != nil || !share.Equal(d("0.35")) {
			t.Errorf("ExistingCustomerTime(0.7) with DivisionPrecision %d = %v, %v", precision, share, err)
		}
	}
}

// The zero value of every exported type behaves as documented.
func TestZeroValues(t *testing.T) {
	if _, err := salestime.NewPortfolio(salestime.Customer{}); !errors.Is(err, salestime.ErrInvalidCustomer) {
		t.Errorf("NewPortfolio(Customer{}) error = %v, want %v", err, salestime.ErrInvalidCustomer)
	}
	var g salestime.Group
	var b strings.Builder
	if err := g.WriteJSON(&b); err != nil || g.Portfolio.Len() != 0 || !g.Portfolio.Total().IsZero() ||
		b.String() != `{"owner":"","customers":0,"keyCustomers":0,"keyRevenueShare":"0","keyTimeShare":"0","restTimeShare":"0","budget":"0","step":"0","keyAmount":"0","rest":"0","key":[]}` {
		t.Errorf("Group{} = %s, %v, with %d customers; want an empty portfolio and plan", b.String(), err, g.Portfolio.Len())
	}
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"Rule", salestime.Rule{}, `{"name":"","factor":"0"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.v)
			if err != nil || string(got) != tt.want {
				t.Errorf("json.Marshal(%s{}) = %s, %v, want %s", tt.name, got, err, tt.want)
			}
		})
	}
	var nilOption salestime.Option
	a, err := salestime.Allocate(portfolio(t, c("a", "1")), salestime.TopN(1), nilOption)
	if err != nil || !a.KeyTimeShare.Equal(d("0.5")) {
		t.Errorf("Allocate() with a nil Option = %v, %v, want 0.5, nil", a.KeyTimeShare, err)
	}
}
