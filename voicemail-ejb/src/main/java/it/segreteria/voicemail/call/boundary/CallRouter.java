package it.segreteria.voicemail.call.boundary;

import it.segreteria.voicemail.call.control.CallRouting;
import it.segreteria.voicemail.call.control.Destination;
import it.segreteria.voicemail.mailbox.boundary.Mailboxes;
import it.segreteria.voicemail.mailbox.control.NumberDirectory;
import it.segreteria.voicemail.mailbox.control.NumberDirectory.NumberOwner;
import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.mailbox.entity.PhoneNumber;
import it.segreteria.voicemail.tenant.boundary.Tenants;
import it.segreteria.voicemail.tenant.entity.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Routes a call by the public numbers it was for: the first one that is a direct number of an
 * active mailbox wins. A number that reaches nothing is answered like every other unknown number.
 */
@ApplicationScoped
public class CallRouter implements CallRouting {

    @Inject NumberDirectory directory;

    @Inject Mailboxes mailboxes;

    @Inject Tenants tenants;

    @Inject GreetingCache greetings;

    @Override
    public Optional<Destination> route(List<String> calledNumbers) {
        for (String called : calledNumbers) {
            Optional<PhoneNumber> number = parse(called);
            if (number.isEmpty()) {
                continue;
            }
            Optional<NumberOwner> owner = directory.find(number.get());
            if (owner.isPresent()) {
                Optional<Tenant> tenant = tenants.find(owner.get().tenant());
                Optional<Mailbox> mailbox =
                        mailboxes.byId(owner.get().tenant(), owner.get().mailboxId());
                if (tenant.isPresent() && mailbox.isPresent()) {
                    return Optional.of(
                            new Destination(
                                    tenant.get().id(),
                                    mailbox.get().id(),
                                    mailbox.get().number().value(),
                                    mailbox.get().effectiveLanguage(tenant.get()),
                                    number.get().value(),
                                    greetings.greeting(tenant.get().id(), mailbox.get().id()),
                                    tenant.get().limits()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<PhoneNumber> parse(String called) {
        try {
            return Optional.of(PhoneNumber.parse(called));
        } catch (IllegalArgumentException notANumber) {
            return Optional.empty();
        }
    }
}
