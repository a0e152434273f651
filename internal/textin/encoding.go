// Package textin reads text input as the command does: in the code page
// the user names, checked as it is read, with a guess at the code page of
// a file that is not UTF-8 for a hint, and no more bytes than a limit.
package textin

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
)

// An Encoding is the encoding a user names: a code page to decode, or
// UTF-8 or ASCII, which are read as they are and checked. The zero
// Encoding is none: UTF-8, or UTF-16 with a byte-order mark, as the
// library reads CSV.
type Encoding struct {
	Name  string            // as given
	code  encoding.Encoding // nil for UTF-8 and ASCII
	ascii bool              // every byte must be ASCII
	yen   bool              // Shift-JIS: the byte of the backslash is the yen sign
}

// codePages maps the Windows names of code pages that neither IANA nor
// the web's index knows, as Excel and Windows tools write them, to names
// they know.
var codePages = map[string]string{
	"932": "shift_jis", // Excel's Japanese
	"936": "gbk",
	"949": "euc-kr",
	"950": "big5",
	"874": "windows-874",
}

// Find returns the encoding of a name, as IANA names encodings
// (windows-1250, ISO-8859-2, IBM852), as web browsers label them (cp1250,
// latin2), or as Windows numbers its code pages (cp932, ms932).
func Find(name string) (Encoding, error) {
	t := Encoding{Name: name}
	lower := strings.ToLower(strings.TrimSpace(name))
	for _, prefix := range []string{"cp", "ms", "windows-"} {
		if n, ok := strings.CutPrefix(lower, prefix); ok && codePages[n] != "" {
			lower = codePages[n]
		}
	}
	e, err := ianaindex.IANA.Encoding(lower)
	if err != nil || e == nil {
		e, err = htmlindex.Get(lower)
	}
	if err != nil || e == nil {
		return Encoding{}, fmt.Errorf("%q is not an encoding this command knows, such as windows-1250, windows-1252, iso-8859-2 or shift_jis", name)
	}
	// The web's index reads "ascii" as windows-1252; a file said to be
	// ASCII or UTF-8 is checked as it is, never decoded.
	if iana, _ := ianaindex.IANA.Name(e); iana == "US-ASCII" || strings.Contains(strings.ReplaceAll(lower, "-", ""), "ascii") {
		t.ascii = true
		return t, nil
	}
	if e == xunicode.UTF8 {
		return t, nil
	}
	if n, _ := htmlindex.Name(e); n == "utf-8" {
		return t, nil
	}
	t.code = e
	if n, _ := htmlindex.Name(e); n == "shift_jis" {
		t.yen = true
	}
	return t, nil
}

// A checkedText reads text in the encoding enc, as a stream: with ASCII,
// it fails at the first byte that is not ASCII; decoded from a code page,
// at the first U+FFFD, which a decoder writes for bytes the code page has
// no character for. Its errors name the line.
type checkedText struct {
	r       io.Reader
	enc     Encoding
	suggest []byte // the start of the file, for a hint
	line    int
	col     int // the bytes of the line so far
	matched int // the bytes of U+FFFD just read, which may span reads
}

// replacement is U+FFFD in UTF-8.
const replacement = "\uFFFD"

func (c *checkedText) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for _, b := range p[:n] {
		c.col++
		if b == '\n' {
			c.line, c.col = c.line+1, 0
		}
		if c.enc.ascii && b >= utf8.RuneSelf {
			return 0, c.fail(fmt.Sprintf("byte %d of the line, 0x%02x, is not ASCII, which -encoding %s says the file is", c.col, b, c.enc.Name))
		}
		if c.enc.ascii {
			continue
		}
		switch b {
		case replacement[c.matched]:
			c.matched++
		case replacement[0]:
			c.matched = 1
		default:
			c.matched = 0
		}
		if c.matched == len(replacement) {
			return 0, c.fail(fmt.Sprintf("the file is not %s: it has bytes that %s does not write", c.enc.Name, c.enc.Name))
		}
	}
	return n, err
}

// fail returns the error of the line being read.
func (c *checkedText) fail(msg string) error {
	return &Error{Line: c.line, Err: errors.New(msg), Suggest: Suggest(c.suggest)}
}

// A codePage is a code page that -encoding names and the languages it
// writes, for a hint.
type codePage struct {
	name, languages string
}

// likelyCodePages are the code pages a hint may name, most used first.
var likelyCodePages = []codePage{
	{"windows-1252", "Western European"},
	{"windows-1250", "Central European"},
	{"windows-1251", "Cyrillic"},
	{"shift_jis", "Japanese"},
	{"windows-1253", "Greek"},
	{"windows-1254", "Turkish"},
	{"windows-1257", "Baltic"},
	{"gbk", "Simplified Chinese"},
	{"big5", "Traditional Chinese"},
	{"euc-kr", "Korean"},
	{"windows-874", "Thai"},
	{"macintosh", "Western European, Mac"},
}

// Suggest returns up to three code pages, each with its
// languages, as in "windows-1250 (Central European)", in which text, the
// start of a file that is not UTF-8, reads best: as words of letters of
// one script, Latin words with some letters of ASCII. It is a guess
// for a hint, never used to read.
func Suggest(text []byte) []string {
	type scored struct {
		page  codePage
		score float64
	}
	var all []scored
	best := 0.0
	for _, cp := range likelyCodePages {
		e, err := htmlindex.Get(cp.name)
		if err != nil {
			continue
		}
		decoded, err := e.NewDecoder().Bytes(text)
		if err != nil {
			continue
		}
		s := plausibility(decoded)
		all = append(all, scored{cp, s})
		best = max(best, s)
	}
	var out []string
	for _, s := range all {
		if s.score >= 0.8 && s.score >= best-0.02 && len(out) < 3 {
			out = append(out, s.page.name+" ("+s.page.languages+")")
		}
	}
	return out
}

// plausibility returns the share of the characters of text beyond ASCII
// that sit in words that read as text: letters of one script, and in a
// Latin word of more than one letter, one of ASCII at least. Currency
// signs, punctuation and spaces count for nothing.
func plausibility(text []byte) float64 {
	var good, all int
	s := string(text)
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if r < utf8.RuneSelf || !unicode.IsLetter(r) {
			if r >= utf8.RuneSelf && !unicode.In(r, unicode.Sc, unicode.P, unicode.Zs) {
				all++ // a control, a bad byte or a symbol, where a currency or a mark is not
			}
			s = s[size:]
			continue
		}
		// A word: a run of letters, some of them beyond ASCII.
		end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
		if end < 0 {
			end = len(s)
		}
		word := s[:end]
		s = s[end:]
		var ascii, beyond int
		latin, scripts := true, map[string]bool{}
		for _, r := range word {
			if r < utf8.RuneSelf {
				ascii++
				continue
			}
			beyond++
			name := scriptOf(r)
			scripts[name] = true
			latin = latin && name == "Latin"
		}
		all += beyond
		switch {
		case len(scripts) > 1:
		case latin && (ascii > 0 || beyond == 1):
			good += beyond
		case !latin && ascii == 0:
			good += beyond
		}
	}
	if all == 0 {
		return 0
	}
	return float64(good) / float64(all)
}

// scripts are the scripts plausibility tells apart.
var scripts = []struct {
	name  string
	table *unicode.RangeTable
}{
	{"Latin", unicode.Latin}, {"Cyrillic", unicode.Cyrillic}, {"Greek", unicode.Greek},
	{"Han", unicode.Han}, {"Hiragana", unicode.Hiragana}, {"Katakana", unicode.Katakana},
	{"Hangul", unicode.Hangul}, {"Thai", unicode.Thai},
}

// scriptOf names the script of a letter, with Japanese's three as one.
func scriptOf(r rune) string {
	for _, s := range scripts {
		if unicode.Is(s.table, r) {
			switch s.name {
			case "Hiragana", "Katakana":
				return "Han"
			}
			return s.name
		}
	}
	return "other"
}

// An Error is an error of text that is not in its encoding, with the code
// pages its start reads best in.
type Error struct {
	Line    int // where a reader of NewReader found it; 0 for another reader's error
	Err     error
	Suggest []string
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// NewReader returns a reader of the text of br in e, with br's first bytes
// for Suggest: as they are for the zero Encoding; checked as ASCII or
// UTF-8 where e is one; decoded from e's code page otherwise, and
// checked. It returns an error where the text is UTF-8, and more than
// ASCII, which a code page would misread.
func NewReader(br *bufio.Reader, e Encoding) (io.Reader, []byte, error) {
	start, _ := br.Peek(BufferSize)
	start = bytes.Clone(start) // for a hint, as the buffer moves on
	switch {
	case e.ascii:
		return &checkedText{r: br, enc: e, suggest: start, line: 1}, start, nil
	case e.code == nil:
		return br, start, nil
	case utf8.Valid(start[:validPrefix(start)]) && !isASCII(start):
		return nil, nil, fmt.Errorf("the file is UTF-8 text, which -encoding %s would misread; leave -encoding out", e.Name)
	}
	var decode transform.Transformer = e.code.NewDecoder()
	if e.yen {
		// JIS X 0201, which Shift-JIS extends, has the yen sign where
		// ASCII has the backslash, and Japanese Windows shows it so.
		decode = transform.Chain(decode, runes.Map(func(r rune) rune {
			if r == '\\' {
				return '¥'
			}
			return r
		}))
	}
	return &checkedText{r: transform.NewReader(br, decode), enc: e, suggest: start, line: 1}, start, nil
}

// BufferSize is how much of a file NewReader keeps to suggest its code
// page: the size of the bufio.Reader it takes.
const BufferSize = 64 << 10

// validPrefix returns the length of b less a character that its end cuts.
func validPrefix(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return i
			}
			break
		}
	}
	return len(b)
}

func isASCII(data []byte) bool {
	for _, b := range data {
		if b >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
