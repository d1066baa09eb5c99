package rouge

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// ROUGE-1.5.5 reads two data files from its data directory: WordNet 2.0's
// inflection exceptions (WordNet-2.0.exc.db, looked up before the Porter
// stemmer under -m) and SMART's stopword list (smart_common_words.txt,
// removed under -s; tilse's Python ROUGE reads the same list). Neither is
// committed here: both are read at run time from Debian packages.
const (
	// EnvWordNetExc overrides DefaultWordNetExc: a directory holding
	// WordNet's noun.exc, verb.exc, adj.exc and adv.exc, or one file in
	// the same "inflected base [base...]" line format.
	EnvWordNetExc = "DOSSIER_WORDNET_EXC"
	// EnvSmartStopwords overrides DefaultSmartStopwords: a file with one
	// stopword per line.
	EnvSmartStopwords = "DOSSIER_SMART_STOPWORDS"

	// DefaultWordNetExc is where Debian's wordnet-base installs WordNet
	// 3.0's exception lists. ROUGE used WordNet 2.0's (5,930 words); no
	// Debian package ships those. On the golden summaries the 3.0 lists
	// give Perl's scores exactly; a word whose exception entry changed
	// between the versions would stem differently.
	DefaultWordNetExc = "/usr/share/wordnet"
	// DefaultSmartStopwords is the SMART list that Debian's r-cran-tm
	// installs (571 words, as Salton and Buckley's SMART system has it).
	// ROUGE's copy differs; see rougeStopwordEdits.
	DefaultSmartStopwords = "/usr/lib/R/site-library/tm/stopwords/SMART.dat"
)

// rougeStopwordEdits turn the 571-word SMART list into the one ROUGE-1.5.5
// ships as smart_common_words.txt (598 lines): ROUGE's copy lacks three
// SMART words and adds news-wire and date abbreviations and a few dotted
// or clitic forms. Without these edits -s scores differ from Perl's on
// news text ("first", "last" and "news" are frequent there). Applying
// them to ROUGE's own file, when $DOSSIER_SMART_STOPWORDS names it,
// changes nothing.
var rougeStopwordEdits = struct{ drop, add []string }{
	drop: []string{"first", "last", "name"},
	add: []string{
		"reuters", "ap", "news", "tech", "index", "amid",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
		"mon", "tue", "wed", "thu", "fri", "sat",
		"'s", "e.g.", "etc.", "i.e.", "mr.", "ms.",
	},
}

// excFiles lists WordNet's exception files in the order their entries are
// loaded (name order, as a directory listing gives them to ROUGE's
// builder); a word listed in two files keeps the later file's base. The
// golden Perl scores pin adv.exc after adj.exc: "better" and "best" stem
// to "well", not "good". The data does not constrain noun.exc against
// verb.exc, which disagree on one word longer than three letters ("testes").
var excFiles = []string{"adj.exc", "adv.exc", "noun.exc", "verb.exc"}

// Lexicon holds the word lists behind ROUGE's -m and -s options, as
// LoadLexicon builds them (exceptions in ROUGE's precedence, stopwords with
// ROUGE's edits of the SMART list). A Lexicon is read-only once built and
// safe for concurrent use.
type Lexicon struct {
	// Exceptions maps an inflected form to the base form ROUGE's
	// MorphStem returns instead of running the Porter stemmer.
	Exceptions map[string]string
	// Stopwords is the set removed under -s (and by tilse's Python ROUGE).
	Stopwords map[string]bool
}

// LoadLexicon reads the exception lists from excPath (a directory of
// WordNet .exc files or one such file) and the stopwords from stopPath.
func LoadLexicon(excPath, stopPath string) (*Lexicon, error) {
	exc, err := loadExceptions(excPath)
	if err != nil {
		return nil, err
	}
	stop, err := loadStopwords(stopPath)
	if err != nil {
		return nil, err
	}
	return &Lexicon{Exceptions: exc, Stopwords: stop}, nil
}

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
	defaultErr  error
)

// DefaultLexicon loads the lists once from $DOSSIER_WORDNET_EXC and
// $DOSSIER_SMART_STOPWORDS, or from the Debian paths when those are unset.
// The error names the missing file and the package that provides it.
func DefaultLexicon() (*Lexicon, error) {
	defaultOnce.Do(func() {
		exc := envOr(EnvWordNetExc, DefaultWordNetExc)
		stop := envOr(EnvSmartStopwords, DefaultSmartStopwords)
		defaultLex, defaultErr = LoadLexicon(exc, stop)
	})
	return defaultLex, defaultErr
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// loadExceptions builds the map the way ROUGE's buildExceptionDB.pl did:
// each line's first field maps to its second (the first base form), and a
// later line for the same word wins.
func loadExceptions(path string) (map[string]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, missing("WordNet exception lists", path, EnvWordNetExc, "wordnet-base", err)
	}
	files := []string{path}
	if fi.IsDir() {
		files = files[:0]
		for _, name := range excFiles {
			files = append(files, filepath.Join(path, name))
		}
	}
	m := make(map[string]string, 6000)
	for _, f := range files {
		err := eachLine(f, func(line string) {
			if fs := strings.Fields(line); len(fs) >= 2 {
				m[fs[0]] = fs[1]
			}
		})
		if err != nil {
			return nil, missing("WordNet exception list", f, EnvWordNetExc, "wordnet-base", err)
		}
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("rouge: no WordNet exceptions in %s", path)
	}
	return m, nil
}

// loadStopwords keeps each line as it is, like ROUGE's chomp-and-store,
// then applies rougeStopwordEdits.
func loadStopwords(path string) (map[string]bool, error) {
	m := make(map[string]bool, 600)
	err := eachLine(path, func(line string) { m[line] = true })
	if err != nil {
		return nil, missing("SMART stopword list", path, EnvSmartStopwords, "r-cran-tm", err)
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("rouge: no stopwords in %s", path)
	}
	for _, w := range rougeStopwordEdits.drop {
		delete(m, w)
	}
	for _, w := range rougeStopwordEdits.add {
		m[w] = true
	}
	return m, nil
}

func eachLine(path string, fn func(string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		fn(sc.Text())
	}
	return sc.Err()
}

// ErrNoLexicon is wrapped by every error about a missing word list, so
// that callers (and tests) can tell "not installed" from a real failure.
var ErrNoLexicon = errors.New("rouge: word list not available")

func missing(what, path, env, pkg string, err error) error {
	return fmt.Errorf("%w: %s %s: %v (install Debian's %s or set %s)",
		ErrNoLexicon, what, path, err, pkg, env)
}
