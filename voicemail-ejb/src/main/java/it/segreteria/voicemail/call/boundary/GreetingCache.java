package it.segreteria.voicemail.call.boundary;

import it.segreteria.voicemail.audio.Prompt;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.mailbox.boundary.Mailboxes;
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
 * Mailbox greetings ready to play, decoded once per version: a call reads only the greeting's
 * version from the database, and the audio only when it changed.
 */
@ApplicationScoped
public class GreetingCache {

    private record Entry(long version, Prompt prompt) {}

    private final Map<String, Entry> greetings = new ConcurrentHashMap<>();

    @Inject Mailboxes mailboxes;

    public Optional<Prompt> greeting(TenantId tenant, long mailboxId) {
        String key = tenant + "/" + mailboxId;
        Optional<Long> version = mailboxes.greetingVersion(tenant, mailboxId);
        if (version.isEmpty()) {
            greetings.remove(key);
            return Optional.empty();
        }
        Entry cached = greetings.get(key);
        if (cached != null && cached.version() == version.get()) {
            return Optional.of(cached.prompt());
        }
        return mailboxes
                .greeting(tenant, mailboxId)
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
