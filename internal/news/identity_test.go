package news

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.Meridian.example/City/Story/?utm_source=x&b=2&a=1#top", "https://meridian.example/City/Story?a=1&b=2"},
		{"HTTP://harbour.example:80/a", "http://harbour.example/a"},
		{"https://harbour.example:8443/a", "https://harbour.example:8443/a"},
		{"https://harbour.example/", "https://harbour.example"},
		{"https://user:pw@harbour.example/a?fbclid=1", "https://harbour.example/a"},
		{"ftp://harbour.example/a", ""},
		{"/relative/path", ""},
		{"not a url", ""},
	}
	for _, tt := range tests {
		if got := CanonicalURL(tt.in); got != tt.want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestContentHashIgnoresLayout(t *testing.T) {
	a := ContentHash("The ferry, at last, left.\n\n“Good,” she said.")
	b := ContentHash("the FERRY at last left \"good\" she said")
	if a != b {
		t.Errorf("hashes differ for layout-only changes: %s vs %s", a, b)
	}
	if a == ContentHash("The ferry stayed.") {
		t.Error("different texts share a hash")
	}
}

func TestIdentity(t *testing.T) {
	h := ContentHash("some text")
	if got, want := IdentityKey("", h), "text:"+h; got != want {
		t.Errorf("IdentityKey without URL = %q, want %q", got, want)
	}
	if got, want := IdentityKey("https://a.example/x", h), "url:https://a.example/x"; got != want {
		t.Errorf("IdentityKey with URL = %q, want %q", got, want)
	}
	if IDFromKey("url:a") == IDFromKey("url:b") || len(IDFromKey("url:a")) != 16 {
		t.Errorf("IDFromKey: want distinct 16-hex ids, got %q and %q", IDFromKey("url:a"), IDFromKey("url:b"))
	}
}

func TestSplitParagraphs(t *testing.T) {
	text := "First para.\n\n  Second one.  \n\n\n\nThird."
	var got []string
	for _, p := range SplitParagraphs(text) {
		got = append(got, text[p.Span.Start:p.Span.End])
	}
	if diff := cmp.Diff([]string{"First para.", "Second one.", "Third."}, got); diff != "" {
		t.Errorf("SplitParagraphs (-want +got):\n%s", diff)
	}
	if ps := SplitParagraphs(""); len(ps) != 0 {
		t.Errorf("SplitParagraphs(\"\") = %v, want none", ps)
	}
}

func TestKind(t *testing.T) {
	if got := Kind(fmtErr(ErrTooLarge)); got != "too_large" {
		t.Errorf("Kind(wrapped ErrTooLarge) = %q", got)
	}
	if got := Kind(errString("x")); got != "other" {
		t.Errorf("Kind(unrelated) = %q, want other", got)
	}
}
