-- A call leaves at most one message: the SIP Call-ID of a stored message is unique within its tenant, so a
-- retried store can never write a second copy.
create unique index voice_message_once_per_call on voice_message (tenant_id, sip_call_id);
