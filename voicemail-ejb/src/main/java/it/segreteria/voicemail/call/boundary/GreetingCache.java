package it.segreteria.voicemail.call.boundary;

import it.segreteria.voicemail.audio.Prompt;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.mailbox.boundary.Mailboxes;
import it.segreteria.voicemail.mailbox.entity.GreetingKind;
import it.segreteria.voicemail.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mailbox greetings ready to play, decoded once per version: a call reads only the greetings'
 * versions from the database, and the audio only when it changed.
 */
@ApplicationScoped
public class GreetingCache {

    private record Entry(long version, Prompt prompt) {}

    private final Map<String, Entry> greetings = new ConcurrentHashMap<>();

    @Inject Mailboxes mailboxes;

    /**
     * What a caller of the mailbox hears first: its temporary greeting while it is on, else its own
     * greeting for when the owner does not answer; empty for the system greeting.
     */
    public Optional<Prompt> greeting(TenantId tenant, long mailboxId) {
        Optional<Prompt> temporary = greeting(tenant, mailboxId, GreetingKind.TEMPORARY);
        return temporary.isPresent()
                ? temporary
                : greeting(tenant, mailboxId, GreetingKind.UNAVAILABLE);
    }

    private Optional<Prompt> greeting(TenantId tenant, long mailboxId, GreetingKind kind) {
        String key = tenant + "/" + mailboxId + "/" + kind;
        Optional<Long> version = mailboxes.greetingVersion(tenant, mailboxId, kind);
        if (version.isEmpty()) {
            greetings.remove(key);
            return Optional.empty();
        }
        Entry cached = greetings.get(key);
        if (cached != null && cached.version() == version.get()) {
            return Optional.of(cached.prompt());
        }
        return mailboxes
                .greeting(tenant, mailboxId, kind)
                .map(
                        greeting -> {
                            try {
                                Prompt prompt =
                                        Prompt.of(
                                                Wav.read(new ByteArrayInputStream(greeting.wav())));
                                greetings.put(key, new Entry(greeting.version(), prompt));
                                return prompt;
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
    }
}
