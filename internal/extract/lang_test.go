package extract

import (
	"strings"
	"testing"
)

func TestDetectLanguage(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"english", "The mayor said on Tuesday that the new bridge would be open to traffic by the end of the year.", "en"},
		{"german", "Der Bürgermeister sagte am Dienstag, dass die neue Brücke bis zum Ende des Jahres für den Verkehr geöffnet wird.", "de"},
		{"french", "Le maire a déclaré mardi que le nouveau pont serait ouvert à la circulation avant la fin de l'année.", "fr"},
		{"spanish", "El alcalde dijo el martes que el nuevo puente estará abierto al tráfico antes de que termine el año.", "es"},
		{"italian", "Il sindaco ha detto martedì che il nuovo ponte sarà aperto al traffico entro la fine dell'anno.", "it"},
		{"portuguese", "O prefeito disse na terça-feira que a nova ponte será aberta ao trânsito até o fim do ano.", "pt"},
		{"dutch", "De burgemeester zei dinsdag dat de nieuwe brug voor het einde van het jaar open zal zijn voor het verkeer.", "nl"},
		{"swedish", "Borgmästaren sade på tisdagen att den nya bron kommer att öppna för trafik före årets slut.", "sv"},
		{"polish", "Burmistrz powiedział we wtorek, że nowy most zostanie otwarty dla ruchu jeszcze przed końcem roku.", "pl"},
		{"russian", "Мэр заявил во вторник, что новый мост будет открыт для движения уже до конца этого года.", "ru"},
		{"ukrainian", "Мер заявив у вівторок, що новий міст буде відкрито для руху ще до кінця цього року.", "uk"},
		{"chinese", "市长星期二表示，新桥将在年底前通车，市民对此表示欢迎。", "zh"},
		{"japanese", "市長は火曜日、新しい橋が年末までに開通すると述べました。", "ja"},
		{"korean", "시장은 화요일에 새 다리가 연말까지 개통될 것이라고 말했습니다.", "ko"},
		{"arabic", "قال رئيس البلدية يوم الثلاثاء إن الجسر الجديد سيفتح أمام حركة المرور قبل نهاية العام.", "ar"},
		{"greek", "Ο δήμαρχος δήλωσε την Τρίτη ότι η νέα γέφυρα θα ανοίξει για την κυκλοφορία έως το τέλος του έτους.", "el"},
		{"empty", "", ""},
		{"spaces", "   \n\t ", ""},
		{"too short", "Hello there", ""},
		{"numbers only", "12 345 6789 2015 2016 2017", ""},
		{"names only", "Vladimir Putin Sergei Lavrov John Kerry Bashar Assad", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectLanguage(tt.text); got != tt.want {
				t.Errorf("DetectLanguage(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// The detector reads a bounded prefix, so a long text in one language
// with a different tail is judged by its head.
func TestDetectLanguageBoundedPrefix(t *testing.T) {
	head := strings.Repeat("The minister said that the talks would go on for as long as it takes. ", 300)
	tail := strings.Repeat("Le ministre a dit que les négociations continueront aussi longtemps que nécessaire. ", 3000)
	if got := DetectLanguage(head + tail); got != "en" {
		t.Errorf("DetectLanguage(long English head + French tail) = %q, want %q", got, "en")
	}
}
