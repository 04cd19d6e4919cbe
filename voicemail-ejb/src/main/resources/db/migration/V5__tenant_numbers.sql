-- A tenant's own public numbers (e.g. the voicemail number its PBX forwards unanswered calls to): a call to one
-- of them reaches the mailbox named by the forwarded extension. Unique across the service, like direct numbers.
create table tenant_number (
    tenant_id varchar(63) not null references tenant (id),
    number    varchar(17) not null primary key
);
