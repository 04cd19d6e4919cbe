#!/usr/bin/env bash
# Regenerates the bundled prompts of the phone menu (voicemail-ejb/src/main/resources/prompts/<language>/) with
# espeak-ng and sox (Debian: apt-get install espeak-ng sox): 8 kHz mono 16-bit WAV, leading silence cut, 0.12 s of
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
  sox "$work/raw.wav" -r 8000 -c 1 -b 16 "$work/cut.wav" silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
  sox "$work/cut.wav" "$out/$language/$name.wav" pad 0 0.12
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
en|vm-options|Press 1 to record your greeting, 5 to change your PIN, star for help, hash for the main menu.
it|vm-options|Premi 1 per registrare il tuo messaggio di benvenuto, 5 per cambiare il PIN, asterisco per l'aiuto, cancelletto per il menu principale.
en|vm-rec-greeting|Record your greeting after the tone, then press hash.
it|vm-rec-greeting|Registra il tuo messaggio di benvenuto dopo il segnale, poi premi cancelletto.
en|vm-review|Press 1 to accept it, 2 to listen to it, 3 to record it again.
it|vm-review|Premi 1 per confermarlo, 2 per ascoltarlo, 3 per registrarlo di nuovo.
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
PROMPTS

first=10 # digits/0-9 are the deposit's
[ "${ALL:-0}" = 1 ] && first=0
for n in $(seq "$first" 99); do
  say en "digits/$n" "$n"
  say it "digits/$n" "$n"
done
echo "prompts written to $out"
