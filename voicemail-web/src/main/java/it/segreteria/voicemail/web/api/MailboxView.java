package it.segreteria.voicemail.web.api;

import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.shared.Language;
import it.segreteria.voicemail.shared.PhoneNumber;
import java.time.ZoneId;
import java.util.List;

/** A mailbox as the API shows it. Never the PIN, only whether there is one. */
public record MailboxView(
        long id,
        String tenant,
        String number,
        String owner,
        String ownerName,
        List<String> emails,
        boolean keyStaff,
        List<String> directNumbers,
        String language,
        String timeZone,
        int ringsBeforeVoicemail,
        boolean hasPin,
        boolean active,
        long version) {

    static MailboxView of(String tenant, Mailbox mailbox) {
        return new MailboxView(
                mailbox.id(),
                tenant,
                mailbox.number().value(),
                mailbox.owner().key(),
                mailbox.owner().displayName(),
                mailbox.owner().emails().values(),
                mailbox.owner().keyStaff(),
                mailbox.directNumberSet().stream().map(PhoneNumber::value).sorted().toList(),
                mailbox.language().map(Language::code).orElse(null),
                mailbox.timeZone().map(ZoneId::getId).orElse(null),
                mailbox.ringsBeforeVoicemail(),
                mailbox.hasPin(),
                mailbox.active(),
                mailbox.version());
    }
}
