package entity

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestDefaultTags(t *testing.T) {
	m := Default()
	if Default() != m {
		t.Fatal("Default loads the model more than once")
	}
	got := m.Tag(strings.Fields("Maria Olsen of the World Bank flew to Nairobi on Monday ."))
	want := []string{"B-PER", "I-PER", "O", "O", "B-ORG", "I-ORG", "O", "O", "B-LOC", "O", "O", "O"}
	if !slices.Equal(got, want) {
		t.Errorf("Tag = %v\nwant  %v", got, want)
	}
}

func TestWriteLoadRoundTrip(t *testing.T) {
	m := Default()
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.w, m2.w) || len(m.lex.gaz) != len(m2.lex.gaz) || len(m.lex.vocab) != len(m2.lex.vocab) || m.scale != m2.scale {
		t.Error("model changed in a write/load round trip")
	}
	if _, err := Load(strings.NewReader("not a model")); err == nil {
		t.Error("Load accepted garbage")
	}
}

// TestTrainTiny trains on a few sentences of our own and checks that
// the perceptron learns them, deterministically.
func TestTrainTiny(t *testing.T) {
	doc := func(lines ...string) Document {
		var d Document
		for _, l := range lines {
			var s Sentence
			for _, f := range strings.Fields(l) {
				w, lab, _ := strings.Cut(f, "/")
				s.Tokens = append(s.Tokens, w)
				s.Labels = append(s.Labels, lab)
			}
			d.Sentences = append(d.Sentences, s)
		}
		return d
	}
	docs := []Document{
		doc("Ines/B-PER Moro/I-PER visited/O Lisbon/B-LOC ./O", "Moro/B-PER praised/O Acme/B-ORG Corp/I-ORG ./O"),
		doc("Tomas/B-PER Vik/I-PER left/O Oslo/B-LOC for/O Lisbon/B-LOC ./O"),
		doc("Acme/B-ORG Corp/I-ORG hired/O Ines/B-PER Moro/I-PER ./O"),
	}
	opts := TrainOptions{Epochs: 10, Bits: 14, Folds: 2}
	m, err := TrainDocuments(docs, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		for _, s := range d.Sentences {
			if got := m.Tag(s.Tokens); !slices.Equal(got, s.Labels) {
				t.Errorf("Tag(%v) = %v, want %v", s.Tokens, got, s.Labels)
			}
		}
	}
	m2, _ := TrainDocuments(docs, opts, nil)
	if !slices.Equal(m.w, m2.w) {
		t.Error("training is not deterministic")
	}
}

func TestRecognize(t *testing.T) {
	text := "Foreign Minister Maria Olsen’s visit to Nairobi was praised by the World Bank.\nOlsen flew home on Friday."
	var got []string
	for _, m := range Recognize(text) {
		if text[m.Span.Start:m.Span.End] != m.Text {
			t.Errorf("mention %+v does not match its span", m)
		}
		got = append(got, string(m.Type)+":"+m.Text)
	}
	want := []string{"PER:Maria Olsen", "LOC:Nairobi", "ORG:World Bank", "PER:Olsen"}
	if !slices.Equal(got, want) {
		t.Errorf("Recognize = %q, want %q", got, want)
	}
}
