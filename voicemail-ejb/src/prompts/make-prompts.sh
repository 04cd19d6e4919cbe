#!/usr/bin/env bash
# Regenerates the bundled prompts of the phone menu (voicemail-ejb/src/main/resources/prompts/<language>/) with
# espeak-ng and sox (Debian: apt-get install espeak-ng sox): 8 kHz mono 16-bit WAV without dither (a re-run writes the same bytes), leading silence cut, 0.12 s of
# silence kept at the end. The deposit prompts (vm-theperson, vm-isunavail, vm-intro, vm-msgsaved, vm-goodbye,
# digits/0-9) were made the same way before this script existed and are not rewritten unless ALL=1.
# Names follow the Asterisk core sounds where Asterisk has the prompt, so a recorded set can replace ours
# (docs/call-flows.md, "Prompts"); numbers are whole words (digits/0 ... digits/99), so each language's
# elisions ("ventuno", "twenty-one") are right without gluing parts.
set -euo pipefail
out=$(cd "$(dirname "$0")/../main/resources/prompts" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

say() { # language name text
  local language=$1 name=$2 text=$3 voice
  [ "$language" = it ] && voice=it || voice=en-gb
  mkdir -p "$(dirname "$out/$language/$name.wav")"
  espeak-ng -v "$voice" -s 150 -w "$work/raw.wav" "$text"
  sox -D "$work/raw.wav" -r 8000 -c 1 -b 16 "$work/cut.wav" silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
  sox -D "$work/cut.wav" "$out/$language/$name.wav" pad 0 0.12
}

while IFS='|' read -r language name text; do
  [ -n "$language" ] && say "$language" "$name" "$text"
done <<'PROMPTS'
en|vm-login|Please enter your mailbox number, then press the hash key.
it|vm-login|Digita il numero della tua casella, poi premi cancelletto.
en|vm-password|Please enter your PIN, then press the hash key.
it|vm-password|Digita il tuo PIN, poi premi cancelletto.
en|vm-incorrect|Login incorrect.
it|vm-incorrect|Accesso non valido.
en|vm-youhave|You have
it|vm-youhave|Hai
en|vm-no|no
it|vm-nonew|Non hai messaggi nuovi.
it|vm-one|un
en|vm-INBOX|new
en|vm-Old|saved
en|vm-message|message
en|vm-messages|messages
it|vm-message-new|messaggio nuovo
it|vm-messages-new|messaggi nuovi
it|vm-message-saved|messaggio salvato
it|vm-messages-saved|messaggi salvati
en|vm-and|and
it|vm-and|e
en|vm-nomore|No more messages.
it|vm-nomore|Non ci sono altri messaggi.
en|vm-deleted|Message deleted.
it|vm-deleted|Messaggio cancellato.
en|vm-undeleted|Message undeleted.
it|vm-undeleted|Messaggio ripristinato.
en|vm-kept|Message saved.
it|vm-kept|Messaggio salvato.
en|vm-menu|Press 1 to listen to your messages, 0 for mailbox options, star for help, hash to exit.
it|vm-menu|Premi 1 per ascoltare i messaggi, 0 per le opzioni della casella, asterisco per l'aiuto, cancelletto per uscire.
en|vm-msg-menu|Press 4 for the previous message, 5 to repeat it, 6 for the next, 7 to delete or undelete it, 9 to save it, 3 for its details, hash to exit.
it|vm-msg-menu|Premi 4 per il messaggio precedente, 5 per riascoltarlo, 6 per il successivo, 7 per cancellarlo o ripristinarlo, 9 per salvarlo, 3 per i dettagli, cancelletto per uscire.
en|vm-sorry|Sorry, that is not an option.
it|vm-sorry|Spiacente, scelta non valida.
en|vm-options|Press 1 to record your greeting, 4 for your temporary greeting, 5 to change your PIN, star or hash to return to the main menu.
it|vm-options|Premi 1 per registrare il tuo messaggio di benvenuto, 4 per il messaggio temporaneo, 5 per cambiare il PIN, asterisco o cancelletto per tornare al menu principale.
en|vm-rec-greeting|Record your greeting after the tone, then press hash.
it|vm-rec-greeting|Registra il tuo messaggio di benvenuto dopo il segnale, poi premi cancelletto.
en|vm-review|Press 1 to accept it, 2 to listen to it, 3 to record it again, star to cancel.
it|vm-review|Premi 1 per confermarlo, 2 per ascoltarlo, 3 per registrarlo di nuovo, asterisco per annullare.
en|vm-greeting-saved|Your greeting has been saved.
it|vm-greeting-saved|Il tuo messaggio di benvenuto è stato salvato.
en|vm-newpassword|Please enter your new PIN, then press the hash key.
it|vm-newpassword|Digita il nuovo PIN, poi premi cancelletto.
en|vm-reenterpassword|Please enter it again, then press the hash key.
it|vm-reenterpassword|Digitalo di nuovo, poi premi cancelletto.
en|vm-mismatch|The two PINs are not the same.
it|vm-mismatch|I due PIN non coincidono.
en|vm-pin-refused|That PIN is not allowed. Use 4 to 12 digits, not all the same, not in a row, and not your mailbox number.
it|vm-pin-refused|Questo PIN non è ammesso. Usa da 4 a 12 cifre, non tutte uguali, non in sequenza, e diverse dal numero della casella.
en|vm-passchanged|Your PIN has been changed.
it|vm-passchanged|Il tuo PIN è stato cambiato.
en|vm-tempgreetactive|Your temporary greeting is on.
it|vm-tempgreetactive|Il tuo messaggio di benvenuto temporaneo è attivo.
en|vm-extension|Please enter the extension of the person you are calling, then press the hash key. If you have a mailbox here, press star.
it|vm-extension|Digita l'interno della persona che cerchi, poi premi cancelletto. Se hai una casella qui, premi asterisco.
en|vm-noextension|There is no mailbox at that extension.
it|vm-noextension|Non c'è nessuna casella a quell'interno.
en|vm-advopts|Press 3 to hear when the message came and who left it, star to return.
it|vm-advopts|Premi 3 per sapere quando è arrivato il messaggio e chi l'ha lasciato, asterisco per tornare indietro.
en|vm-rec-temp|Record your temporary greeting after the tone, then press hash.
it|vm-rec-temp|Registra il messaggio di benvenuto temporaneo dopo il segnale, poi premi cancelletto.
en|vm-tooshort|That was too short.
it|vm-tooshort|La registrazione è troppo breve.
en|vm-tempgreeting2|Press 1 to record your temporary greeting, 2 to remove it, star to return.
it|vm-tempgreeting2|Premi 1 per registrare il messaggio temporaneo, 2 per eliminarlo, asterisco per tornare indietro.
en|vm-tempremoved|Your temporary greeting has been removed.
it|vm-tempremoved|Il messaggio di benvenuto temporaneo è stato eliminato.
en|vm-failed|Sorry, that did not work. Please try again later.
en|vm-outage|Our office phones are out of service for the moment. We are sorry for the inconvenience.
it|vm-outage|I telefoni del nostro ufficio sono momentaneamente fuori servizio. Ci scusiamo per il disagio.
en|vm-connecting|Please hold, we are connecting your call.
it|vm-connecting|Attenda, stiamo inoltrando la sua chiamata.
en|vm-forwarded|A call forwarded to you by the voicemail service, because the office phones are out of service. Press 1 to take it.
it|vm-forwarded|Una chiamata inoltrata dalla segreteria, perché i telefoni dell'ufficio sono fuori servizio. Premi 1 per rispondere.
it|vm-failed|Spiacente, non è stato possibile. Riprova più tardi.
en|vm-received|Received
it|vm-received|Ricevuto
en|vm-from|from
it|vm-from|da
en|vm-unknown-caller|from an unknown number
it|vm-unknown-caller|da un numero sconosciuto
en|digits/at|at
it|digits/at|alle
it|digits/at-one|all'una
en|digits/today|today
it|digits/today|oggi
en|digits/yesterday|yesterday
it|digits/yesterday|ieri
en|digits/oclock|o'clock
en|digits/oh|oh
it|digits/primo|primo
en|digits/plus|plus
it|digits/plus|più
en|digits/day-0|Sunday
en|digits/day-1|Monday
en|digits/day-2|Tuesday
en|digits/day-3|Wednesday
en|digits/day-4|Thursday
en|digits/day-5|Friday
en|digits/day-6|Saturday
it|digits/day-0|domenica
it|digits/day-1|lunedì
it|digits/day-2|martedì
it|digits/day-3|mercoledì
it|digits/day-4|giovedì
it|digits/day-5|venerdì
it|digits/day-6|sabato
en|digits/mon-0|January
en|digits/mon-1|February
en|digits/mon-2|March
en|digits/mon-3|April
en|digits/mon-4|May
en|digits/mon-5|June
en|digits/mon-6|July
en|digits/mon-7|August
en|digits/mon-8|September
en|digits/mon-9|October
en|digits/mon-10|November
en|digits/mon-11|December
it|digits/mon-0|gennaio
it|digits/mon-1|febbraio
it|digits/mon-2|marzo
it|digits/mon-3|aprile
it|digits/mon-4|maggio
it|digits/mon-5|giugno
it|digits/mon-6|luglio
it|digits/mon-7|agosto
it|digits/mon-8|settembre
it|digits/mon-9|ottobre
it|digits/mon-10|novembre
it|digits/mon-11|dicembre
PROMPTS

first=10 # digits/0-9 are the deposit's
[ "${ALL:-0}" = 1 ] && first=0
for n in $(seq "$first" 99); do
  say en "digits/$n" "$n"
  say it "digits/$n" "$n"
done
echo "prompts written to $out"
