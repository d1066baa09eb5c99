package entity

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// article builds an Article from text and "TYPE:name" specs, each found
// after the previous one, so tests do not depend on the tagger.
func article(t *testing.T, id, text string, specs ...string) Article {
	t.Helper()
	a := Article{ID: id, Text: text}
	from := 0
	for _, s := range specs {
		typ, name, _ := strings.Cut(s, ":")
		i := strings.Index(text[from:], name)
		if i < 0 {
			t.Fatalf("%q not found in %q after %d", name, text, from)
		}
		start := from + i
		a.Mentions = append(a.Mentions, Mention{Span: news.Span{Start: start, End: start + len(name)}, Text: name, Type: Type(typ)})
		from = start + len(name)
	}
	return a
}

type wantEntity struct {
	name     string
	typ      Type
	aliases  []string
	roles    []string
	mentions int
	demonyms int
	articles int
}

func TestResolve(t *testing.T) {
	for _, c := range []struct {
		name     string
		articles func(t *testing.T) []Article
		want     []wantEntity
	}{
		{"surname joins the full name in the article", func(t *testing.T) []Article {
			return []Article{article(t, "a", "Foreign Minister Anna Petrova flew in. Petrova said little; Mr Petrova's aide said more.",
				"PER:Anna Petrova", "ORG:Petrova", "PER:Mr Petrova")}
		}, []wantEntity{{name: "Anna Petrova", typ: Person, aliases: []string{"Petrova"}, roles: []string{"Foreign Minister"}, mentions: 3, articles: 1}}},

		{"transliterations and a lone surname join across articles", func(t *testing.T) []Article {
			return []Article{
				article(t, "a", "Sergei Orlov spoke.", "PER:Sergei Orlov"),
				article(t, "b", "Sergey Orlov replied.", "PER:Sergey Orlov"),
				article(t, "c", "Orlov left.", "PER:Orlov"),
			}
		}, []wantEntity{{name: "Sergei Orlov", typ: Person, aliases: []string{"Orlov", "Sergey Orlov"}, mentions: 3, articles: 3}}},

		{"aliases and demonyms", func(t *testing.T) []Article {
			return []Article{article(t, "a", "The Russian Federation and Russia's Russian allies met the U.S. team in the US.",
				"LOC:Russian Federation", "LOC:Russia", "MISC:Russian", "ORG:U.S.", "LOC:US")}
		}, []wantEntity{
			{name: "Russia", typ: Location, aliases: []string{"Russian Federation"}, mentions: 2, demonyms: 1, articles: 1},
			{name: "United States", typ: Location, aliases: []string{"U.S.", "US"}, mentions: 2, articles: 1},
		}},

		{"a demonym alone links without counting", func(t *testing.T) []Article {
			return []Article{article(t, "a", "Syrian troops advanced.", "MISC:Syrian")}
		}, []wantEntity{{name: "Syria", typ: Location, demonyms: 1}}},

		{"titles before the name become roles", func(t *testing.T) []Article {
			return []Article{article(t, "a", "US Secretary of State Jon Carver met UN envoy for Lakeland Pia Ros, then President Ola Berg.",
				"LOC:US", "PER:Jon Carver", "ORG:UN", "LOC:Lakeland", "PER:Pia Ros", "PER:President Ola Berg")}
		}, []wantEntity{
			{name: "Jon Carver", typ: Person, roles: []string{"Secretary of State"}, mentions: 1, articles: 1},
			{name: "Lakeland", typ: Location, mentions: 1, articles: 1},
			{name: "Ola Berg", typ: Person, roles: []string{"President"}, mentions: 1, articles: 1},
			{name: "Pia Ros", typ: Person, roles: []string{"envoy for Lakeland"}, mentions: 1, articles: 1},
			{name: "United Nations", typ: Organisation, aliases: []string{"UN"}, mentions: 1, articles: 1},
			{name: "United States", typ: Location, aliases: []string{"US"}, mentions: 1, articles: 1},
		}},

		{"a surname two people share joins neither", func(t *testing.T) []Article {
			return []Article{article(t, "a", "Eva Lind and Tor Lind met. Lind spoke.", "PER:Eva Lind", "PER:Tor Lind", "PER:Lind")}
		}, []wantEntity{
			{name: "Eva Lind", typ: Person, mentions: 1, articles: 1},
			{name: "Lind", typ: Person, mentions: 1, articles: 1},
			{name: "Tor Lind", typ: Person, mentions: 1, articles: 1},
		}},

		{"an organisation's short form joins it", func(t *testing.T) []Article {
			return []Article{article(t, "a", "Orrin Milling Company closed a plant. Orrin said jobs would go.",
				"ORG:Orrin Milling Company", "PER:Orrin")}
		}, []wantEntity{{name: "Orrin Milling Company", typ: Organisation, aliases: []string{"Orrin"}, mentions: 2, articles: 1}}},

		{"al- and doubled letters fold", func(t *testing.T) []Article {
			return []Article{
				article(t, "a", "Omar al-Haddad arrived.", "PER:Omar al-Haddad"),
				article(t, "b", "Omar Hadad left.", "PER:Omar Hadad"),
			}
		}, []wantEntity{{name: "Omar al-Haddad", typ: Person, aliases: []string{"Omar Hadad"}, mentions: 2, articles: 2}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Resolve(c.articles(t)...)
			slices.SortFunc(got, func(a, b Entity) int { return strings.Compare(a.Name, b.Name) })
			if len(got) != len(c.want) {
				var names []string
				for _, e := range got {
					names = append(names, e.Name)
				}
				t.Fatalf("got %d entities %q, want %d", len(got), names, len(c.want))
			}
			for i, w := range c.want {
				e := got[i]
				if e.Name != w.name || e.Type != w.typ || !slices.Equal(e.Aliases, w.aliases) || !slices.Equal(e.Roles, w.roles) ||
					len(e.Mentions) != w.mentions || len(e.Demonyms) != w.demonyms || e.Articles != w.articles {
					t.Errorf("entity %d = %s %q aliases %q roles %q mentions %d demonyms %d articles %d\nwant %+v",
						i, e.Type, e.Name, e.Aliases, e.Roles, len(e.Mentions), len(e.Demonyms), e.Articles, w)
				}
			}
		})
	}
}

func TestResolveStripsTitleFromSpan(t *testing.T) {
	a := article(t, "a", "Then Mr Petrova spoke.", "PER:Mr Petrova")
	ents := Resolve(a)
	if len(ents) != 1 || len(ents[0].Mentions) != 1 {
		t.Fatalf("got %+v", ents)
	}
	m := ents[0].Mentions[0]
	if a.Text[m.Span.Start:m.Span.End] != "Petrova" || m.Text != "Petrova" {
		t.Errorf("mention %+v, want the span of Petrova alone", m)
	}
}

func TestNameKey(t *testing.T) {
	for _, c := range [][2]string{
		{"Sergei Lavrov", "Sergey Lavrov"},
		{"Bashar al-Assad", "Bashar Assad"},
		{"U.S.", "US"},
		{"Walid al-Moualem", "Walid Muallem"},
		{"José Núñez", "Jose Nunez"},
		{"Mikhail Khodorkovsky", "Mihail Hodorkovsky"},
	} {
		if a, b := nameKey(c[0]), nameKey(c[1]); a != b {
			t.Errorf("nameKey(%q) = %q, nameKey(%q) = %q; want equal", c[0], a, c[1], b)
		}
	}
	if nameKey("Anna Berg") == nameKey("Anna Borg") {
		t.Error("different names share a key")
	}
}

func TestTitleMentions(t *testing.T) {
	for _, c := range []struct {
		name string
		art  func(t *testing.T) Article
		// want maps each title written in the text to the entity it
		// should join ("" = none).
		want map[string]string
	}{
		{"a title after the full name joins it", func(t *testing.T) Article {
			return article(t, "a", "Valdrian Foreign Minister Ivo Marek met envoys. The foreign minister said talks would go on.",
				"MISC:Valdrian", "PER:Ivo Marek")
		}, map[string]string{"The foreign minister": "Ivo Marek"}},

		{"a demonym picks between two presidents", func(t *testing.T) Article {
			return article(t, "a", "French President Ivo Marek met German President Jan Holm. Later the German president left.",
				"MISC:French", "PER:Ivo Marek", "MISC:German", "PER:Jan Holm", "MISC:German")
		}, map[string]string{"the German president": "Jan Holm"}},

		{"an ambiguous title joins no one", func(t *testing.T) Article {
			return article(t, "a", "President Ivo Marek met President Jan Holm. Later the president left.",
				"PER:President Ivo Marek", "PER:President Jan Holm")
		}, map[string]string{}},

		{"a title before a name is not a stand-in", func(t *testing.T) Article {
			return article(t, "a", "Foreign Minister Ivo Marek spoke. Then the foreign minister Ana Brod replied.",
				"PER:Ivo Marek", "PER:Ana Brod")
		}, map[string]string{}},

		{"a title before the person is named is not his", func(t *testing.T) Article {
			return article(t, "a", "The foreign minister arrived late. Foreign Minister Ivo Marek said so.", "PER:Ivo Marek")
		}, map[string]string{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := map[string]string{}
			for _, e := range Resolve(c.art(t)) {
				for _, m := range e.Mentions {
					if m.Title {
						got[m.Text] = e.Name
					}
				}
			}
			if !maps.Equal(got, c.want) {
				t.Errorf("title mentions %v, want %v", got, c.want)
			}
		})
	}
}
