-- Run once by the postgres image on an empty data directory (docker-compose.yml mounts this folder into
-- /docker-entrypoint-initdb.d), as the superuser, in the database POSTGRES_DB.
-- Each service gets a login role of its own that owns only its own schema: not a superuser, cannot create
-- databases or roles, and cannot touch the other service's tables. Passwords come from the container's
-- environment (TRACKER_DB_PASSWORD, SENDER_DB_PASSWORD, CONSOLE_DB_PASSWORD), never from this file.
\set ON_ERROR_STOP on
\getenv tracker_password TRACKER_DB_PASSWORD
\getenv sender_password SENDER_DB_PASSWORD
\getenv console_password CONSOLE_DB_PASSWORD

-- nobody but an owner or a grantee uses this database or its public schema
REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

CREATE ROLE tracker LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'tracker_password';
CREATE ROLE sender LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'sender_password';
CREATE ROLE console LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'console_password';
GRANT CONNECT, TEMPORARY ON DATABASE :"DBNAME" TO tracker, sender, console;

-- Flyway migrates each schema as its owner (quarkus.flyway.schemas = the service's db.schema)
CREATE SCHEMA tracker AUTHORIZATION tracker;
CREATE SCHEMA sender AUTHORIZATION sender;
CREATE SCHEMA console AUTHORIZATION console;
