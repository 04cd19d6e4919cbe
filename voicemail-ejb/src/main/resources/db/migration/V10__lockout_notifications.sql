-- The outbox carries more than new-message emails: a mailbox locked by wrong PINs is told to its owner too.
-- kind: MESSAGE (message_id set) or PIN_LOCKOUT (mailbox_id, locked_until and the caller's number set).
alter table notification add column kind varchar(16) default 'MESSAGE' not null;
alter table notification alter column message_id drop not null;
alter table notification add column mailbox_id bigint;
alter table notification add column locked_until timestamp with time zone;
alter table notification add column caller_number varchar(64);
alter table notification add constraint notification_mailbox foreign key (tenant_id, mailbox_id)
    references mailbox (tenant_id, id) on delete cascade;
