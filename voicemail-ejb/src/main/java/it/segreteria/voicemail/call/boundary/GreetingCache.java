package it.segreteria.voicemail.call.boundary;

import it.segreteria.voicemail.audio.Prompt;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.continuity.boundary.Continuities;
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

    @Inject Continuities continuities;

    /** The tenant's own outage greeting, if its administrators recorded one. */
    public Optional<Prompt> outageGreeting(TenantId tenant) {
        String key = tenant + "/outage";
        Optional<Long> version = continuities.greetingVersion(tenant);
        if (version.isEmpty()) {
            greetings.remove(key);
            return Optional.empty();
        }
        Entry cached = greetings.get(key);
        if (cached != null && cached.version() == version.get()) {
            return Optional.of(cached.prompt());
        }
        return continuities.greeting(tenant).map(wav -> cache(key, version.get(), wav));
    }

    private Prompt cache(String key, long version, byte[] wav) {
        try {
            Prompt prompt = Prompt.of(Wav.read(new ByteArrayInputStream(wav)));
            greetings.put(key, new Entry(version, prompt));
            return prompt;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                .map(greeting -> cache(key, greeting.version(), greeting.wav()));
    }
}
