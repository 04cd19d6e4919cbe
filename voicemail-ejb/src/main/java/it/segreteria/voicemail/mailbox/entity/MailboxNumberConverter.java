package it.segreteria.voicemail.mailbox.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class MailboxNumberConverter implements AttributeConverter<MailboxNumber, String> {

    @Override
    public String convertToDatabaseColumn(MailboxNumber number) {
        return number == null ? null : number.value();
    }

    @Override
    public MailboxNumber convertToEntityAttribute(String value) {
        return value == null ? null : MailboxNumber.of(value);
    }
}
