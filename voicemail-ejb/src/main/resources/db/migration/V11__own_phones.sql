-- An employee's own phones (mobile first), normalised, each between commas: ",+393331234567,". The phone login
-- recognises them (a tenant's skip_mailbox_question: asked only for the PIN); continuity mode will ring them.
alter table employee add column phones varchar(400) default ',' not null;
alter table tenant add column skip_mailbox_question boolean default false not null;
