package salestime_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salestime/salestime"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// readActivitiesTests are logs ReadActivities reads; FuzzReadActivities
// starts from them too.
var readActivitiesTests = []struct {
	name string
	in   string
	opts salestime.ReadOptions
	want []salestime.Activity
}{
	{"hours, h:mm and h:mm:ss", "customer,duration\nA,1.5\nB,0:20\nC,1:02:03\n,2\n", salestime.ReadOptions{},
		[]salestime.Activity{
			{Customer: "A", Duration: 90 * time.Minute}, {Customer: "B", Duration: 20 * time.Minute},
			{Customer: "C", Duration: time.Hour + 2*time.Minute + 3*time.Second}, {Duration: 2 * time.Hour},
		}},
	{"decimal comma, minutes", "customer;duration\nA;1,5\nB;90\n", salestime.ReadOptions{Minutes: true},
		[]salestime.Activity{{Customer: "A", Duration: 1500 * time.Millisecond * 60}, {Customer: "B", Duration: 90 * time.Minute}}},
	{"ISO dates with times, owners", "Account,Owner,Minutes,When\nA,ann,30,2027-03-04 10:30\nB,bob,0,2027-03-05T09:00:00Z\n",
		salestime.ReadOptions{Minutes: true, Columns: map[string]string{"customer": "Account", "duration": "Minutes", "date": "When"}},
		[]salestime.Activity{
			{Customer: "A", Owner: "ann", Duration: 30 * time.Minute, Date: date("2027-03-04")},
			{Customer: "B", Owner: "bob", Date: date("2027-03-05")},
		}},
	{"day, month, year", "customer;duration;date\nA;1;04.03.2027\nB;2;31/12/2027\n", salestime.ReadOptions{Dates: "dmy"},
		[]salestime.Activity{
			{Customer: "A", Duration: time.Hour, Date: date("2027-03-04")}, {Customer: "B", Duration: 2 * time.Hour, Date: date("2027-12-31")},
		}},
	{"month, day, year", "customer,duration,date\nA,1,03/04/2027\n", salestime.ReadOptions{Dates: "mdy"},
		[]salestime.Activity{{Customer: "A", Duration: time.Hour, Date: date("2027-03-04")}}},
	{"empty log", "customer,duration\n", salestime.ReadOptions{}, nil},
}

func TestReadActivities(t *testing.T) {
	tests := readActivitiesTests
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := salestime.ReadActivities(salestime.CSVRows(strings.NewReader(tt.in)), tt.opts)
			if err != nil {
				t.Fatalf("ReadActivities() returned error %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ReadActivities() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// readActivitiesErrorTests are logs ReadActivities refuses.
var readActivitiesErrorTests = []struct {
	name    string
	in      string
	opts    salestime.ReadOptions
	want    error
	message string
}{
	{"negative", "customer,duration\nA,-1\n", salestime.ReadOptions{}, salestime.ErrInvalidActivity, `line 2, column 2 "duration", customer "A": duration "-1" is negative`},
	{"not a number", "customer,duration\nA,soon\n", salestime.ReadOptions{}, salestime.ErrInvalidActivity, `duration "soon" is not a number or h:mm`},
	{"blank", "customer,duration\nA,\n", salestime.ReadOptions{}, salestime.ErrInvalidActivity, "the duration is blank"},
	{"minutes of 60", "customer,duration\nA,1:60\n", salestime.ReadOptions{}, salestime.ErrInvalidActivity, "minutes and seconds are two digits, 00 to 59"},
	{"too long", "customer,duration\nA,10001\n", salestime.ReadOptions{}, salestime.ErrInvalidActivity, "is longer than 10000h0m0s"},
	{"too long in h:mm", "customer,duration\nA,20000:00\n", salestime.ReadOptions{}, salestime.ErrInvalidActivity, "is longer than"},
	{"finer than a nanosecond", "customer,duration\nA,0.0000000000001\n", salestime.ReadOptions{}, salestime.ErrInvalidActivity, "finer than a nanosecond"},
	{"ambiguous", "customer\tduration\nA\t1,500\n", salestime.ReadOptions{}, salestime.ErrAmbiguousNumber, `duration "1,500"`},
	{"currency", "customer,duration\nA,$5\n", salestime.ReadOptions{}, salestime.ErrInvalidActivity, "not a number or h:mm"},
	{"date without an order", "customer,duration,date\nA,1,04.03.2027\n", salestime.ReadOptions{}, salestime.ErrInvalidActivity,
		`date "04.03.2027" is not a date written as 2027-03-04 (dates such as 04.03.2027 are read only when the order of day and month is given)`},
	{"no such day", "customer,duration,date\nA,1,31.04.2027\n", salestime.ReadOptions{Dates: "dmy"}, salestime.ErrInvalidActivity, `"31.04.2027"`},
	{"blank date", "customer,duration,date\nA,1,\n", salestime.ReadOptions{}, salestime.ErrInvalidActivity, "the date is blank"},
	{"bad order", "customer,duration\n", salestime.ReadOptions{Dates: "ymd"}, salestime.ErrInvalidOption, `date order "ymd"`},
	{"control character", "customer,duration\n\"A\tB\",1\n", salestime.ReadOptions{}, salestime.ErrInvalidCustomer, "control character"},
	{"no duration column", "customer,hours\nA,1\n", salestime.ReadOptions{}, salestime.ErrInvalidCSV, `no column "duration"`},
}

func TestReadActivitiesErrors(t *testing.T) {
	tests := readActivitiesErrorTests
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := salestime.ReadActivities(salestime.CSVRows(strings.NewReader(tt.in)), tt.opts)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ReadActivities() = _, %v, want error %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("ReadActivities() error %q does not say %q", err, tt.message)
			}
			if got != nil {
				t.Errorf("ReadActivities() returned %d activities with its error", len(got))
			}
		})
	}
}

// A sheet stores dates as numbers of days.
func TestReadActivitiesSheet(t *testing.T) {
	rows := [][]string{{"customer", "duration", "date"}, {"A", "1.5", "46085"}, {"B", "2"}}
	_, err := salestime.ReadActivities(&sheetRows{rows: rows}, salestime.ReadOptions{Sheet: "Log", Numbers: "1234.56"})
	if !errors.Is(err, salestime.ErrInvalidActivity) || !strings.Contains(err.Error(), `sheet "Log", row 3, column C "date", customer "B": the date is blank`) {
		t.Fatalf("ReadActivities() = %v, want a blank date in row 3", err)
	}
	rows[2] = append(rows[2], "46086.75")
	got, err := salestime.ReadActivities(&sheetRows{rows: rows}, salestime.ReadOptions{Sheet: "Log", Numbers: "1234.56"})
	if err != nil {
		t.Fatal(err)
	}
	want := []salestime.Activity{{Customer: "A", Duration: 90 * time.Minute, Date: date("2026-03-04")}, {Customer: "B", Duration: 2 * time.Hour, Date: date("2026-03-05")}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadActivities() mismatch (-want +got):\n%s", diff)
	}
}

func FuzzReadActivities(f *testing.F) {
	for _, tt := range readActivitiesTests {
		f.Add(tt.in, tt.opts.Dates, tt.opts.Minutes)
	}
	for _, tt := range readActivitiesErrorTests {
		f.Add(tt.in, tt.opts.Dates, tt.opts.Minutes)
	}
	f.Fuzz(func(t *testing.T, in, dates string, minutes bool) {
		log, err := salestime.ReadActivities(salestime.CSVRows(strings.NewReader(in)), salestime.ReadOptions{Dates: dates, Minutes: minutes})
		if err != nil {
			checkReadError(t, err, append(readSentinels, salestime.ErrInvalidActivity, salestime.ErrInvalidActivity, salestime.ErrInvalidOption)...)
			if log != nil {
				t.Fatalf("ReadActivities() returned activities with error %v", err)
			}
			return
		}
		dated := len(log) > 0 && !log[0].Date.IsZero()
		for _, a := range log {
			if a.Duration < 0 || a.Duration > 10_000*time.Hour || a.Date.IsZero() == dated {
				t.Fatalf("ReadActivities() read %+v from a log with dates %t", a, dated)
			}
		}
	})
}
