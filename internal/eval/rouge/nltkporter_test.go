package rouge

import "testing"

// Each case exercises one of NLTK's departures from the original
// algorithm, or a rule both share; the stems are NLTK_EXTENSIONS output.
func TestNLTKStem(t *testing.T) {
	cases := []struct{ rule, word, want string }{
		{"pool: irregular form", "dying", "die"},
		{"pool: plural kept", "skies", "sky"},
		{"pool: news is not new", "news", "news"},
		{"pool: proceed", "proceed", "proceed"},
		{"two letters kept", "ab", "ab"},
		{"four-letter ies → ie", "ties", "tie"},
		{"four-letter ied → ie", "died", "die"},
		{"longer ied → i", "spied", "spi"},
		{"longer ies → i", "cries", "cri"},
		{"y → i only after a consonant", "enjoy", "enjoy"},
		{"y → i even without a vowel", "spy", "spi"},
		{"y → i", "happy", "happi"},
		{"bli → ble", "conformabli", "conform"},
		{"alli → al, then step 2 again", "radicalli", "radic"},
		{"fulli → ful", "hopefulli", "hope"},
		{"logi → log", "archaeologi", "archaeolog"},
		{"eed", "agreed", "agre"},
		{"eed m=0", "feed", "feed"},
		{"double consonant", "hopping", "hop"},
		{"short cvc +e", "filing", "file"},
		{"double l kept", "falling", "fall"},
		{"ational", "relational", "relat"},
		{"ement", "replacement", "replac"},
		{"ment", "adjustment", "adjust"},
		// No Lin change here: ement matches first and its m>1 fails.
		{"ement decides alone", "agreement", "agreement"},
		{"ent", "dependent", "depend"},
		{"ion after t", "adoption", "adopt"},
		{"s dropped", "was", "wa"},
		{"lower-cased first", "Running", "run"},
		{"ll", "controll", "control"},
		{"e removed m=1", "cease", "ceas"},
	}
	for _, c := range cases {
		if got := nltkStem(c.word); got != c.want {
			t.Errorf("%s: nltkStem(%q) = %q, want %q", c.rule, c.word, got, c.want)
		}
	}
}

func TestPyLower(t *testing.T) {
	cases := []struct{ in, want string }{
		{"ABC", "abc"},
		{"Ünïcode", "ünïcode"},
		{"\u212A", "k"},                // Kelvin sign lowers to ASCII k
		{"İstanbul", "i\u0307stanbul"}, // Python's one multi-rune lowering
	}
	for _, c := range cases {
		if got := pyLower(c.in); got != c.want {
			t.Errorf("pyLower(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
