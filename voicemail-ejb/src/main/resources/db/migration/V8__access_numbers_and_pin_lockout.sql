-- The numbers a tenant's employees dial to hear their messages by phone. Unique across the service, like every
-- other public number (provisioning checks direct, tenant and access numbers against each other).
create table access_number (
    tenant_id varchar(63) not null references tenant (id),
    number    varchar(17) not null primary key
);

-- Wrong PINs are counted per mailbox across calls and channels: after 5 in a row the mailbox is locked for 15 min,
-- and each further lockout in a row doubles that. A right PIN outside a lockout resets both counters.
alter table mailbox add column pin_failures int not null default 0;
alter table mailbox add column pin_lockouts int not null default 0;
alter table mailbox add column pin_locked_until timestamp with time zone;

-- A deleted message remembers whether it was heard or saved, so that restoring it puts it back as it was.
alter table voice_message add column deleted_from varchar(16);
