package extract

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dossier-news/dossier/internal/news"
)

// All snippets below are invented for these tests.

// textGot is the part of a Result the rule tests look at.
type textGot struct {
	Title   string
	Derived bool
	Paras   []string
	Credits []news.Credit
	Authors []string
}

func project(r Result) textGot {
	g := textGot{Title: r.Title, Derived: r.TitleDerived, Credits: r.Credits, Authors: r.Authors}
	if r.Text != "" {
		g.Paras = strings.Split(r.Text, "\n\n")
	}
	return g
}

const (
	lead   = "The town council approved the new budget on Monday after a debate that lasted late into the night."
	second = "Opponents said the plan cut too deeply into road repairs, while supporters praised its modest tax rise."
	third  = "The mayor is expected to sign the budget later this week, her office said."
)

func TestTextRules(t *testing.T) {
	tests := []struct {
		name string
		in   string
		h    Hints
		want textGot
	}{
		{
			name: "headline then paragraphs, both newline styles",
			in:   "Valley Council Passes Budget\n\n" + lead + "\n" + second + "\n\n\n" + third,
			want: textGot{Title: "Valley Council Passes Budget", Paras: []string{lead, second, third}},
		},
		{
			name: "no headline: title derived from the lead",
			in:   lead + "\n" + second,
			want: textGot{Title: "The town council approved the new budget on Monday after a debate…", Derived: true, Paras: []string{lead, second}},
		},
		{
			name: "short lead sentence becomes the whole derived title",
			in:   "Mr. Ortiz resigned on Friday. " + second,
			want: textGot{Title: "Mr. Ortiz resigned on Friday", Derived: true, Paras: []string{"Mr. Ortiz resigned on Friday. " + second}},
		},
		{
			name: "hint title wins over the headline",
			in:   "Valley Council Passes Budget\n" + lead,
			h:    Hints{Title: "  Council  budget passes "},
			want: textGot{Title: "Council budget passes", Paras: []string{lead}},
		},
		{
			name: "headline after calls to action and a kicker",
			in:   "Support The Valley Gazette!\nShare\nAround the county\nValley Council Passes Budget in Late Vote\n" + lead,
			want: textGot{Title: "Valley Council Passes Budget in Late Vote", Paras: []string{lead}},
		},
		{
			name: "byline and dateline under the headline",
			in:   "Valley Council Passes Budget\nBy Ana Ortiz and Li Wei\nPublished: Tue 3 Mar 2015, 10:32 GMT\n" + lead,
			want: textGot{Title: "Valley Council Passes Budget", Authors: []string{"Ana Ortiz", "Li Wei"}, Paras: []string{lead}},
		},
		{
			name: "a lead that starts like a byline is text",
			in:   "By Friday, the council will vote on the budget, officials said.\n" + second,
			want: textGot{Title: "By Friday, the council will vote on the budget, officials said", Derived: true,
				Paras: []string{"By Friday, the council will vote on the budget, officials said.", second}},
		},
		{
			name: "a lead that looks like a dateline is text",
			in:   "On Monday at 10 am.\n" + second,
			want: textGot{Title: "On Monday at 10 am", Derived: true, Paras: []string{"On Monday at 10 am.", second}},
		},
		{
			name: "standfirst stays in the text",
			in:   "Valley Council Passes Budget\nRoads lose out as taxes rise\n" + lead,
			want: textGot{Title: "Valley Council Passes Budget", Paras: []string{"Roads lose out as taxes rise", lead}},
		},
		{
			name: "only short lines: all of it is content",
			in:   "Snow closes Hill Road\nSchools open late\nBuses on winter timetable",
			want: textGot{Title: "Snow closes Hill Road", Derived: true, Paras: []string{"Snow closes Hill Road", "Schools open late", "Buses on winter timetable"}},
		},
		{
			name: "navigation labels mid-text",
			in:   lead + "\nAdvertisement\nAlso Read\n" + second + "\nMost Popular\nMore from Politics\n" + third,
			want: textGot{Title: "The town council approved the new budget on Monday after a debate…", Derived: true, Paras: []string{lead, second, third}},
		},
		{
			name: "calls to action, share bars and site notices",
			in: lead + "\nFollow us on Mastodon\nSubscribe to our newsletter\nFacebook Twitter WhatsApp\n" +
				"Watch: the council vote in full\nThis article was originally published on example.org.\n" +
				"We use cookies to improve your experience.\nPlease wait a moment, the player is loading.\n" + second +
				"\n(Reporting by Ana Ortiz; Editing by Li Wei)",
			want: textGot{Title: "The town council approved the new budget on Monday after a debate…", Derived: true, Paras: []string{lead, second}},
		},
		{
			name: "sentences mentioning share or support are text",
			in:   lead + "\nWe share the concerns of residents, the mayor said.\nSupport for the plan was strongest in the north.\nShare prices of the county bank rose on the news today.",
			want: textGot{Title: "The town council approved the new budget on Monday after a debate…", Derived: true, Paras: []string{lead, "We share the concerns of residents, the mayor said.", "Support for the plan was strongest in the north.", "Share prices of the county bank rose on the news today."}},
		},
		{
			name: "subheading between paragraphs is kept",
			in:   "Valley Council Passes Budget\n" + lead + "\nRoad repairs\n" + second,
			want: textGot{Title: "Valley Council Passes Budget", Paras: []string{lead, "Road repairs", second}},
		},
		{
			name: "captions: bracketed agency, repeated line, label",
			in: "Valley Council Passes Budget\nCouncillors vote in the town hall on Monday [AFP]\nCouncillors vote in the town hall on Monday [AFP]\n" +
				lead + "\nPhoto: the town hall at night\nThe mayor speaks to reporters (AP Photo/Jo Bloggs)\n" + second,
			want: textGot{Title: "Valley Council Passes Budget", Paras: []string{lead, second}},
		},
		{
			name: "repeated paragraph kept once",
			in:   lead + "\n" + lead + "\n" + second,
			want: textGot{Title: "The town council approved the new budget on Monday after a debate…", Derived: true, Paras: []string{lead, second}},
		},
		{
			name: "trailing caption and links after the last sentence",
			in:   lead + "\n" + second + "\nResidents queue outside the town hall before the vote\nRead more\nMost Read",
			want: textGot{Title: "The town council approved the new budget on Monday after a debate…", Derived: true, Paras: []string{lead, second}},
		},
		{
			name: "source line with any names",
			in:   lead + "\n" + second + "\nSource : Valley Gazette, Hill Radio\n\nMore from News",
			want: textGot{Title: "The town council approved the new budget on Monday after a debate…", Derived: true, Paras: []string{lead, second},
				Credits: []news.Credit{{Name: "Valley Gazette", Line: "Source : Valley Gazette, Hill Radio"}, {Name: "Hill Radio", Line: "Source : Valley Gazette, Hill Radio"}}},
		},
		{
			name: "bare agency line and dashed credit",
			in:   lead + "\n" + second + "\n— Hill Radio\nReuters",
			want: textGot{Title: "The town council approved the new budget on Monday after a debate…", Derived: true, Paras: []string{lead, second},
				Credits: []news.Credit{{Name: "Hill Radio", Line: "— Hill Radio"}, {Name: "Reuters", Line: "Reuters"}}},
		},
		{
			name: "agency glued to the last paragraph",
			in:   lead + "\n" + third + " AFP/dpa",
			want: textGot{Title: "The town council approved the new budget on Monday after a debate…", Derived: true, Paras: []string{lead, third},
				Credits: []news.Credit{{Name: "AFP", Line: "AFP/dpa"}, {Name: "dpa", Line: "AFP/dpa"}}},
		},
		{
			name: "a name that is not an agency stays glued",
			in:   lead + "\n" + third + " Ortiz",
			want: textGot{Title: "The town council approved the new budget on Monday after a debate…", Derived: true, Paras: []string{lead, third + " Ortiz"}},
		},
		{
			name: "wire dateline and with-agency line",
			in:   "VALLEY CITY (Reuters) - " + lead + "\n" + second + "\n(With inputs from AFP)",
			want: textGot{Title: "VALLEY CITY - The town council approved the new budget on Monday…", Derived: true, Paras: []string{"VALLEY CITY - " + lead, second},
				Credits: []news.Credit{{Name: "Reuters", Line: "VALLEY CITY (Reuters) -"}, {Name: "AFP", Line: "(With inputs from AFP)"}}},
		},
		{
			name: "whitespace collapsed, CRLF and non-breaking spaces",
			in:   "  Valley Council Passes Budget \r\n\r\n The town\u00a0council  approved\tthe budget. \u200b\r\n* * *\r\n" + second + "  ",
			want: textGot{Title: "Valley Council Passes Budget", Paras: []string{"The town council approved the budget.", second}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Text([]byte(tt.in), tt.h, Options{})
			if err != nil {
				t.Fatalf("Text: unexpected error %v", err)
			}
			if diff := cmp.Diff(tt.want, project(res), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Text(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestTextErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, news.ErrEmpty},
		{"whitespace", []byte(" \n\t\r\n "), news.ErrEmpty},
		{"bom only", []byte("\xEF\xBB\xBF  \n"), news.ErrEmpty},
		{"nul bytes", []byte("Valley news\x00\x00 of the day."), news.ErrBinary},
		{"control characters", []byte(strings.Repeat("ab\x01\x02\x03", 20)), news.ErrBinary},
		{"file signature", []byte("%PDF-1.4 some text"), news.ErrBinary},
		{"only chrome", []byte("Share\nAdvertisement\nRead more\nFollow us on Mastodon"), news.ErrNoContent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Text(tt.in, Hints{}, Options{})
			if !errors.Is(err, tt.want) {
				t.Errorf("Text(%q) error = %v, want one wrapping %v", tt.in, err, tt.want)
			}
		})
	}
}

func TestTextEncodingAndHints(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"windows-1252", []byte("The caf\xe9 owner said \x93we will stay open\x94 despite the rent."), "The café owner said “we will stay open” despite the rent."},
		{"utf-8 bom", []byte("\xEF\xBB\xBFThe café owner said she would stay open."), "The café owner said she would stay open."},
		{"utf-16le bom", utf16le("The café owner said she would stay open."), "The café owner said she would stay open."},
		{"valid utf-8 is not re-decoded", []byte("Der Bäcker sagte, er bleibe geöffnet."), "Der Bäcker sagte, er bleibe geöffnet."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Text(tt.in, Hints{}, Options{})
			if err != nil {
				t.Fatalf("Text: %v", err)
			}
			if res.Text != tt.want {
				t.Errorf("Text = %q, want %q", res.Text, tt.want)
			}
		})
	}

	h := Hints{URL: "https://www.Example.org/news/budget?utm_source=x", Source: "Valley Gazette", Author: "Ana Ortiz; Li Wei"}
	res, err := Text([]byte("Valley Council Passes Budget\nBy Someone Else\n"+lead+" "+second), h, Options{})
	if err != nil {
		t.Fatalf("Text: %v", err)
	}
	got := struct {
		URL      string
		Source   news.Source
		Authors  []string
		Language string
	}{res.URL, res.Source, res.Authors, res.Language}
	want := struct {
		URL      string
		Source   news.Source
		Authors  []string
		Language string
	}{"https://example.org/news/budget", news.Source{Name: "Valley Gazette", Domain: "example.org"}, []string{"Ana Ortiz", "Li Wei"}, "en"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("hints mismatch (-want +got):\n%s", diff)
	}
}

func utf16le(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// fakeRecurring knows a fixed set of chrome lines of one outlet.
type fakeRecurring map[string]bool

func (f fakeRecurring) Recurs(outlet, line string) bool { return outlet == "gazette" && f[line] }

func TestTextRecurringLines(t *testing.T) {
	rec := fakeRecurring{
		"the valley gazette independent since 1889": true,
		// A real sentence that happens to recur is still spared.
		news.NormaliseText(second): true,
	}
	in := lead + "\nThe Valley Gazette, independent since 1889\n" + second
	tests := []struct {
		name string
		h    Hints
		want []string
	}{
		{"outlet from the Outlet hint", Hints{Outlet: "gazette"}, []string{lead, second}},
		{"outlet from the Source hint", Hints{Source: "gazette"}, []string{lead, second}},
		{"other outlet", Hints{Source: "herald"}, []string{lead, "The Valley Gazette, independent since 1889", second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Text([]byte(in), tt.h, Options{Recurring: rec})
			if err != nil {
				t.Fatalf("Text: %v", err)
			}
			if diff := cmp.Diff(tt.want, strings.Split(res.Text, "\n\n")); diff != "" {
				t.Errorf("paragraphs mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// With LineStats in the loop, as the pipeline runs it, an outlet's chrome
// disappears once it has been seen often enough.
func TestTextWithLineStats(t *testing.T) {
	ls := NewLineStats()
	var last Result
	for i := 0; i < 5; i++ {
		doc := fmt.Sprintf("Gazette Plus: Your Town, Your Paper, Your Voice\nCouncil Item %d Approved\nThe council approved item %d on Monday after a short debate.", i, i)
		ls.Observe("dir:gazette", doc)
		res, err := Text([]byte(doc), Hints{Outlet: "dir:gazette"}, Options{Recurring: ls})
		if err != nil {
			t.Fatalf("doc %d: %v", i, err)
		}
		last = res
	}
	if strings.Contains(last.Text, "Gazette Plus") || last.Title != "Council Item 4 Approved" {
		t.Errorf("after 5 documents: Title = %q, Text = %q; want the chrome line gone and the headline as title", last.Title, last.Text)
	}
}

// seedDir returns ../shared/seeds beside the module root, or "" when the
// shared material is not there (a fresh checkout, CI without it).
func seedDir(tb testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for ; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
	seeds := filepath.Join(dir, "..", "shared", "seeds")
	if _, err := os.Stat(seeds); err != nil {
		return ""
	}
	return seeds
}

func readSeeds(tb testing.TB) map[string][]byte {
	dir := seedDir(tb)
	if dir == "" {
		tb.Skip("../shared/seeds not present")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Skipf("no seeds in %s", dir)
	}
	seeds := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		seeds[filepath.Base(f)[:3]] = b
	}
	return seeds
}

// seedChrome are lines of site chrome in the seeds that must not survive.
var seedChrome = []string{"Share", "Share this article", "Advertisement", "Read more", "Also Read",
	"Support The Moscow Times!", "WhatsApp WhatsApp us", "More from News", "Most Read"}

func TestTextSeeds(t *testing.T) {
	seeds := readSeeds(t)
	// The headline is the n-th non-empty line of each file (0-based); the
	// lines above it are site chrome. Seed 000 starts with its lead.
	headline := map[string]int{"001": 1, "002": 1, "003": 0, "004": 1}
	credits := map[string][]string{"003": {"Al Jazeera", "Reuters"}, "004": {"Reuters"}}

	for id, raw := range seeds {
		t.Run(id, func(t *testing.T) {
			res, err := Text(raw, Hints{}, Options{})
			if err != nil {
				t.Fatalf("Text: %v", err)
			}
			lines := splitTextLines(string(raw))
			if n, ok := headline[id]; ok {
				if res.Title != lines[n] || res.TitleDerived {
					t.Errorf("Title = %q (derived %v), want line %d of the file, %q", res.Title, res.TitleDerived, n, lines[n])
				}
			}
			if id == "000" && (!res.TitleDerived || res.Title == "") {
				t.Errorf("Title = %q, TitleDerived = %v; want a title derived from the lead", res.Title, res.TitleDerived)
			}
			if res.Language != "en" {
				t.Errorf("Language = %q, want en", res.Language)
			}

			paras := strings.Split(res.Text, "\n\n")
			for _, p := range paras {
				for _, c := range seedChrome {
					if p == c {
						t.Errorf("chrome line %q survived", c)
					}
				}
			}
			kept, long := 0, 0
			for _, l := range lines {
				if utf8.RuneCountInString(l) <= 150 {
					continue
				}
				long++
				if strings.Contains(res.Text, string([]rune(l)[:150])) {
					kept++
				}
			}
			if kept*10 < long*9 {
				t.Errorf("kept %d of %d paragraphs longer than 150 characters, want at least 90%%", kept, long)
			}

			var names []string
			for _, c := range res.Credits {
				names = append(names, c.Name)
			}
			if diff := cmp.Diff(credits[id], names, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("credit names mismatch (-want +got):\n%s", diff)
			}
			for _, n := range names {
				if strings.HasSuffix(res.Text, n) {
					t.Errorf("credit %q still ends the text", n)
				}
			}
		})
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{
		"", " ", "\xEF\xBB\xBF", "\xFF\xFE", "a", "a\x00b",
		"Valley Council Passes Budget\n\n" + lead + "\n" + second,
		lead + " Reuters", "Share\nAdvertisement", "Source: A, B\n", "— AFP",
		"CITY (AP) - " + lead, "caf\xe9 \x93x\x94", "x [EPA]\nx [EPA]\n" + third,
		"By Ana Ortiz\n3 March 2015\n" + lead, "\r\n\r\n\u00a0\u2028" + second + "\u2029",
		"000\xe9 .", // found by fuzzing: a title ending in a space
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		res, err := Text(raw, Hints{}, Options{Recurring: fakeRecurring{"share": true}})
		if err != nil {
			if news.Kind(err) == "other" {
				t.Fatalf("error %v wraps no news sentinel", err)
			}
			return
		}
		for what, s := range map[string]string{"Text": res.Text, "Title": res.Title} {
			if !utf8.ValidString(s) {
				t.Errorf("%s is not valid UTF-8: %q", what, s)
			}
			if strings.TrimSpace(s) != s {
				t.Errorf("%s has surrounding whitespace: %q", what, s)
			}
		}
		if res.Text == "" || strings.Contains(res.Text, "\n\n\n") {
			t.Errorf("Text empty or with a triple newline: %q", res.Text)
		}
		for i, p := range strings.Split(res.Text, "\n\n") {
			if strings.TrimSpace(p) == "" || strings.TrimSpace(p) != p || strings.Contains(p, "\n") {
				t.Errorf("paragraph %d is empty, padded or multi-line: %q", i, p)
			}
		}
		if strings.Contains(res.Title, "\n") {
			t.Errorf("Title spans lines: %q", res.Title)
		}
		for _, c := range res.Credits {
			if strings.TrimSpace(c.Name) == "" {
				t.Errorf("credit with empty name: %+v", c)
			}
		}
	})
}

func BenchmarkText(b *testing.B) {
	var docs [][]byte
	if dir := seedDir(b); dir != "" {
		for _, raw := range readSeeds(b) {
			docs = append(docs, raw)
		}
	} else {
		var sb strings.Builder
		sb.WriteString("Share\nValley Council Passes Budget\n\n")
		for i := 0; i < 20; i++ {
			fmt.Fprintf(&sb, "%s %s\n\nAdvertisement\n\n", lead, second)
		}
		sb.WriteString(third + " Reuters\nRead more\n")
		docs = append(docs, []byte(sb.String()))
	}
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := Text(d, Hints{}, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func TestTextDatelines(t *testing.T) {
	tests := []struct {
		name, in  string
		title     string
		authors   []string
		published string
	}{
		{"dateline with update note",
			"Harbour ferry fares to rise in June\n\nBy Ansel Morrow\n\nMarch 18, 2026 1:25 PM UTC · Updated 2 hours ago\n\nFerry fares on the harbour routes will rise by a tenth in June, the operator said on Tuesday, blaming fuel costs.\n",
			"Harbour ferry fares to rise in June", []string{"Ansel Morrow"}, "2026-03-18"},
		{"name and date joined",
			"Kestrel Weekly\n\nShare\n\nBridge repairs close the old town crossing\n\nIdra Penwell · 31 March 2026\n\nThe old town bridge will close for eight weeks from Monday while engineers replace its bearings, the council said.\n",
			"Bridge repairs close the old town crossing", []string{"Idra Penwell"}, "2026-03-31"},
		{"no date", "Council votes on parking plan\n\nThe council voted on Thursday to extend paid parking to the harbour district, after a long debate.\n",
			"Council votes on parking plan", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Text([]byte(tt.in), Hints{}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != tt.title {
				t.Errorf("title = %q, want %q", got.Title, tt.title)
			}
			if diff := cmp.Diff(tt.authors, got.Authors); diff != "" {
				t.Errorf("authors (-want +got):\n%s", diff)
			}
			day := ""
			if !got.Published.IsZero() {
				day = got.Published.Format("2006-01-02")
			}
			if day != tt.published {
				t.Errorf("published = %q, want %q", day, tt.published)
			}
			if strings.Contains(got.Text, "Updated 2 hours ago") || strings.Contains(got.Text, "·") {
				t.Errorf("dateline left in text: %q", got.Text)
			}
		})
	}
}
