-- What an employee chooses for their own mailbox in the portal: where its emails go, whether they carry the audio,
-- their language and time zone. Null follows the administrator's setting (provisioning, which never writes these
-- columns), then the tenant's; for the addresses, the employee directory's.
alter table mailbox add column own_emails varchar(2000);
alter table mailbox add column own_attachment_policy varchar(16);
alter table mailbox add column own_language varchar(8);
alter table mailbox add column own_time_zone varchar(64);
