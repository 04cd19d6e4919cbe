-- The service's own audit trail, outside every tenant's: what the platform operator's account met (failed
-- logins, summarised per source address and minute; lockouts). Append-only, like audit_event.
create sequence platform_event_seq start with 50 increment by 50;

create table platform_event (
    id          bigint                   not null primary key,
    occurred_at timestamp with time zone not null,
    action      varchar(64)              not null,
    source      varchar(64)              not null,
    details     varchar(4000)
);

create index platform_event_by_action on platform_event (action, id);
