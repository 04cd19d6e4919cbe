-- A tenant's own outage greeting (recorded by its administrators): played first to every caller while the tenant
-- is in an outage, instead of the system's "our office phones are out of service". 8 kHz 16-bit mono WAV.
create sequence outage_greeting_seq start with 1 increment by 1;

create table outage_greeting (
    id        bigint      not null primary key,
    tenant_id varchar(63) not null references tenant (id),
    wav       bytea       not null,
    version   bigint      not null,
    constraint outage_greeting_per_tenant unique (tenant_id)
);
