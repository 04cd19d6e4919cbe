-- Failover drills: for a while, the calls of the listed test callers are routed as in an outage (outage greeting,
-- outage plans) though the tenant is not in one; the report is read from the audit trail of that window.
create sequence continuity_drill_seq start with 1 increment by 1;

create table continuity_drill (
    id         bigint                   not null primary key,
    tenant_id  varchar(63)              not null references tenant (id),
    callers    varchar(1000)            not null,
    started_by varchar(200)             not null,
    started_at timestamp with time zone not null,
    ends_at    timestamp with time zone not null,
    ended_at   timestamp with time zone,
    version    bigint                   not null
);
