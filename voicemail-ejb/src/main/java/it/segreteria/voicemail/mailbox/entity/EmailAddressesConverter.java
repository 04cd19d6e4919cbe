package it.segreteria.voicemail.mailbox.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Keeps an employee's addresses in one column, so they can never be joined to another tenant's
 * rows.
 */
@Converter(autoApply = true)
public class EmailAddressesConverter implements AttributeConverter<EmailAddresses, String> {

    @Override
    public String convertToDatabaseColumn(EmailAddresses addresses) {
        return addresses == null ? null : addresses.joined();
    }

    @Override
    public EmailAddresses convertToEntityAttribute(String joined) {
        return joined == null ? null : EmailAddresses.fromJoined(joined);
    }
}
