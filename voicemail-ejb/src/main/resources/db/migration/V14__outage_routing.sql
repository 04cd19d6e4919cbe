-- Continuity routing: the tenant's outbound SIP trunk (to ring key staff's phones during an outage), and each
-- employee's outage plan: the key staff to ring (employee keys, each between commas: ",mrossi,gbianchi,"), all at
-- once or one after the other, and the mailbox (number) a call nobody accepts ends in (null: the employee's own).
alter table tenant add column trunk_uri varchar(500);
alter table employee add column outage_ring varchar(1000) default ',' not null;
alter table employee add column outage_together boolean default false not null;
alter table employee add column outage_mailbox varchar(15);
