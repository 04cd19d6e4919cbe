-- How a mailbox's owner gets the audio of a new message by email: ATTACH (the WAV), LINK (a link to the portal)
-- or NOTIFY (the details only). Per tenant, overridable per mailbox; null: ATTACH, and the tenant's.
alter table tenant add column attachment_policy varchar(16);
alter table mailbox add column attachment_policy varchar(16);

-- The email outbox: one row per message and recipient address, written in the transaction that stores the
-- message, delivered afterwards with retries; the row is the delivery's visible status.
create sequence notification_seq start with 50 increment by 50;

create table notification (
    id              bigint                   not null primary key,
    tenant_id       varchar(63)              not null,
    message_id      bigint                   not null,
    recipient       varchar(320)             not null,
    status          varchar(16)              not null,
    attempts        integer                  not null,
    next_attempt_at timestamp with time zone not null,
    last_error      varchar(1000),
    sent_at         timestamp with time zone,
    created_at      timestamp with time zone not null,
    version         bigint                   not null,
    constraint notification_message foreign key (tenant_id, message_id)
        references voice_message (tenant_id, id) on delete cascade
);

create index notification_due on notification (status, next_attempt_at);
create index notification_by_message on notification (tenant_id, message_id);
