// Package spool holds output that must wait, in memory and past a limit
// in a temporary file, and removes those files on every way out of the
// command, a signal's too.
package spool

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// maxInMemory is how much a spool holds in memory before it moves what it
// holds to a temporary file: a megabyte, as memory the process touches
// for the first time costs more than the file's pages (salestime -format
// json on a million rows, 44 MB of output: 5% faster than with 8 MB).
const maxInMemory = 1 << 20

// A Spool holds output that must wait: the whole output until the run has
// succeeded, so that a run that fails writes nothing to standard output;
// the plans of a team, written as they are made, until the team's
// summary, which comes first and needs every plan, is written, so that
// each plan is made once; and the rows of that summary until the widths
// of its columns are known. It holds them in memory, and a long output in
// a temporary file, where one can be made, which goes on every way out,
// a signal's too.
type Spool struct {
	What string // what it holds, for errors, as "the plans"
	buf  bytes.Buffer
	file *os.File // nil until buf would pass maxInMemory
}

func (s *Spool) Write(p []byte) (int, error) {
	if s.file == nil && s.buf.Len()+len(p) > maxInMemory {
		if f, err := os.CreateTemp("", "salestime-*"); err == nil {
			temporary.add(f.Name())
			s.file = f
			if _, err := s.buf.WriteTo(f); err != nil {
				return 0, fmt.Errorf("salestime: holding %s in %s: %w", s.What, f.Name(), err)
			}
		} // else all of it in memory
	}
	if s.file != nil {
		n, err := s.file.Write(p)
		if err != nil {
			err = fmt.Errorf("salestime: holding %s in %s: %w", s.What, s.file.Name(), err)
		}
		return n, err
	}
	return s.buf.Write(p)
}

// CopyTo writes what the spool holds to w.
func (s *Spool) CopyTo(w io.Writer) error {
	r, err := s.Reader()
	if err == nil {
		_, err = io.Copy(w, r)
	}
	return err
}

// Reader returns a reader of what the spool holds, from its start.
func (s *Spool) Reader() (io.Reader, error) {
	if s.file == nil {
		return &s.buf, nil
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("salestime: reading %s back from %s: %w", s.What, s.file.Name(), err)
	}
	return s.file, nil
}

// Remove deletes the spool's temporary file, if it made one.
func (s *Spool) Remove() {
	if s.file != nil {
		_ = s.file.Close()           // only this spool reads it
		_ = os.Remove(s.file.Name()) // a left-over temporary file is all that remains on failure
		temporary.remove(s.file.Name())
		s.file = nil
	}
}

// temporary holds the names of the temporary files the command has made
// and not yet removed, for a signal to remove.
var temporary = &temporaryFiles{names: map[string]bool{}}

type temporaryFiles struct {
	mu    sync.Mutex
	names map[string]bool
}

func (t *temporaryFiles) add(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.names[name] = true
}

func (t *temporaryFiles) remove(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.names, name)
}

// removeAll removes every temporary file, and keeps any more from being
// made known: the command is ending.
func (t *temporaryFiles) removeAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for name := range t.names {
		_ = os.Remove(name) // nothing is left to tell of a failure
	}
	clear(t.names)
}

// RemoveOnSignal removes the temporary files when the command is stopped
// by SIGINT or SIGTERM, and then ends it as the signal would, with the
// exit status of 128 and the signal's number. It returns a function that
// stops the watch.
func RemoveOnSignal() (stop func()) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-signals:
			temporary.removeAll()
			code := 130
			if sig == syscall.SIGTERM {
				code = 143
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
	}
}
