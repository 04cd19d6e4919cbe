-- The first schema of the voicemail service. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
--
-- Every tenant-owned table carries tenant_id, and every reference between tenant-owned rows goes through
-- (tenant_id, id), so the database itself refuses a row that points at another tenant's row.
-- Sequences advance by 50: EclipseLink takes ids in blocks of its allocationSize, ending at the value it reads.

create table tenant (
    id          varchar(63)  not null primary key,
    name        varchar(200) not null,
    time_zone   varchar(64)  not null,
    language    varchar(8)   not null,
    pbx_uri     varchar(255),
    version     bigint       not null
);

create sequence employee_seq start with 50 increment by 50;

create table employee (
    id           bigint        not null primary key,
    tenant_id    varchar(63)   not null references tenant (id),
    employee_key varchar(100)  not null,
    display_name varchar(200)  not null,
    emails       varchar(2000) not null,
    key_staff    boolean       not null,
    version      bigint        not null,
    constraint employee_key_per_tenant unique (tenant_id, employee_key),
    constraint employee_tenant_id unique (tenant_id, id)
);

create sequence mailbox_seq start with 50 increment by 50;

create table mailbox (
    id                     bigint       not null primary key,
    tenant_id              varchar(63)  not null references tenant (id),
    owner_id               bigint       not null,
    number                 varchar(15)  not null,
    pin_hash               varchar(200),
    language               varchar(8),
    time_zone              varchar(64),
    rings_before_voicemail integer      not null,
    active                 boolean      not null,
    version                bigint       not null,
    constraint mailbox_number_per_tenant unique (tenant_id, number),
    constraint mailbox_tenant_id unique (tenant_id, id),
    constraint mailbox_owner foreign key (tenant_id, owner_id) references employee (tenant_id, id)
);

create sequence direct_number_seq start with 50 increment by 50;

-- A public number reaches one mailbox in the whole service: unique across tenants.
create table direct_number (
    id         bigint      not null primary key,
    tenant_id  varchar(63) not null references tenant (id),
    mailbox_id bigint      not null,
    number     varchar(17) not null,
    constraint direct_number_unique unique (number),
    constraint direct_number_mailbox foreign key (tenant_id, mailbox_id) references mailbox (tenant_id, id)
);

create sequence voice_message_seq start with 50 increment by 50;

create table voice_message (
    id                     bigint                   not null primary key,
    tenant_id              varchar(63)              not null references tenant (id),
    mailbox_id             bigint                   not null,
    caller_number          varchar(64),
    caller_name            varchar(255),
    called_number          varchar(64),
    original_called_number varchar(64),
    received_at            timestamp with time zone not null,
    duration_ms            bigint                   not null,
    state                  varchar(16)              not null,
    sip_call_id            varchar(255),
    version                bigint                   not null,
    constraint voice_message_tenant_id unique (tenant_id, id),
    constraint voice_message_mailbox foreign key (tenant_id, mailbox_id) references mailbox (tenant_id, id)
);

create index voice_message_by_mailbox on voice_message (tenant_id, mailbox_id, received_at);

create table message_audio (
    message_id   bigint      not null primary key,
    tenant_id    varchar(63) not null,
    content_type varchar(64) not null,
    wav          bytea       not null,
    constraint message_audio_message foreign key (tenant_id, message_id)
        references voice_message (tenant_id, id) on delete cascade
);

create sequence audit_event_seq start with 50 increment by 50;

create table audit_event (
    id          bigint                   not null primary key,
    tenant_id   varchar(63)              not null references tenant (id),
    occurred_at timestamp with time zone not null,
    actor       varchar(255)             not null,
    action      varchar(64)              not null,
    subject     varchar(255)             not null,
    details     varchar(4000)
);

create index audit_event_by_time on audit_event (tenant_id, occurred_at);
