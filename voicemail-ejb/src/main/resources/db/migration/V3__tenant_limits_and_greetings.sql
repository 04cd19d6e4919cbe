-- Message limits per tenant (null: the service's defaults, voicemail.deposit.*).
alter table tenant add column max_message_seconds integer;
alter table tenant add column min_message_seconds integer;
alter table tenant add column silence_seconds integer;

-- A mailbox's own greeting, played instead of the system greeting.
create table mailbox_greeting (
    mailbox_id bigint      not null primary key,
    tenant_id  varchar(63) not null,
    wav        bytea       not null,
    version    bigint      not null,
    constraint mailbox_greeting_mailbox foreign key (tenant_id, mailbox_id) references mailbox (tenant_id, id)
);
