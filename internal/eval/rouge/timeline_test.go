package rouge

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const sep = "--------------------------------\n"

func TestParseTimeline(t *testing.T) {
	cases := []struct {
		name string
		text string
		want Timeline
	}{
		{"two blocks", "2010-09-19\nWell sealed .\nTwo .\n" + sep + "2010-09-17\nCement .\n" + sep,
			Timeline{"2010-09-19": {"Well sealed .", "Two ."}, "2010-09-17": {"Cement ."}}},
		{"duplicate date keeps the last block", "2010-01-01\nfirst\n" + sep + "2010-01-01\nsecond\n" + sep,
			Timeline{"2010-01-01": {"second"}}},
		{"unclosed block dropped", "2010-01-01\nkept\n" + sep + "2010-01-02\nlost\n",
			Timeline{"2010-01-01": {"kept"}}},
		{"MJ typo repaired", "2011-04-01\nx\n" + sep + "2011-04-0\ny\n" + sep,
			Timeline{"2011-04-01": {"x"}, "2011-04-02": {"y"}}},
		{"strptime accepts unpadded fields", "2011-4-2\nx\n" + sep, Timeline{"2011-04-02": {"x"}}},
		{"an impossible date is a sentence", "2011-02-03\n2011-02-30\n" + sep, Timeline{"2011-02-03": {"2011-02-30"}}},
		{"a later date line wins", "2010-01-01\nA\n2010-01-02\nB\n" + sep, Timeline{"2010-01-02": {"A", "B"}}},
		{"blank lines: ends trimmed, inner kept", "2010-01-01\n\n  A  \n\nB\n\n" + sep,
			Timeline{"2010-01-01": {"A", "", "B"}}},
		{"empty block", "2010-01-01\n" + sep, Timeline{"2010-01-01": {""}}},
		{"CRLF", "2010-01-01\r\nA\r\n" + "--------------------------------\r\n", Timeline{"2010-01-01": {"A"}}},
	}
	for _, c := range cases {
		got, err := parseTimeline(c.name, c.text)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

func TestParseTimelineNoDate(t *testing.T) {
	if _, err := parseTimeline("x", "just text\n"+sep); err == nil {
		t.Error("block without a date accepted")
	}
}

func TestReadTimelineFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "tl.txt")
	if err := os.WriteFile(p, []byte("2010-04-20\nRig explodes .\n"+sep), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadTimeline(p)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Timeline{"2010-04-20": {"Rig explodes ."}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := ReadTimeline(filepath.Join(t.TempDir(), "missing.txt")); err == nil {
		t.Error("missing file: no error")
	}
}
