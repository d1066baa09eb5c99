package entity

// The tables here are our own short lists for news about world affairs:
// they are meant to be extended as the corpus shows gaps, not to be
// complete. Keys are compared after nameKey normalisation.

// aliasEntry names the canonical entity a variant stands for.
type aliasEntry struct {
	name string
	typ  Type
}

// aliasGroups lists, per canonical entity, the other names it goes by.
var aliasGroups = []struct {
	name     string
	typ      Type
	variants []string
}{
	{"Russia", Location, []string{"Russian Federation"}},
	{"United States", Location, []string{"US", "U.S.", "USA", "U.S.A.", "United States of America", "America"}},
	{"United Kingdom", Location, []string{"UK", "U.K.", "Britain", "Great Britain"}},
	{"Syria", Location, []string{"Syrian Arab Republic"}},
	{"Iran", Location, []string{"Islamic Republic of Iran"}},
	{"China", Location, []string{"People's Republic of China", "PRC"}},
	{"Saudi Arabia", Location, []string{"Kingdom of Saudi Arabia"}},
	{"United Nations", Organisation, []string{"UN", "U.N."}},
	{"European Union", Organisation, []string{"EU", "E.U."}},
	{"NATO", Organisation, []string{"North Atlantic Treaty Organization", "Nato"}},
	{"Islamic State", Organisation, []string{"ISIS", "ISIL", "IS", "Daesh", "Islamic State of Iraq and the Levant", "Islamic State of Iraq and Syria"}},
	{"Free Syrian Army", Organisation, []string{"FSA"}},
}

// demonymGroups lists the adjectives and nouns of nationality that refer
// to a country; they link to it without counting as mentions.
var demonymGroups = []struct {
	country  string
	demonyms []string
}{
	{"Russia", []string{"Russian", "Russians"}},
	{"Syria", []string{"Syrian", "Syrians"}},
	{"United States", []string{"American", "Americans"}},
	{"United Kingdom", []string{"British", "Briton", "Britons"}},
	{"Iran", []string{"Iranian", "Iranians"}},
	{"Iraq", []string{"Iraqi", "Iraqis"}},
	{"Turkey", []string{"Turkish", "Turk", "Turks"}},
	{"Saudi Arabia", []string{"Saudi", "Saudis"}},
	{"Jordan", []string{"Jordanian", "Jordanians"}},
	{"Israel", []string{"Israeli", "Israelis"}},
	{"Lebanon", []string{"Lebanese"}},
	{"Egypt", []string{"Egyptian", "Egyptians"}},
	{"Qatar", []string{"Qatari", "Qataris"}},
	{"Ukraine", []string{"Ukrainian", "Ukrainians"}},
	{"France", []string{"French"}},
	{"Germany", []string{"German", "Germans"}},
	{"China", []string{"Chinese"}},
	{"Japan", []string{"Japanese"}},
	{"India", []string{"Indian", "Indians"}},
	{"Pakistan", []string{"Pakistani", "Pakistanis"}},
	{"Afghanistan", []string{"Afghan", "Afghans"}},
	{"Italy", []string{"Italian", "Italians"}},
	{"Spain", []string{"Spanish"}},
	{"Canada", []string{"Canadian", "Canadians"}},
	{"Europe", []string{"European", "Europeans"}},
}

var (
	aliases  = map[string]aliasEntry{}
	demonyms = map[string]string{}
)

func init() {
	for _, g := range aliasGroups {
		e := aliasEntry{g.name, g.typ}
		aliases[nameKey(g.name)] = e
		for _, v := range g.variants {
			aliases[nameKey(v)] = e
		}
	}
	for _, g := range demonymGroups {
		for _, d := range g.demonyms {
			demonyms[nameKey(d)] = g.country
		}
	}
}

// countryType is the class of a country found only through a demonym.
func countryType(name string) Type {
	if e, ok := aliases[nameKey(name)]; ok {
		return e.typ
	}
	return Location
}

// honorifics are dropped from the front of a name and not kept as roles.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "sir": true, "dame": true, "lord": true, "lady": true,
}

// titleWords start or make up a role before a person's name
// ("Deputy Foreign Minister", "US Secretary of State").
var titleWords = map[string]bool{
	"president": true, "vice": true, "prime": true, "minister": true, "ministers": true, "secretary": true,
	"under": true, "deputy": true, "foreign": true, "defence": true, "defense": true, "chancellor": true,
	"king": true, "queen": true, "prince": true, "princess": true, "general": true, "gen": true, "gen.": true,
	"senator": true, "sen": true, "sen.": true, "rep": true, "rep.": true, "representative": true,
	"governor": true, "gov.": true, "mayor": true, "ambassador": true, "envoy": true, "chairman": true,
	"chairwoman": true, "spokesman": true, "spokeswoman": true, "spokesperson": true, "director": true,
	"chief": true, "commander": true, "lieutenant": true, "colonel": true, "admiral": true, "pope": true,
	"ayatollah": true, "sheikh": true, "emir": true, "judge": true, "justice": true, "premier": true,
	"leader": true, "head": true, "dr": true, "dr.": true, "professor": true, "prof.": true, "major": true,
	"captain": true, "sergeant": true, "cardinal": true, "bishop": true, "archbishop": true, "rabbi": true,
	"imam": true, "mullah": true, "crown": true, "first": true, "lady": true,
}

// roleConnectors may sit inside a role ("Secretary of State").
var roleConnectors = map[string]bool{"of": true, "for": true, "on": true}
