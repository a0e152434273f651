package salestime_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// hugeDecimal is 2^(8 x 8 Mi) x 10^-18: a coefficient of 8 MiB, as
// decimal.NewFromString or UnmarshalJSON would make from 20 million digits.
var hugeDecimal = decimal.NewFromBigInt(new(big.Int).Lsh(big.NewInt(1), 8<<23), -18)

// refusals are the calls that check a decimal against the bounds.
var refusals = []struct {
	name string
	want error
	call func(d decimal.Decimal) error
}{
	{"NewPortfolio", salestime.ErrInvalidRevenue, func(d decimal.Decimal) error {
		_, err := salestime.NewPortfolio(salestime.Customer{Name: "A", Revenue: d})
		return err
	}},
	{"Plan budget", salestime.ErrInvalidBudget, func(d decimal.Decimal) error {
		_, err := salestime.Allocation{}.Plan(d, decimal.New(1, 0))
		return err
	}},
	{"Plan step", salestime.ErrInvalidBudget, func(d decimal.Decimal) error {
		_, err := salestime.Allocation{}.Plan(decimal.New(1, 0), d)
		return err
	}},
	{"TopShare", salestime.ErrInvalidSelector, func(d decimal.Decimal) error {
		_, err := salestime.Allocate(salestime.Portfolio{}, salestime.TopShare(d))
		return err
	}},
	{"MinRevenue", salestime.ErrInvalidSelector, func(d decimal.Decimal) error {
		_, err := salestime.Allocate(salestime.Portfolio{}, salestime.MinRevenue(d))
		return err
	}},
	{"NewRule", salestime.ErrInvalidRule, func(d decimal.Decimal) error {
		_, err := salestime.NewRule("r", d)
		return err
	}},
	{"TimeShare", salestime.ErrInvalidShare, func(d decimal.Decimal) error {
		_, err := salestime.ExistingCustomerTime(d)
		return err
	}},
}

// A decimal far beyond the bounds is refused by its size, before any count
// of its digits, and the message does not quote it whole. (Counting the
// digits of this one took 35 s; BenchmarkRefuseHugeDecimal measures it.)
func TestRefuseHugeDecimal(t *testing.T) {
	for _, tt := range refusals {
		for _, d := range []decimal.Decimal{hugeDecimal, hugeDecimal.Neg(), decimal.NewFromBigInt(big.NewInt(1), 2147483647)} {
			err := tt.call(d)
			if !errors.Is(err, tt.want) {
				t.Errorf("%s(huge) = %v, want error %v", tt.name, err, tt.want)
				continue
			}
			if len(err.Error()) > 300 {
				t.Errorf("%s(huge) error has %d bytes, want a short message: %.300s", tt.name, len(err.Error()), err)
			}
		}
	}
}

func BenchmarkRefuseHugeDecimal(b *testing.B) {
	for _, tt := range refusals {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := tt.call(hugeDecimal); err == nil {
					b.Fatal("no error")
				}
			}
		})
	}
}
