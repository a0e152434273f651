package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// calendarArgs plan the sample for two weeks of March 2027 around a
// holiday, nine to five with lunch, in Warsaw, the rest split.
func calendarArgs(t *testing.T) []string {
	t.Helper()
	holidays := filepath.Join(t.TempDir(), "holidays.csv")
	if err := os.WriteFile(holidays, []byte("2027-03-03\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{"-period", "2027-03-01..2027-03-14", "-holidays", holidays, "-budget", "60", "-prospecting", "40%",
		"-lunch", "12:00-13:00", "-tz", "Europe/Warsaw"}
}

// dtstamp is the line of the time a calendar was made, which differs from
// run to run.
var dtstamp = regexp.MustCompile(`(?m)^DTSTAMP:\d{8}T\d{6}Z\r$`)

// An event is what the tests read of a VEVENT.
type event struct {
	uid, summary     string
	start, end       time.Time
	week, party, day string
}

// parseCalendar reads the events of an iCalendar file through the
// library's own parser, and checks the file's lines: CRLF, and none longer
// than 75 octets.
func parseCalendar(t *testing.T, text string, loc *time.Location) []event {
	t.Helper()
	for i, line := range strings.SplitAfter(text, "\r\n") {
		if strings.Contains(strings.TrimSuffix(line, "\r\n"), "\n") || len(strings.TrimSuffix(line, "\r\n")) > 75 {
			t.Fatalf("line %d of the calendar is not a line of RFC 5545: %q", i+1, line)
		}
	}
	cal, err := ics.ParseCalendar(strings.NewReader(text))
	if err != nil {
		t.Fatalf("the calendar does not parse: %v", err)
	}
	var events []event
	for _, e := range cal.Events() {
		start, err1 := e.GetStartAt()
		end, err2 := e.GetEndAt()
		if err1 != nil || err2 != nil {
			t.Fatalf("event %s: %v, %v", e.Id(), err1, err2)
		}
		start, end = start.In(loc), end.In(loc)
		y, w := start.ISOWeek()
		summary := e.GetProperty(ics.ComponentPropertySummary).Value
		party := map[string]string{"Prospecting": "prospect", "Other customers": "other"}[summary]
		if party == "" {
			party = strings.TrimSuffix(summary, ": key customer")
		}
		events = append(events, event{uid: e.Id(), summary: summary, start: start, end: end,
			week: fmt.Sprintf("%d-W%02d", y, w), party: party, day: start.Format(time.DateOnly)})
	}
	return events
}

// The calendar of a plan: its events, per party and week, add up to the
// plan by week; none overlaps another, leaves the working hours or falls on
// a weekend or a holiday; prospecting opens each day it is in; and two runs
// give the same events, with the same UIDs.
func TestCalendar(t *testing.T) {
	warsaw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	args := calendarArgs(t)
	stdout, stderr, code := runCommand(t, "", append([]string{"-format", "ics"}, args...)...)
	if code != 0 || stderr != "" {
		t.Fatalf("salestime -format ics exited %d with %q", code, stderr)
	}
	checkGolden(t, "calendar.ics", dtstamp.ReplaceAllString(stdout, "DTSTAMP:20270101T000000Z\r"))
	events := parseCalendar(t, stdout, warsaw)
	if len(events) < 20 {
		t.Fatalf("%d events, want those of two weeks", len(events))
	}

	// The plan by week, as CSV: the cells the events must add up to.
	schedule, stderr, code := runCommand(t, "", append([]string{"-format", "csv", "-by", "week"}, args[:len(args)-4]...)...)
	if code != 0 {
		t.Fatalf("salestime -by week exited %d with %q", code, stderr)
	}
	records, err := csv.NewReader(strings.NewReader(schedule)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want, got := map[string]int64{}, map[string]int64{} // minutes of each party and week
	for _, r := range records[1:] {                     // owner, kind, name, period, amount
		party := r[2]
		if r[1] != "key" {
			party = r[1]
		}
		if r[4] != "0" {
			want[party+" "+r[3]] = decimal.RequireFromString(r[4]).Mul(decimal.New(60, 0)).IntPart()
		}
	}
	for _, e := range events {
		got[e.party+" "+e.week] += int64(e.end.Sub(e.start) / time.Minute)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the events' hours differ from the plan by week (-schedule +calendar):\n%s", diff)
	}

	slices.SortFunc(events, func(a, b event) int { return a.start.Compare(b.start) })
	first := map[string]string{}
	for i, e := range events {
		if i > 0 && e.start.Before(events[i-1].end) {
			t.Errorf("%s at %v overlaps %s until %v", e.summary, e.start, events[i-1].summary, events[i-1].end)
		}
		h, m := e.start.Hour(), e.start.Minute()
		eh, em := e.end.Hour(), e.end.Minute()
		in := func(from, to int) bool { return h*60+m >= from*60 && eh*60+em <= to*60 && e.end.Day() == e.start.Day() }
		if !in(9, 12) && !in(13, 17) {
			t.Errorf("%s from %s to %s is not within 09:00-12:00 or 13:00-17:00", e.summary, e.start.Format("Mon 15:04"), e.end.Format("15:04"))
		}
		if wd := e.start.Weekday(); wd == time.Saturday || wd == time.Sunday || e.day == "2027-03-03" {
			t.Errorf("%s falls on %s, a weekend or a holiday", e.summary, e.start.Format("Mon 2006-01-02"))
		}
		if _, ok := first[e.day]; !ok {
			first[e.day] = e.party
		}
		if e.party == "prospect" && first[e.day] != "prospect" {
			t.Errorf("on %s, %s comes before prospecting", e.day, first[e.day])
		}
	}

	again, _, _ := runCommand(t, "", append([]string{"-format", "ics"}, args...)...)
	var uids, uidsAgain []string
	for _, e := range events {
		uids = append(uids, e.uid)
	}
	for _, e := range parseCalendar(t, again, warsaw) {
		uidsAgain = append(uidsAgain, e.uid)
	}
	slices.Sort(uids)
	slices.Sort(uidsAgain)
	if !slices.Equal(uids, uidsAgain) || len(slices.Compact(slices.Clone(uids))) != len(uids) {
		t.Errorf("two runs gave %d and %d UIDs, not the same unique ones", len(uids), len(uidsAgain))
	}
}

// An independent parser reads the calendar as the library does: Python's
// icalendar, where it is installed (Debian's python3-icalendar; CI has it).
func TestCalendarIndependentParser(t *testing.T) {
	python := ""
	for _, py := range []string{"/usr/bin/python3", "python3"} { // Debian's, where the package puts it, first
		if exec.Command(py, "-c", "import icalendar").Run() == nil {
			python = py
			break
		}
	}
	if python == "" {
		const msg = "no python3 with icalendar (apt-get install python3-icalendar) to read the calendar independently"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	stdout, stderr, code := runCommand(t, "", append([]string{"-format", "ics"}, calendarArgs(t)...)...)
	if code != 0 {
		t.Fatalf("salestime -format ics exited %d with %q", code, stderr)
	}
	path := filepath.Join(t.TempDir(), "plan.ics")
	if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	const script = `
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
total = 0
for e in cal.walk('VEVENT'):
    total += int((e.decoded('dtend') - e.decoded('dtstart')).total_seconds() // 60)
    assert e.get('uid') and e.get('dtstamp') and e.get('summary'), e
    if e.get('summary').endswith(': key customer'):
        assert 'a key customer: the rule for ' in str(e.get('description')), e.get('description')
print(len(cal.walk('VEVENT')), total)
`
	out, err := exec.Command(python, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("python3 icalendar: %v\n%s", err, out)
	}
	events := parseCalendar(t, stdout, time.UTC)
	minutes := 0
	for _, e := range events {
		minutes += int(e.end.Sub(e.start) / time.Minute)
	}
	if got, want := strings.TrimSpace(string(out)), fmt.Sprintf("%d %d", len(events), minutes); got != want {
		t.Errorf("Python's icalendar reads %s events and minutes, the library %s", got, want)
	}
}

// A team writes a file per owner with -out, all or none; without -out or
// -owner, a team's calendar is refused.
func TestCalendarFiles(t *testing.T) {
	dir := t.TempDir()
	team := filepath.Join(dir, "team.csv")
	if err := os.WriteFile(team, []byte("owner,name,revenue\nAnna Nowak,A,700\nAnna Nowak,B,300\n../Bartek,C,500\n.hidden,D,100\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	args := []string{"-format", "ics", "-key", "top:1", "-budget", "30", "-period", "2027-03-01..2027-03-05", "-out", out, team}
	stdout, stderr, code := runCommand(t, "", args...)
	if code != 0 || stdout != "" || !strings.Contains(stderr, "wrote 3 calendars to") {
		t.Fatalf("salestime %q exited %d, wrote %q and said %q", args, code, stdout, stderr)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"Anna Nowak.ics", "_Bartek.ics", "hidden.ics"}; !slices.Equal(names, want) {
		t.Errorf("-out wrote %q, want %q", names, want)
	}
	one, stderr, code := runCommand(t, "", "-format", "ics", "-key", "top:1", "-budget", "30", "-period", "2027-03-01..2027-03-05", "-owner", "Anna Nowak", team)
	anna, err := os.ReadFile(filepath.Join(out, "Anna Nowak.ics"))
	if err != nil || code != 0 || dtstamp.ReplaceAllString(one, "") != dtstamp.ReplaceAllString(string(anna), "") {
		t.Errorf("-owner \"Anna Nowak\" exited %d with %q, and wrote other than her file of -out", code, stderr)
	}

	// Two owners whose files would have one name: refused, no file at all.
	clash := filepath.Join(dir, "clash.csv")
	if err := os.WriteFile(clash, []byte("owner,name,revenue\nA/B,A,700\nA:B,B,300\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	none := filepath.Join(dir, "none")
	if err := os.Mkdir(none, 0o755); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = runCommand(t, "", "-format", "ics", "-key", "top:1", "-budget", "30", "-period", "2027-03-01..2027-03-05", "-out", none, clash)
	if entries, _ := os.ReadDir(none); code != 1 || len(entries) != 0 ||
		!strings.Contains(stderr, `the owners "A/B" and "A:B" would both be written to A_B.ics`) {
		t.Errorf("owners of one file name exited %d with %q and left %d files, want 1 and none", code, stderr, len(entries))
	}

	// A second owner's week that does not fit: no file at all.
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	budgets := filepath.Join(dir, "budgets.csv")
	if err := os.WriteFile(budgets, []byte("owner,budget\nAnna Nowak,30\n../Bartek,300\n.hidden,10\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = runCommand(t, "", "-format", "ics", "-key", "top:1", "-budgets", budgets, "-period", "2027-03-01..2027-03-05", "-out", empty, team)
	if entries, _ := os.ReadDir(empty); code != 1 || len(entries) != 0 || !strings.Contains(stderr, "hours missing (owner \"../Bartek\")") {
		t.Errorf("a failed run exited %d with %q and left %d files, want 1 and none", code, stderr, len(entries))
	}
}

func TestCalendarErrors(t *testing.T) {
	period := []string{"-format", "ics", "-period", "2027-03-01..2027-03-12"}
	tests := []struct {
		name    string
		args    []string
		code    int
		message string
	}{
		{"hours backwards", append(period, "-hours", "17:00-09:00"), 2, `-hours "17:00-09:00" is not a time of day and a later one, as in 09:00-17:00`},
		{"no time zone", append(period, "-tz", "Mars/Olympus"), 2, `-tz "Mars/Olympus" is not a time zone of the IANA database`},
		{"lunch outside the hours", append(period, "-lunch", "08:00-09:30"), 2, `-lunch "08:00-09:30" is not a break within the working hours 09:00-17:00`},
		{"no period", []string{"-format", "ics"}, 2, "-format ics needs the dates of the calendar: give them with -period FROM..TO"},
		{"a week that does not fit", append(period, "-budget", "600"), 1,
			"week 2027-W09 plans 300 hours and its working hours hold 40: 260 hours missing\nsalestime: give the calendar more working hours with -hours, or less time to place with -budget"},
		{"a team without -owner", append(period, "-key", "top:1", "testdata/owners.csv"), 2, "pick one with -owner NAME, or write each owner's to a file of its own with -out DIR"},
		{"-owner without owners", append(period, "-owner", "Anna"), 2, "-owner picks a salesperson, and the accounts have no owner column"},
		{"an unknown owner", []string{"-owner", "Zed", "-key", "top:1", "testdata/owners.csv"}, 1, `-owner "Zed": no owner of that name`},
		{"-out not a directory", append(period, "-out", "testdata/owners.csv"), 2, `-out "testdata/owners.csv" is not a directory`},
		{"-hours for a plan", []string{"-hours", "08:00-16:00"}, 2, "-hours is for calendars (-format ics), and this is a plan in text"},
		{"-by with a calendar", append(period, "-by", "week"), 2, "-by is for plans in text, csv or json"},
		{"a calendar of a review", append(period, "-actual", "x"), 2, "-format ics is for plans"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCommand(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.message) || stdout != "" {
				t.Errorf("salestime %q exited %d, wrote %d bytes and said %q; want %d and %q", tt.args, code, len(stdout), stderr, tt.code, tt.message)
			}
		})
	}
	// The machine's zone, where -tz is not given: TZ's, named in the file, or
	// a message that asks for -tz.
	for tz, want := range map[string]string{"Europe/Warsaw": "X-WR-TIMEZONE:Europe/Warsaw", "Mars/Olympus": `the machine's time zone "Mars/Olympus" is not one of the IANA database: name the calendar's with -tz`} {
		args := slices.Concat(period, []string{"-budget", "60"})
		cmd := exec.Command(binary, args...)
		cmd.Env = append(os.Environ(), "TZ="+tz)
		stdout, stderr, _ := runWith(t, cmd, args)
		if !strings.Contains(stdout+stderr, want) {
			t.Errorf("TZ=%s: the calendar says %q and %q, want %q", tz, cut(stdout, 300), stderr, want)
		}
	}
	// The hint's two flags each make the week fit.
	for _, fix := range [][]string{{"-budget", "30"}, {"-budget", "100", "-hours", "07:00-19:00"}} {
		args := slices.Concat(period, fix)
		if _, stderr, code := runCommand(t, "", args...); code != 0 {
			t.Errorf("salestime %q, as hinted, exited %d with %q", args, code, stderr)
		}
	}
}

// The week view of a calendar: the first week of the sample's events,
// drawn as a calendar program draws them, day by day from eight to six,
// rendered in Chromium. With -update it is docs/calendar-week.png.
func TestCalendarWeekView(t *testing.T) {
	chromium := browser(t)
	warsaw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	stdout, stderr, code := runCommand(t, "", append([]string{"-format", "ics"}, calendarArgs(t)...)...)
	if code != 0 {
		t.Fatalf("salestime -format ics exited %d with %q", code, stderr)
	}
	const hourPx, top = 48, 8 // pixels an hour, and the hour at the top
	colours := map[string]string{"prospect": "#d9822b", "other": "#8ab17d"}
	var page strings.Builder
	page.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { font: 13px system-ui, sans-serif; margin: 16px; }
.week { display: grid; grid-template-columns: 48px repeat(5, 1fr); gap: 0 6px; }
.day { position: relative; height: 480px; border-left: 1px solid #d6dbe0; background: repeating-linear-gradient(#fff 0 47px, #eef0f2 47px 48px); }
.head { font-weight: 600; padding: 4px 0; }
.ev { position: absolute; left: 2px; right: 2px; border-radius: 4px; color: #fff; padding: 2px 4px; overflow: hidden; font-size: 12px; box-sizing: border-box; }
.hour { height: 48px; color: #5b6570; font-size: 11px; }
</style></head><body><h3>Week 2027-W09 in a calendar program, from salestime -format ics</h3><div class="week"><div class="head"></div>`)
	days := []string{"2027-03-01", "2027-03-02", "2027-03-03", "2027-03-04", "2027-03-05"}
	for _, d := range days {
		day, _ := time.Parse(time.DateOnly, d)
		fmt.Fprintf(&page, `<div class="head">%s</div>`, day.Format("Mon 2 Jan"))
	}
	page.WriteString(`<div>`)
	for h := top; h < top+10; h++ {
		fmt.Fprintf(&page, `<div class="hour">%02d:00</div>`, h)
	}
	page.WriteString(`</div>`)
	events := parseCalendar(t, stdout, warsaw)
	drawn := 0
	for _, d := range days {
		page.WriteString(`<div class="day">`)
		for _, e := range events {
			if e.day != d {
				continue
			}
			y := (e.start.Hour()-top)*hourPx + e.start.Minute()*hourPx/60
			h := int(e.end.Sub(e.start) / time.Minute * hourPx / 60)
			colour := colours[e.party]
			if colour == "" {
				colour = "#1f5fa8"
			}
			fmt.Fprintf(&page, `<div class="ev" style="top:%dpx;height:%dpx;background:%s">%s<br>%s–%s</div>`,
				y, h-2, colour, e.summary, e.start.Format("15:04"), e.end.Format("15:04"))
			drawn++
		}
		page.WriteString(`</div>`)
	}
	page.WriteString(`</div></body></html>`)
	if drawn < 10 {
		t.Fatalf("drew %d events of the week, want its events", drawn)
	}
	dir := t.TempDir()
	html, shot := filepath.Join(dir, "week.html"), filepath.Join(dir, "week.png")
	if err := os.WriteFile(html, []byte(page.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--window-size=900,580", "--screenshot="+shot, "file://"+html).CombinedOutput()
	if err != nil {
		t.Fatalf("chromium --screenshot: %v\n%s", err, out)
	}
	if img := readPNG(t, shot); inked(img) < 900*580/20 {
		t.Errorf("the week view has %d pixels that are not white, want its events drawn", inked(img))
	}
	if *update {
		data, err := os.ReadFile(shot)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("../../docs/calendar-week.png", data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
