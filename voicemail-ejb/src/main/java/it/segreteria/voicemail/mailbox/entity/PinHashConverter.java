package it.segreteria.voicemail.mailbox.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class PinHashConverter implements AttributeConverter<PinHash, String> {

    @Override
    public String convertToDatabaseColumn(PinHash hash) {
        return hash == null ? null : hash.encoded();
    }

    @Override
    public PinHash convertToEntityAttribute(String encoded) {
        return encoded == null ? null : PinHash.decode(encoded);
    }
}
