-- Business continuity per tenant: the mode its administrators chose (AUTO follows the PBX monitor, ON declares an
-- outage, OFF never takes over), what the monitor found, and the outage in progress (since when and why).
-- One row per tenant, created on first use.
create sequence continuity_seq start with 1 increment by 1;

create table continuity (
    id               bigint                   not null primary key,
    tenant_id        varchar(63)              not null references tenant (id),
    mode             varchar(8)               not null,
    pbx_down         boolean                  not null,
    pbx_down_since   timestamp with time zone,
    outage_since     timestamp with time zone,
    reason           varchar(300),
    version          bigint                   not null,
    constraint continuity_per_tenant unique (tenant_id)
);

-- Which instance runs the PBX monitor: the one whose lease has not expired (a lease is renewed every probe round).
create table service_lease (
    name       varchar(63)              not null primary key,
    holder     varchar(200)             not null,
    expires_at timestamp with time zone not null
);
