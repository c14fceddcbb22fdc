-- The Vonage user (Users API id, USR-…) of an in-app agent, stored by the provisioning command.
alter table agent add column vonage_user_id varchar(64);
