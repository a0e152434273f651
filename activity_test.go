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

// readActivitiesTests are logs ReadActivitiesCSV reads; FuzzReadActivitiesCSV
// starts from them too.
var readActivitiesTests = []struct {
	name string
	in   string
	opts salestime.ActivityOptions
	want salestime.ActivityLog
}{
	{"hours, h:mm and h:mm:ss", "customer,duration\nA,1.5\nB,0:20\nC,1:02:03\n,2\n", salestime.ActivityOptions{},
		salestime.ActivityLog{Activities: []salestime.Activity{
			{Customer: "A", Duration: 90 * time.Minute}, {Customer: "B", Duration: 20 * time.Minute},
			{Customer: "C", Duration: time.Hour + 2*time.Minute + 3*time.Second}, {Duration: 2 * time.Hour},
		}}},
	{"decimal comma, minutes", "customer;duration\nA;1,5\nB;90\n", salestime.ActivityOptions{Minutes: true},
		salestime.ActivityLog{Activities: []salestime.Activity{{Customer: "A", Duration: 1500 * time.Millisecond * 60}, {Customer: "B", Duration: 90 * time.Minute}}}},
	{"ISO dates with times, owners", "Account,Owner,Minutes,When\nA,ann,30,2027-03-04 10:30\nB,bob,0,2027-03-05T09:00:00Z\n",
		salestime.ActivityOptions{Minutes: true, Columns: map[string]string{"customer": "Account", "duration": "Minutes", "date": "When"}},
		salestime.ActivityLog{Owners: true, Dated: true, Activities: []salestime.Activity{
			{Customer: "A", Owner: "ann", Duration: 30 * time.Minute, Date: date("2027-03-04")},
			{Customer: "B", Owner: "bob", Date: date("2027-03-05")},
		}}},
	{"day, month, year", "customer;duration;date\nA;1;04.03.2027\nB;2;31/12/2027\n", salestime.ActivityOptions{Dates: "dmy"},
		salestime.ActivityLog{Dated: true, Activities: []salestime.Activity{
			{Customer: "A", Duration: time.Hour, Date: date("2027-03-04")}, {Customer: "B", Duration: 2 * time.Hour, Date: date("2027-12-31")},
		}}},
	{"month, day, year", "customer,duration,date\nA,1,03/04/2027\n", salestime.ActivityOptions{Dates: "mdy"},
		salestime.ActivityLog{Dated: true, Activities: []salestime.Activity{{Customer: "A", Duration: time.Hour, Date: date("2027-03-04")}}}},
	{"empty log", "customer,duration\n", salestime.ActivityOptions{}, salestime.ActivityLog{}},
}

func TestReadActivitiesCSV(t *testing.T) {
	tests := readActivitiesTests
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := salestime.ReadActivitiesCSV(strings.NewReader(tt.in), tt.opts)
			if err != nil {
				t.Fatalf("ReadActivitiesCSV() returned error %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ReadActivitiesCSV() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// readActivitiesErrorTests are logs ReadActivitiesCSV refuses.
var readActivitiesErrorTests = []struct {
	name    string
	in      string
	opts    salestime.ActivityOptions
	want    error
	message string
}{
	{"negative", "customer,duration\nA,-1\n", salestime.ActivityOptions{}, salestime.ErrInvalidDuration, `line 2, column 2 "duration", customer "A": duration "-1" is negative`},
	{"not a number", "customer,duration\nA,soon\n", salestime.ActivityOptions{}, salestime.ErrInvalidDuration, `duration "soon" is not a number or h:mm`},
	{"blank", "customer,duration\nA,\n", salestime.ActivityOptions{}, salestime.ErrInvalidDuration, "the duration is blank"},
	{"minutes of 60", "customer,duration\nA,1:60\n", salestime.ActivityOptions{}, salestime.ErrInvalidDuration, "minutes and seconds are two digits, 00 to 59"},
	{"too long", "customer,duration\nA,10001\n", salestime.ActivityOptions{}, salestime.ErrInvalidDuration, "is longer than 10000h0m0s"},
	{"too long in h:mm", "customer,duration\nA,20000:00\n", salestime.ActivityOptions{}, salestime.ErrInvalidDuration, "is longer than"},
	{"finer than a nanosecond", "customer,duration\nA,0.0000000000001\n", salestime.ActivityOptions{}, salestime.ErrInvalidDuration, "finer than a nanosecond"},
	{"ambiguous", "customer\tduration\nA\t1,500\n", salestime.ActivityOptions{}, salestime.ErrAmbiguousNumber, `duration "1,500"`},
	{"currency", "customer,duration\nA,$5\n", salestime.ActivityOptions{}, salestime.ErrInvalidDuration, "not a number or h:mm"},
	{"date without an order", "customer,duration,date\nA,1,04.03.2027\n", salestime.ActivityOptions{}, salestime.ErrInvalidDate,
		`date "04.03.2027" is not a date written as 2027-03-04 (dates such as 04.03.2027 are read only when the order of day and month is given)`},
	{"no such day", "customer,duration,date\nA,1,31.04.2027\n", salestime.ActivityOptions{Dates: "dmy"}, salestime.ErrInvalidDate, `"31.04.2027"`},
	{"blank date", "customer,duration,date\nA,1,\n", salestime.ActivityOptions{}, salestime.ErrInvalidDate, "the date is blank"},
	{"bad order", "customer,duration\n", salestime.ActivityOptions{Dates: "ymd"}, salestime.ErrInvalidOption, `date order "ymd"`},
	{"control character", "customer,duration\n\"A\tB\",1\n", salestime.ActivityOptions{}, salestime.ErrInvalidCustomer, "control character"},
	{"no duration column", "customer,hours\nA,1\n", salestime.ActivityOptions{}, salestime.ErrInvalidCSV, `no column "duration"`},
}

func TestReadActivitiesCSVErrors(t *testing.T) {
	tests := readActivitiesErrorTests
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := salestime.ReadActivitiesCSV(strings.NewReader(tt.in), tt.opts)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ReadActivitiesCSV() = _, %v, want error %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("ReadActivitiesCSV() error %q does not say %q", err, tt.message)
			}
			if got.Activities != nil {
				t.Errorf("ReadActivitiesCSV() returned %d activities with its error", len(got.Activities))
			}
		})
	}
}

// A sheet stores dates as numbers of days.
func TestReadActivitiesSheet(t *testing.T) {
	rows := [][]string{{"customer", "duration", "date"}, {"A", "1.5", "46085"}, {"B", "2"}}
	_, err := salestime.ReadActivities(&sheetRows{rows: rows}, salestime.ActivityOptions{Sheet: "Log", Numbers: "1234.56"})
	if !errors.Is(err, salestime.ErrInvalidDate) || !strings.Contains(err.Error(), `sheet "Log", row 3, column C "date", customer "B": the date is blank`) {
		t.Fatalf("ReadActivities() = %v, want a blank date in row 3", err)
	}
	rows[2] = append(rows[2], "46086.75")
	got, err := salestime.ReadActivities(&sheetRows{rows: rows}, salestime.ActivityOptions{Sheet: "Log", Numbers: "1234.56"})
	if err != nil {
		t.Fatal(err)
	}
	want := []salestime.Activity{{Customer: "A", Duration: 90 * time.Minute, Date: date("2026-03-04")}, {Customer: "B", Duration: 2 * time.Hour, Date: date("2026-03-05")}}
	if diff := cmp.Diff(want, got.Activities); diff != "" {
		t.Errorf("ReadActivities() mismatch (-want +got):\n%s", diff)
	}
}

func FuzzReadActivitiesCSV(f *testing.F) {
	for _, tt := range readActivitiesTests {
		f.Add(tt.in, string(tt.opts.Dates), tt.opts.Minutes)
	}
	for _, tt := range readActivitiesErrorTests {
		f.Add(tt.in, string(tt.opts.Dates), tt.opts.Minutes)
	}
	f.Fuzz(func(t *testing.T, in, dates string, minutes bool) {
		log, err := salestime.ReadActivitiesCSV(strings.NewReader(in), salestime.ActivityOptions{Dates: salestime.DateOrder(dates), Minutes: minutes})
		if err != nil {
			checkReadError(t, err, append(readSentinels, salestime.ErrInvalidDuration, salestime.ErrInvalidDate, salestime.ErrInvalidOption)...)
			if log.Activities != nil {
				t.Fatalf("ReadActivitiesCSV() returned activities with error %v", err)
			}
			return
		}
		for _, a := range log.Activities {
			if a.Duration < 0 || a.Duration > salestime.MaxActivity || a.Date.IsZero() == log.Dated {
				t.Fatalf("ReadActivitiesCSV() read %+v from a log with dates %t", a, log.Dated)
			}
		}
	})
}
