package quote

import (
	"strings"
	"testing"
)

// The sentences below are invented; each exercises one construction.
func TestExtractConstructions(t *testing.T) {
	cases := []struct {
		name, text           string
		source, cue, content string
		more                 string // a second content part, if any
		kind                 Kind
	}{
		{"speaker after", `"The bridge will reopen in May," Tomas Berg said.`,
			"Tomas Berg", "said", `"The bridge will reopen in May,"`, "", Direct},
		{"curly quotes, speaker before", "Tomas Berg said: “The bridge will reopen in May.”",
			"Tomas Berg", "said", "“The bridge will reopen in May.”", "", Direct},
		{"speaker inside", "“The bridge will reopen in May,” Tomas Berg said, “and the ferry will stop.”",
			"Tomas Berg", "said", "“The bridge will reopen in May,”", "“and the ferry will stop.”", Direct},
		{"indirect", "Tomas Berg said the bridge would reopen in May.",
			"Tomas Berg", "said", "the bridge would reopen in May", "", Indirect},
		{"according to", "The bridge will reopen in May, according to the city council.",
			"the city council", "according to", "The bridge will reopen in May", "", Indirect},
		// A trailing time phrase ("… in May.") is left to TestTailProbe.
		{"told", "Tomas Berg told reporters that the bridge was safe to use.",
			"Tomas Berg", "told", "that the bridge was safe to use", "", Indirect},
		{"mixed", "Tomas Berg said the repairs were “nearly finished” and the bridge would reopen.",
			"Tomas Berg", "said", "the repairs were “nearly finished” and the bridge would reopen", "", Mixed},
		{"nested quotes", "“They told us ‘not before summer’, and we believed them,” Tomas Berg said.",
			"Tomas Berg", "said", "“They told us ‘not before summer’, and we believed them,”", "", Direct},
	}
	for _, c := range cases {
		atts := Extract(c.text)
		var a *Attribution
		for k := range atts {
			if atts[k].SourceText == c.source {
				a = &atts[k]
				break
			}
		}
		if a == nil {
			t.Errorf("%s: no attribution to %q in %+v", c.name, c.source, atts)
			continue
		}
		var more string
		if len(a.More) > 0 {
			more = c.text[a.More[0].Start:a.More[0].End]
		}
		if !strings.Contains(a.CueText, c.cue) || c.text[a.Content.Start:a.Content.End] != c.content || more != c.more || a.Kind != c.kind {
			t.Errorf("%s:\n got cue %q content %q more %q kind %s\nwant cue ⊇ %q content %q more %q kind %s",
				c.name, a.CueText, c.text[a.Content.Start:a.Content.End], more, a.Kind, c.cue, c.content, c.more, c.kind)
		}
	}
}

// A quotation left open at a paragraph's end goes on in the next
// paragraph, which opens with a quotation mark; its speaker is named at
// its close.
func TestExtractParagraphs(t *testing.T) {
	text := "“We have waited eleven years for this road.\n“Nobody in the valley will miss the old ferry,” said Ana Lindqvist, the mayor."
	atts := Extract(text)
	for _, a := range atts {
		if !strings.HasPrefix(a.SourceText, "Ana Lindqvist") {
			continue
		}
		if len(a.More) != 1 || text[a.Content.Start:a.Content.End] != "“We have waited eleven years for this road." {
			t.Errorf("content %q, more %v; want the first paragraph then the second", text[a.Content.Start:a.Content.End], a.More)
		}
		return
	}
	t.Errorf("no attribution to Ana Lindqvist in %+v", atts)
}

func TestTokenizeQuotes(t *testing.T) {
	cases := []struct {
		text string
		want []bool // inQ per token
	}{
		{`a "b c" d`, []bool{false, true, true, true, true, false}},
		{"a “b ‘c’ d” e", []bool{false, true, true, true, true, true, true, true, false}},
		{"Mara’s car", []bool{false, false, false}},
	}
	for _, c := range cases {
		toks := tokenize(c.text)
		var got []bool
		for _, tk := range toks {
			got = append(got, tk.inQ)
		}
		if len(got) != len(c.want) {
			t.Errorf("%q: %d tokens, want %d", c.text, len(got), len(c.want))
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q: token %q inside quotes = %v, want %v", c.text, c.text[toks[i].start:toks[i].end], got[i], c.want[i])
			}
		}
	}
}

// TestExtendTimeTail: a sentence-final time phrase joins a content that
// speaks of the future, and nothing else does. The content run given is
// the text between the markers [ and ].
func TestExtendTimeTail(t *testing.T) {
	cases := []struct{ text, want string }{
		{"He said [the talks would resume] on Tuesday.", "the talks would resume on Tuesday"},
		{"He said [the bridge will reopen] in May.", "the bridge will reopen in May"},
		{"He said [the budget would be cut] in 2027.", "the budget would be cut in 2027"},
		{"He said [the school could close] by Friday!", "the school could close by Friday"},
		{"He said [the talks would resume] on Tuesday", "the talks would resume on Tuesday"},
		{"He said [the talks resumed] on Tuesday.", "the talks resumed"},                                         // past: the phrase may date the saying
		{"He said [the talks would resume] on Tuesday in Geneva.", "the talks would resume"},                     // not the sentence's end
		{"He said [the talks would resume] on schedule.", "the talks would resume"},                              // not a time
		{"He said [the talks would resume]. On Tuesday they met.", "the talks would resume"},                     // next sentence
		{`He said ["the talks would resume"] on Tuesday.`, `"the talks would resume"`},                           // quoted: its marks bound it
		{"He said [the talks would resume]", "the talks would resume"},                                           // nothing follows
		{"He said [the talks would resume] on", "the talks would resume"},                                        // one token follows
		{"He said [the talks would resume]\nOn Tuesday.", "the talks would resume"},                              // next paragraph
		{"He said [the talks would resume] in\nMay.", "the talks would resume"},                                  // phrase across a paragraph break
		{"He said [the talks would resume] on Tuesday\nThe minister left.", "the talks would resume on Tuesday"}, // line ends the sentence
		{"He said [the talks would resume] on Tuesday. Then he left.", "the talks would resume on Tuesday"},      // sentence ends, text goes on
	}
	for _, c := range cases {
		from, to := strings.Index(c.text, "["), strings.Index(c.text, "]")
		text := c.text[:from] + c.text[from+1:to] + c.text[to+1:]
		to--
		toks := tokenize(text)
		r := run{role: roleContent, from: -1}
		for i, tk := range toks {
			if tk.start == from {
				r.from = i
			}
			if tk.end == to {
				r.to = i + 1
			}
		}
		if r.from < 0 || r.to <= r.from {
			t.Fatalf("%q: markers not on token boundaries", c.text)
		}
		extendTimeTail(text, toks, &r)
		if got := text[toks[r.from].start:toks[r.to-1].end]; got != c.want {
			t.Errorf("%q: content %q, want %q", c.text, got, c.want)
		}
	}
}
