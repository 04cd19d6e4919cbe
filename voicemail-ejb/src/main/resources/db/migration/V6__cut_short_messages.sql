-- A message recovered from the spool after the service died while the caller was still speaking:
-- it holds the audio up to the last checkpoint, not necessarily all the caller said.
alter table voice_message add column cut_short boolean default false not null;
