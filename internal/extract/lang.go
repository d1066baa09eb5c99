package extract

import (
	"slices"
	"strings"
	"unicode"
)

// Limits of the language detector. A couple of thousand words decide any
// real article; reading further only costs time on huge inputs.
const (
	langMaxWords  = 2000
	langMaxRunes  = 40000
	langMinWords  = 4  // below this, stopword counts are noise
	langMinLetter = 10 // below this, even the script is a guess
)

// stopwords are the most frequent function words of each language we can
// tell apart by profile. Words shared by several languages ("de", "en",
// "la") are listed under each: they add to every candidate and the words
// a language does not share decide.
var stopwords = map[string][]string{
	"en": strings.Fields(`the of and to in is that it was for on are with as his they be at by this
		had from or but not what all were we when your can said there an which she do their if will
		would about has been who its he her them also than more into after have says i you`),
	"de": strings.Fields(`der die und in den von zu das mit sich des auf für ist im dem nicht ein eine
		als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über
		einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde ich wir`),
	"fr": strings.Fields(`le la les de des et un une du en est que qui dans pour pas au sur par il elle
		ne se ce plus avec sont aux ont son sa été nous vous mais ou comme cette ses leur être fait
		aussi l d qu à y était`),
	"es": strings.Fields(`el la los las de del y en que un una por con para es se no al lo su sus como
		más pero fue ha sobre entre también ya muy este esta son está desde cuando hasta porque donde
		hay han le yo`),
	"it": strings.Fields(`il lo la gli le di del della dei delle e è che un una per con non si da nel
		nella al alla sono ha come più ma anche questo questa dal sul dopo essere stato degli alle
		ci ne io`),
	"pt": strings.Fields(`o a os as de do da dos das e em no na nos nas um uma que para com não por se
		mais foi ao à é como mas ele ela seu sua são também pelo pela já está muito entre isso eu`),
	"nl": strings.Fields(`de het een en van in is dat op te zijn met voor niet die aan er als bij ook om
		door maar naar dan nog wordt werd hij zij was heeft hebben uit over worden deze kan ik`),
	"sv": strings.Fields(`och att det som en på är av för med till den har de inte om ett men var jag
		sig från så kan vid eller efter också hon han`),
	"pl": strings.Fields(`i w na z się nie do to że jest o jak po co ale od za przez dla są być tak już
		jego jej tym które który także oraz`),
	"tr": strings.Fields(`ve bir bu da de için ile ne çok olarak daha gibi olan ama en kadar sonra her
		ya değil mi ki ben o`),
	"ru": strings.Fields(`и в не на что с по как это он она они к из за от то но для был было были его
		ее её же так уже или бы также при только я мы`),
	"uk": strings.Fields(`і в не на що з до як це він вона вони та від за але для був було були його її
		також вже або й у є я ми`),
}

// langCodes lists the stopword languages; stopIndex maps a word to the
// indexes into langCodes of the languages listing it.
var langCodes, stopIndex = func() ([]string, map[string][]int) {
	var codes []string
	for lang := range stopwords {
		codes = append(codes, lang)
	}
	slices.Sort(codes)
	idx := make(map[string][]int)
	for i, lang := range codes {
		for _, w := range stopwords[lang] {
			idx[w] = append(idx[w], i)
		}
	}
	return codes, idx
}()

// Scripts the detector tells apart. The single-language ones map to
// their language in scriptLang.
const (
	scriptOther = iota
	scriptLatin
	scriptCyrillic
	scriptHan
	scriptKana
	scriptHangul
	scriptArabic
	scriptGreek
	scriptHebrew
	scriptThai
	scriptArmenian
	scriptGeorgian
	numScripts
)

var scriptLang = [numScripts]string{scriptHangul: "ko", scriptGreek: "el", scriptHebrew: "he",
	scriptThai: "th", scriptArmenian: "hy", scriptGeorgian: "ka"}

// DetectLanguage returns the ISO 639-1 code of text's language, or "" when
// the text is too short or no language wins clearly.
//
// Texts in a script used by essentially one language are decided by the
// script: zh, ja (kana), ko, el, he, th, hy, ka; Arabic script is ar, or
// fa when Persian-only letters occur. Latin and Cyrillic texts are scored
// against stopword profiles of en, de, fr, es, it, pt, nl, sv, pl, tr and
// ru, uk. Only the first couple of thousand words are read.
func DetectLanguage(text string) string {
	var (
		scripts                     [numScripts]int
		score                       = make([]int, len(langCodes))
		letters, kana, farsi, words int
	)
	start := -1 // byte offset of the current word, or -1
	word := func(end int) {
		if start >= 0 {
			words++
			for _, l := range stopIndex[strings.ToLower(text[start:end])] {
				score[l]++
			}
			start = -1
		}
	}
	runes := 0
	for i, r := range text {
		if runes++; runes > langMaxRunes || words >= langMaxWords {
			text = text[:i]
			break
		}
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			word(i)
			continue
		}
		if start < 0 {
			start = i
		}
		letters++
		sc := scriptOf(r)
		scripts[sc]++
		switch {
		case sc == scriptKana:
			kana++
		case sc == scriptArabic && strings.ContainsRune("پچژگیک", r):
			farsi++
		}
	}
	word(len(text))
	if letters < langMinLetter {
		return ""
	}
	script := scriptOther
	for sc, c := range scripts {
		if c > scripts[script] {
			script = sc
		}
	}
	if scripts[script]*2 < letters {
		return "" // mixed scripts: no honest answer
	}
	switch script {
	case scriptHan:
		if kana*10 > letters {
			return "ja"
		}
		return "zh"
	case scriptKana:
		return "ja"
	case scriptArabic:
		if farsi > 0 {
			return "fa"
		}
		return "ar"
	case scriptLatin, scriptCyrillic:
		return byStopwords(score, words)
	}
	return scriptLang[script]
}

// scriptOf returns the writing system of a letter.
func scriptOf(r rune) int {
	switch {
	case r < 0x250:
		return scriptLatin
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	case unicode.Is(unicode.Han, r):
		return scriptHan
	case unicode.In(r, unicode.Hiragana, unicode.Katakana):
		return scriptKana
	case unicode.Is(unicode.Hangul, r):
		return scriptHangul
	case unicode.Is(unicode.Arabic, r):
		return scriptArabic
	case unicode.Is(unicode.Greek, r):
		return scriptGreek
	case unicode.Is(unicode.Hebrew, r):
		return scriptHebrew
	case unicode.Is(unicode.Thai, r):
		return scriptThai
	case unicode.Is(unicode.Armenian, r):
		return scriptArmenian
	case unicode.Is(unicode.Georgian, r):
		return scriptGeorgian
	}
	return scriptOther
}

// byStopwords picks the language whose stopwords cover most of the text's
// words, given each language's count. It insists on a margin over the
// runner-up because closely related profiles (es/pt, nl/de) tie on short
// texts, and a wrong answer is worse than none.
func byStopwords(score []int, words int) string {
	if words < langMinWords {
		return ""
	}
	best, top, second := -1, 0, 0
	for l, s := range score {
		switch {
		case s > top:
			best, top, second = l, s, top
		case s > second:
			second = s
		}
	}
	// At least two stopwords and one in ten words: prose, not a list of
	// names; and a clear lead, a fifth above the runner-up or two words.
	if best < 0 || top < 2 || top*10 < words {
		return ""
	}
	if top == second || (top*5 < second*6 && top-second < 2) {
		return ""
	}
	return langCodes[best]
}
