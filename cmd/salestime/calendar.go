package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/salestime/salestime"
	"github.com/salestime/salestime/internal/spool"
	"github.com/salestime/salestime/internal/textout"
)

// The plan in the calendar: -format ics writes each plan's blocks as the
// events of an iCalendar file (RFC 5545), through github.com/arran4/golang-ical,
// which folds lines and escapes text as the RFC says.

// A workDay is the working hours of a day, as Plan.Blocks takes them, and
// the location their clock is in.
type workDay struct {
	hours []time.Duration
	loc   *time.Location
	zone  string // the location's IANA name, as the file names it
}

// setCalendar reads -hours, -lunch and -tz.
func (o *options) setCalendar(v map[string]string, given map[string]bool) error {
	if o.run.format != "ics" {
		return nil
	}
	if !given["period"] {
		return usageError{msg: "-format ics needs the dates of the calendar: give them with -period FROM..TO, as in -period 2027-01-01..2027-12-31"}
	}
	start, end, err := clockRange(v["hours"])
	if err != nil {
		return usageError{msg: fmt.Sprintf("-hours %s %v", q(v["hours"]), err)}
	}
	o.day.hours = []time.Duration{start, end}
	if given["lunch"] {
		from, to, err := clockRange(v["lunch"])
		if err != nil || from <= start || to >= end {
			return usageError{msg: fmt.Sprintf("-lunch %s is not a break within the working hours %s, as in -lunch 12:00-13:00", q(v["lunch"]), v["hours"])}
		}
		o.day.hours = []time.Duration{start, from, to, end}
	}
	o.day.zone = v["tz"]
	if o.day.zone == "" {
		o.day.zone = localZone()
	}
	if o.day.loc, err = time.LoadLocation(o.day.zone); err != nil || o.day.zone == "Local" {
		if !given["tz"] {
			return usageError{msg: fmt.Sprintf("the machine's time zone %s is not one of the IANA database: name the calendar's with -tz, as in -tz Europe/Warsaw", q(o.day.zone))}
		}
		return usageError{msg: fmt.Sprintf("-tz %s is not a time zone of the IANA database, as in -tz Europe/Warsaw", q(o.day.zone))}
	}
	if given["out"] {
		if info, err := os.Stat(v["out"]); err != nil || !info.IsDir() {
			return usageError{msg: fmt.Sprintf("-out %s is not a directory to write the calendars in", q(v["out"]))}
		}
	}
	o.out = v["out"]
	return nil
}

// localZone returns the IANA name of the machine's time zone: TZ's, or
// the one /etc/localtime links to; UTC where it has none.
func localZone() string {
	if tz := os.Getenv("TZ"); tz != "" {
		return strings.TrimPrefix(tz, ":")
	}
	if link, err := os.Readlink("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(link, "zoneinfo/"); ok {
			return name
		}
	}
	return "UTC"
}

// clockRange reads FROM-TO, two times of day written 09:00, as offsets
// from midnight.
func clockRange(s string) (from, to time.Duration, err error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "-")
	if ok {
		from, err = clock(a)
	}
	if ok && err == nil {
		to, err = clock(b)
	}
	if !ok || err != nil || to <= from {
		return 0, 0, errors.New("is not a time of day and a later one, as in 09:00-17:00")
	}
	return from, to, nil
}

// clock reads a time of day written 09:00, or 24:00 for midnight at its end.
func clock(s string) (time.Duration, error) {
	if s = strings.TrimSpace(s); s == "24:00" {
		return 24 * time.Hour, nil
	}
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, err
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// An icsRenderer writes each plan's blocks as an iCalendar file: to the
// output, or with -out, to a file of its own in the directory, named after
// the owner. The files are written in full, then renamed into place, so
// that a run that fails leaves none of them.
type icsRenderer struct {
	w       *bufio.Writer
	o       *options
	num     textout.Numbers
	stamp   time.Time // the time the calendars were made, for DTSTAMP
	written []string  // the temporary files, to rename into place at the end
	names   map[string]string
}

func newICSRenderer(w *bufio.Writer, o *options) *icsRenderer {
	return &icsRenderer{w: w, o: o, num: textout.NewNumbers("", o.team.Step), stamp: time.Now().UTC().Truncate(time.Second), names: map[string]string{}}
}

func (r *icsRenderer) group(g *salestime.Group) error {
	blocks, err := g.Plan.Blocks(r.o.team.Period, r.o.team.Holidays, r.o.day.hours, r.o.day.loc)
	if err != nil && g.Name != "" {
		return fmt.Errorf("%w (owner %s)", err, q(g.Name))
	} else if err != nil {
		return err
	}
	cal, err := r.calendar(g, blocks)
	if err != nil {
		return err
	}
	if r.o.out == "" {
		return cal.SerializeTo(r.w, ics.WithNewLineWindows)
	}
	name := fileName(g.Name)
	if other, ok := r.names[name]; ok {
		return fmt.Errorf("salestime: the owners %s and %s would both be written to %s: -out needs owners whose names differ in more than the characters a file name cannot hold", q(other), q(g.Name), name)
	}
	r.names[name] = g.Name
	f, err := os.CreateTemp(r.o.out, ".salestime-*.ics")
	if err != nil {
		return fmt.Errorf("salestime: %w", err)
	}
	r.written = append(r.written, f.Name(), filepath.Join(r.o.out, name))
	bw := bufio.NewWriter(f)
	err = f.Chmod(0o644) // as a file the user writes: CreateTemp makes it private
	if err == nil {
		err = cal.SerializeTo(bw, ics.WithNewLineWindows)
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("salestime: %s: %w", f.Name(), err)
	}
	return nil
}

// calendar returns the calendar of the blocks of g, each an event; the
// library is called behind a boundary, its panics turned into errors.
func (r *icsRenderer) calendar(g *salestime.Group, blocks []salestime.Block) (cal *ics.Calendar, err error) {
	defer func() {
		if p := recover(); p != nil {
			cal, err = nil, fmt.Errorf("salestime: writing the calendar of %s: %v", q(g.Name), p)
		}
	}()
	cal = ics.NewCalendarFor("salestime")
	cal.SetMethod(ics.MethodPublish)
	name := "Selling time"
	if g.Name != "" {
		name += ": " + g.Name
	}
	cal.SetXWRCalName(name)
	cal.SetXWRTimezone(r.o.day.zone)
	rules := map[string]salestime.Line{}
	for _, l := range g.Allocation.Lines {
		rules[l.Customer.Name] = l
	}
	type isoWeek struct{ year, week int }
	weekOf := func(b salestime.Block) isoWeek {
		y, w := b.Start.ISOWeek()
		return isoWeek{y, w}
	}
	for i := 0; i < len(blocks); { // a week at a time: the blocks come in order of time
		w, end := weekOf(blocks[i]), i
		sums := map[string]time.Duration{} // of each party in the week: its cell of the plan by week
		for ; end < len(blocks) && weekOf(blocks[end]) == w; end++ {
			sums[blocks[end].Kind+"/"+blocks[end].Customer] += blocks[end].End.Sub(blocks[end].Start)
		}
		week := fmt.Sprintf("%d-W%02d", w.year, w.week)
		for _, b := range blocks[i:end] {
			r.event(cal, g.Name, b, week, strings.TrimSuffix(strings.TrimRight(hours(sums[b.Kind+"/"+b.Customer], false), "0"), "."), rules)
		}
		i = end
	}
	return cal, nil
}

// event adds to cal the event of block b of owner, in the week labelled
// week, in which its party has the hours given.
func (r *icsRenderer) event(cal *ics.Calendar, owner string, b salestime.Block, week, hours string, rules map[string]salestime.Line) {
	e := cal.AddEvent(uid(owner, b))
	e.SetDtStampTime(r.stamp)
	e.SetStartAt(b.Start)
	e.SetEndAt(b.End)
	switch b.Kind {
	case "key":
		l := rules[b.Customer]
		e.SetSummary(b.Customer + ": key customer")
		e.SetDescription(fmt.Sprintf("%s: %s hours for %s, a key customer: the rule for %s gives it %s of your selling time.",
			week, hours, b.Customer, l.Rule.Name(), r.num.Percent(l.TimeShare)))
	case "prospecting":
		e.SetSummary("Prospecting")
		e.SetDescription(fmt.Sprintf("%s: %s hours for finding new customers.", week, hours))
	case "other":
		e.SetSummary("Other customers")
		e.SetDescription(fmt.Sprintf("%s: %s hours for the customers who are not key.", week, hours))
	default:
		e.SetSummary("Other customers and prospecting")
		e.SetDescription(fmt.Sprintf("%s: %s hours for the customers who are not key, and for finding new ones.", week, hours))
	}
}

// uid returns the UID of the event of block b of owner: the same plan
// gives the same UIDs, so that importing it again updates its events.
func uid(owner string, b salestime.Block) string {
	h := sha256.Sum256([]byte(owner + "\x00" + b.Kind + "\x00" + b.Customer + "\x00" + b.Start.UTC().Format(time.RFC3339) + "\x00" + b.End.UTC().Format(time.RFC3339)))
	return hex.EncodeToString(h[:16]) + "@salestime"
}

// fileName returns the name of the calendar file of owner, as in
// "Anna Nowak.ics": safeName's.
func fileName(owner string) string {
	return safeName(owner, "plan") + ".ics"
}

// safeName returns name as the name of a file in a directory, with
// nothing a path could read otherwise: each separator, control character
// or character Windows refuses (*?"<>|) an underscore, and no surrounding
// space or leading dot; or empty, the name to use, where that leaves
// nothing.
func safeName(name, empty string) string {
	name = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' || strings.ContainsRune(`*?"<>|`, r) {
			return '_'
		}
		return r
	}, name)
	if name = strings.TrimLeft(strings.TrimSpace(name), "."); name == "" {
		return empty
	}
	return name
}

func (r *icsRenderer) end() error {
	for i := 0; i < len(r.written); i += 2 {
		if err := os.Rename(r.written[i], r.written[i+1]); err != nil {
			return fmt.Errorf("salestime: %w", err)
		}
	}
	if n := len(r.written) / 2; n > 0 {
		complain(r.o.notes, "salestime: wrote %d %s to %s\n", n, plural(n, "calendar", "calendars"), r.o.out)
	}
	r.written = nil
	return nil
}

func (r *icsRenderer) after() *spool.Spool { return nil }

// remove removes the files not renamed into place: all of them, where the
// run failed.
func (r *icsRenderer) remove() {
	for i := 0; i < len(r.written); i += 2 {
		_ = os.Remove(r.written[i]) // a temporary file: nothing of the user's is lost
	}
}
