package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// spoolMemory is how much a spool holds in memory before it moves what it
// holds to a temporary file.
const spoolMemory = 8 << 20

// A spool holds output that must wait: the plans of a team, written as
// they are made, until the team's summary, which comes first and needs
// every plan, is written, so that each plan is made once; and the rows of
// that summary until the widths of its columns are known. It holds them in
// memory, and a long output in a temporary file, where one can be made.
type spool struct {
	what string // what it holds, for errors, as "the plans"
	buf  bytes.Buffer
	file *os.File // nil until buf would pass spoolMemory
}

func (s *spool) Write(p []byte) (int, error) {
	if s.file == nil && s.buf.Len()+len(p) > spoolMemory {
		if f, err := os.CreateTemp("", "salestime-*"); err == nil {
			s.file = f
			if _, err := s.buf.WriteTo(f); err != nil {
				return 0, fmt.Errorf("salestime: holding %s in %s: %w", s.what, f.Name(), err)
			}
		} // else all of it in memory
	}
	if s.file != nil {
		n, err := s.file.Write(p)
		if err != nil {
			err = fmt.Errorf("salestime: holding %s in %s: %w", s.what, s.file.Name(), err)
		}
		return n, err
	}
	return s.buf.Write(p)
}

// copyTo writes what the spool holds to w.
func (s *spool) copyTo(w io.Writer) error {
	r, err := s.reader()
	if err == nil {
		_, err = io.Copy(w, r)
	}
	return err
}

// reader returns a reader of what the spool holds, from its start.
func (s *spool) reader() (io.Reader, error) {
	if s.file == nil {
		return &s.buf, nil
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("salestime: reading %s back from %s: %w", s.what, s.file.Name(), err)
	}
	return s.file, nil
}

// remove deletes the spool's temporary file, if it made one.
func (s *spool) remove() {
	if s.file != nil {
		_ = s.file.Close()           // only this spool reads it
		_ = os.Remove(s.file.Name()) // a left-over temporary file is all that remains on failure
		s.file = nil
	}
}
