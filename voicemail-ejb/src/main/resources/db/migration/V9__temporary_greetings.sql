-- A mailbox's temporary greeting (holidays, a day out of office): while it exists, callers hear it instead of any
-- other greeting, and the owner hears at every login that it is on. Recorded and removed by phone (options menu 0, 4).
create table mailbox_temporary_greeting (
    mailbox_id bigint      not null primary key,
    tenant_id  varchar(63) not null,
    wav        bytea       not null,
    version    bigint      not null,
    constraint mailbox_temporary_greeting_mailbox foreign key (tenant_id, mailbox_id) references mailbox (tenant_id, id)
);
