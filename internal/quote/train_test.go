package quote

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteModel retrains the embedded model from PolNeAR train and
// writes it to model/quote.bin.gz. Run it with QUOTE_TRAIN=1 (about a
// minute on one core); with QUOTE_TRAIN=check it instead fails unless
// training reproduces the committed file byte for byte.
func TestWriteModel(t *testing.T) {
	mode := os.Getenv("QUOTE_TRAIN")
	if mode == "" {
		t.Skip("set QUOTE_TRAIN=1 to retrain, QUOTE_TRAIN=check to verify")
	}
	shared := os.Getenv("DOSSIER_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	var buf bytes.Buffer
	if err := Train(shared, &buf, TrainOptions{}, testWriter{t}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("model", "quote.bin.gz")
	if mode == "check" {
		old, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(old, buf.Bytes()) {
			t.Fatalf("retrained model (%d bytes) differs from %s (%d bytes)", buf.Len(), path, len(old))
		}
		return
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s, %d bytes", path, buf.Len())
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}
