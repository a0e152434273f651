package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"

	"github.com/salestime/salestime"
	"github.com/salestime/salestime/internal/spool"
)

// run runs the command and returns its exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	switch {
	case err == nil && o.http != "":
		err = serve(o.http, o.maxInput, stderr)
	case err == nil:
		o.notes = stderr
		err = o.do(stdin, stdout)
	}
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue) || o == nil:
		complain(stderr, "%v\nrun 'salestime -h' for usage\n", err)
		return 2
	}
	complain(stderr, "%v\n", err)
	if h := hint(err, o); h != "" {
		complain(stderr, "salestime: %s\n", h)
	}
	return 1
}

// do reads the inputs, plans or reviews the team, and writes the output,
// all of it or, where it fails, none.
func (o *options) do(stdin io.Reader, stdout io.Writer) error {
	var activities []salestime.Activity
	if o.run.review {
		err := readFile(o.actual.File, func(r io.Reader) (err error) {
			activities, err = readActivities(r, o)
			return err
		})
		if err != nil {
			return err
		}
	}
	name, r, closeInput, err := openInput(o.input, stdin, o.notes)
	if err != nil {
		return fmt.Errorf("salestime: %w", err)
	}
	if o.inputName != "" {
		name = o.inputName
	}
	acc, err := readAccounts(name, r, o)
	closeInput()
	if err != nil {
		return err
	}
	o.owners = acc.Owners
	o.ownersUnlogged = acc.Owners && len(activities) > 0 && !slices.ContainsFunc(activities, func(a salestime.Activity) bool { return a.Owner != "" })
	if o.budgets.File != "" {
		err := readFile(o.budgets.File, func(r io.Reader) (err error) {
			o.team.Budgets, err = readBudgets(r, o)
			return err
		})
		if err != nil {
			return err
		}
	}
	if o.holidays != "" {
		if o.team.Holidays, err = readHolidays(o.holidays, o.maxInput); err != nil {
			return err
		}
	}
	groups := o.team.Plans(acc)
	if o.run.review {
		groups = o.team.Reviews(acc, activities, o.until)
	}
	switch {
	case o.owner != "" && !acc.Owners:
		return usageError{msg: "-owner picks a salesperson, and the accounts have no owner column: name it with -col owner=HEADER"}
	case o.owner != "":
		groups = ownerAlone(groups, o.owner)
	case o.run.format == "ics" && acc.Owners && o.out == "":
		return usageError{msg: "-format ics writes one salesperson's calendar: pick one with -owner NAME, or write each owner's to a file of its own with -out DIR"}
	}
	return write(stdout, o, acc, groups)
}

// ownerAlone returns the group of owner among groups, or an error if it
// is none of them.
func ownerAlone(groups iter.Seq2[salestime.Group, error], owner string) iter.Seq2[salestime.Group, error] {
	return func(yield func(salestime.Group, error) bool) {
		for g, err := range groups {
			if err == nil && g.Name != owner {
				continue
			}
			yield(g, err)
			return
		}
		yield(salestime.Group{}, fmt.Errorf("salestime: -owner %s: no owner of that name among the accounts' owners", q(owner)))
	}
}

// write writes the output of groups, or nothing where making them fails:
// it waits in a spool until every group is made.
func write(stdout io.Writer, o *options, acc salestime.Accounts, groups iter.Seq2[salestime.Group, error]) error {
	all := &spool.Spool{What: "the output"}
	defer all.Remove()
	out := bufio.NewWriterSize(all, 64<<10)
	r := newRenderer(out, o, acc)
	defer r.remove() // its temporary files, on every way out
	for g, err := range groups {
		if err != nil {
			return err
		}
		if err := r.group(&g); err != nil {
			return err
		}
	}
	err := r.end()
	if err == nil {
		err = out.Flush()
	}
	if err == nil {
		err = all.CopyTo(stdout)
	}
	if after := r.after(); err == nil && after != nil {
		err = after.CopyTo(stdout)
	}
	return err
}

// q quotes s, a value given on the command line, for a message: cut to 64
// characters, so that a value of a million digits is not written back
// whole.
func q(s string) string {
	return strconv.Quote(cut(s, 64))
}

// complain writes a message to standard error. If that fails, there is no
// one left to tell.
func complain(stderr io.Writer, format string, args ...any) {
	_, _ = fmt.Fprintf(stderr, format, args...)
}
