-- Where a tenant's administrators are told of outages (continuity mode): addresses joined by commas, none by default.
alter table tenant add column admin_emails varchar(2000) default '' not null;

-- Emails written whole when they are queued (kind OUTAGE: an outage started or ended, to each administrator).
alter table notification add column notice_subject varchar(300);
alter table notification add column notice_body varchar(4000);
