#!/usr/bin/env bash
# Sets up pgBackRest for one PostgreSQL cluster: writes the configuration (repo1 daily+hourly, optional repo2 monthly,
# both encrypted), turns on WAL archiving, creates the stanza, checks that a WAL segment reaches every repository,
# and prints the backup schedule. Idempotent: run it again after changing a setting.
#
# Settings (environment; README.md has the full table):
#   BACKUP_PG_DATA (required)       the cluster's data directory
#   BACKUP_PG_PORT / BACKUP_PG_SOCKET / BACKUP_PG_USER   5432 / /var/run/postgresql / postgres
#   BACKUP_REPO1_TYPE posix|s3      posix: BACKUP_REPO1_PATH (/var/lib/pgbackrest)
#                                   s3: BACKUP_REPO1_S3_BUCKET, _S3_REGION, _S3_ENDPOINT, BACKUP_REPO1_PATH (/banking)
#   BACKUP_REPO2_TYPE posix|s3      optional monthly repository, same settings with REPO2
#   PGBACKREST_REPO1_CIPHER_PASS    repository passphrase from the secret store (PGBACKREST_REPO2_CIPHER_PASS for repo2)
#   BACKUP_CONFIG_PATH / BACKUP_STANZA / BACKUP_SCHEDULE_DIR   /etc/pgbackrest / banking / unset (print only)
#
# Exit codes: 0 ready; 2 bad setting; 3 archive_mode changed, restart PostgreSQL and run again; 4 a repository or
# the check failed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"

PG_DATA=${BACKUP_PG_DATA:-}
[ -n "$PG_DATA" ] || die 2 "BACKUP_PG_DATA is not set: give the cluster's data directory"
[ -f "$PG_DATA/PG_VERSION" ] || die 2 "BACKUP_PG_DATA '$PG_DATA' is not a PostgreSQL data directory (no PG_VERSION)"
PG_DATA=$(cd "$PG_DATA" && pwd)
PG_PORT=${BACKUP_PG_PORT:-5432}
PG_SOCKET=${BACKUP_PG_SOCKET:-/var/run/postgresql}
PG_USER=${BACKUP_PG_USER:-postgres}
case "$PG_PORT" in '' | *[!0-9]*) die 2 "BACKUP_PG_PORT must be a number, not '$PG_PORT'" ;; esac
LOG_PATH=${BACKUP_LOG_PATH:-/var/log/pgbackrest}
LOCK_PATH=${BACKUP_LOCK_PATH:-/tmp/pgbackrest}
PROCESS_MAX=${BACKUP_PROCESS_MAX:-2}
ARCHIVE_TIMEOUT=${BACKUP_ARCHIVE_TIMEOUT:-60}
RETENTION_DAYS=${BACKUP_RETENTION_DAYS:-30}
MONTHLY_KEEP=${BACKUP_MONTHLY_KEEP:-12}
for v in PROCESS_MAX ARCHIVE_TIMEOUT RETENTION_DAYS MONTHLY_KEEP; do
  case "${!v}" in '' | *[!0-9]* | 0) die 2 "BACKUP_$v must be a positive number, not '${!v}'" ;; esac
done
for v in PG_DATA PG_SOCKET LOG_PATH LOCK_PATH; do
  case "${!v}" in *[[:space:]\'\"]*) die 2 "the path '${!v}' ($v) must not contain spaces or quotes" ;; esac
done
resolve_os_user "$PG_DATA"

# One repository block from its template. repo1: daily fulls kept RETENTION_DAYS days, with the WAL of all of them
# (point-in-time recovery anywhere in that window). repo2: monthly fulls, MONTHLY_KEEP of them, WAL only since the
# newest (older monthlies restore to their own end point).
repo_block() { # repo_block N
  local n=$1 type_var="BACKUP_REPO$1_TYPE" path_var="BACKUP_REPO$1_PATH" pass_var="PGBACKREST_REPO$1_CIPHER_PASS"
  local type=${!type_var:-} role retention path
  if [ "$n" = 1 ]; then
    type=${type:-posix}
    role="daily full + hourly incremental, ${RETENTION_DAYS} days"
    retention="repo1-retention-full-type=time
repo1-retention-full=${RETENTION_DAYS}"
  else
    role="monthly full, ${MONTHLY_KEEP} kept"
    retention="repo2-retention-full-type=count
repo2-retention-full=${MONTHLY_KEEP}
repo2-retention-archive-type=full
repo2-retention-archive=1"
  fi
  local pass=${!pass_var:-}
  if [ -z "$pass" ] && ! grep -q "^repo$n-cipher-pass=" "$CONFIG_PATH/conf.d/secrets.conf" 2>/dev/null; then
    die 2 "$pass_var is not set: take repo$n's passphrase from the secret store (a new repository: openssl rand -base64 48)"
  fi
  if [ -n "$pass" ] && [ "${#pass}" -lt 20 ]; then
    die 2 "$pass_var is shorter than 20 characters: use a random passphrase (openssl rand -base64 48)"
  fi
  case "$type" in
    posix)
      path=${!path_var:-/var/lib/pgbackrest}
      case "$path" in /*) ;; *) die 2 "$path_var must be an absolute path, not '$path'" ;; esac
      case "$path" in *[[:space:]\'\"]*) die 2 "$path_var must not contain spaces or quotes: '$path'" ;; esac
      render "$here/repo-posix.conf.template" N="$n" ROLE="$role" REPO_PATH="$path" RETENTION="$retention"
      ;;
    s3)
      local bucket_var="BACKUP_REPO${n}_S3_BUCKET" region_var="BACKUP_REPO${n}_S3_REGION" endpoint_var="BACKUP_REPO${n}_S3_ENDPOINT"
      local uri_var="BACKUP_REPO${n}_S3_URI_STYLE" key_var="BACKUP_REPO${n}_S3_KEY_TYPE"
      [ -n "${!bucket_var:-}" ] || die 2 "$bucket_var is not set (repo$n is S3)"
      [ -n "${!region_var:-}" ] || die 2 "$region_var is not set (repo$n is S3), e.g. eu-west-1"
      local key_type=${!key_var:-auto}
      case "$key_type" in auto) ;; shared)
        local k="PGBACKREST_REPO${n}_S3_KEY" s="PGBACKREST_REPO${n}_S3_KEY_SECRET"
        { [ -n "${!k:-}" ] && [ -n "${!s:-}" ]; } || grep -q "^repo$n-s3-key=" "$CONFIG_PATH/conf.d/secrets.conf" 2>/dev/null ||
          die 2 "$key_var=shared needs $k and $s from the secret store"
        ;;
      *) die 2 "$key_var must be auto (instance role) or shared, not '$key_type'" ;; esac
      render "$here/repo-s3.conf.template" N="$n" ROLE="$role" REPO_PATH="${!path_var:-/banking}" RETENTION="$retention" \
        S3_BUCKET="${!bucket_var}" S3_REGION="${!region_var}" S3_ENDPOINT="${!endpoint_var:-s3.${!region_var}.amazonaws.com}" \
        S3_URI_STYLE="${!uri_var:-host}" S3_KEY_TYPE="$key_type"
      ;;
    *) die 2 "$type_var must be posix or s3, not '$type'" ;;
  esac
}

REPOS=(1)
[ -n "${BACKUP_REPO2_TYPE:-}" ] && REPOS+=(2)
blocks=""
for n in "${REPOS[@]}"; do blocks+="$(repo_block "$n")"$'\n\n'; done

# Secrets: what the environment gives replaces what the file holds; what it does not give is kept.
secrets() {
  local n var key out=""
  for n in "${REPOS[@]}"; do
    for key in cipher-pass s3-key s3-key-secret; do
      var="PGBACKREST_REPO${n}_$(tr 'a-z-' 'A-Z_' <<<"$key")"
      if [ -n "${!var:-}" ]; then
        out+="repo$n-$key=${!var}"$'\n'
      elif grep -q "^repo$n-$key=" "$CONFIG_PATH/conf.d/secrets.conf" 2>/dev/null; then
        out+="$(grep "^repo$n-$key=" "$CONFIG_PATH/conf.d/secrets.conf")"$'\n'
      fi
    done
  done
  printf '# Repository secrets for pgBackRest, written by ops/backup/setup.sh. Mode 0600. Never commit or copy this file.\n[global]\n%s' "$out"
}

# Stage the new configuration next to the live one and prove it opens the existing repositories before installing it,
# so a wrong passphrase changes nothing.
mkdir -p "$CONFIG_PATH"
staging=$(mktemp -d "$CONFIG_PATH/.staging-XXXXXX")
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging/conf.d"
render "$here/pgbackrest.conf.template" REPOS="${blocks%$'\n\n'}" PROCESS_MAX="$PROCESS_MAX" LOG_PATH="$LOG_PATH" LOCK_PATH="$LOCK_PATH" \
  STANZA="$STANZA" PG_DATA="$PG_DATA" PG_PORT="$PG_PORT" PG_SOCKET="$PG_SOCKET" PG_USER="$PG_USER" OS_USER="$OS_USER" \
  > "$staging/pgbackrest.conf"
(umask 077 && secrets > "$staging/conf.d/secrets.conf")
chmod 0700 "$staging" "$staging/conf.d"
chmod 0600 "$staging/conf.d/secrets.conf"
chmod 0640 "$staging/pgbackrest.conf"
[ "$(id -u)" -eq 0 ] && chown -R "$OS_USER" "$staging"

for n in "${REPOS[@]}"; do
  type_var="BACKUP_REPO${n}_TYPE" path_var="BACKUP_REPO${n}_PATH"
  if [ "${!type_var:-posix}" = posix ]; then
    repo=${!path_var:-/var/lib/pgbackrest}
    mkdir -p "$repo" && [ "$(id -u)" -eq 0 ] && chown "$OS_USER" "$repo"
    chmod 0750 "$repo"
  fi
done
for d in "$LOG_PATH" "$LOCK_PATH"; do
  mkdir -p "$d" && [ "$(id -u)" -eq 0 ] && chown "$OS_USER" "$d"
done

check_repos_readable --config-path="$staging"

mkdir -p "$CONFIG_PATH/conf.d"
changed=0
for f in pgbackrest.conf conf.d/secrets.conf; do
  if ! cmp -s "$staging/$f" "$CONFIG_PATH/$f"; then
    cp -p "$staging/$f" "$CONFIG_PATH/$f.new" && mv "$CONFIG_PATH/$f.new" "$CONFIG_PATH/$f"
    changed=1
  fi
done
[ "$(id -u)" -eq 0 ] && chown "$OS_USER" "$CONFIG_PATH/conf.d"
chmod 0700 "$CONFIG_PATH/conf.d"
info "configuration $CONFIG_PATH/pgbackrest.conf $([ $changed = 1 ] && echo written || echo unchanged) (repositories: ${REPOS[*]/#/repo})"

# WAL archiving: every completed WAL segment goes to every repository; archive_timeout closes a quiet segment after
# ARCHIVE_TIMEOUT seconds, which bounds what a lost server can take with it (RPO) well under the seed's hour.
psql_cmd() { as_os_user "$(postgres_bin)/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$PG_SOCKET" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "$1"; }
psql_cmd "SELECT 1" >/dev/null 2>&1 ||
  die 4 "cannot connect to PostgreSQL as '$PG_USER' over the socket $PG_SOCKET (port $PG_PORT) as OS user '$OS_USER': is the cluster running with unix_socket_directories including that folder (the private cluster: LocalPostgres__SocketDirectory)?"
archive_command="pgbackrest --config-path=$CONFIG_PATH --stanza=$STANZA archive-push %p"
set_setting() { # set_setting NAME VALUE
  local current
  current=$(psql_cmd "SELECT setting FROM pg_settings WHERE name = '$1'")
  if [ "$current" != "$2" ]; then
    psql_cmd "ALTER SYSTEM SET $1 = '$2'"
    info "set $1 = '$2' (was '$current')"
  fi
}
# wal_level: replica is the minimum (logical, if set, is kept).
[ "$(psql_cmd "SHOW wal_level")" = minimal ] && set_setting wal_level replica
set_setting archive_command "$archive_command"
set_setting archive_timeout "$ARCHIVE_TIMEOUT"
set_setting archive_mode on
psql_cmd "SELECT pg_reload_conf()" >/dev/null
# archive_mode and wal_level are read only at server start: the running values say whether a restart is due.
pending=()
[ "$(psql_cmd "SHOW archive_mode")" = on ] || pending+=(archive_mode)
[ "$(psql_cmd "SHOW wal_level")" != minimal ] || pending+=(wal_level)
if [ ${#pending[@]} -gt 0 ]; then
  echo "backup: ${pending[*]} takes effect only after a restart: restart PostgreSQL, then run setup.sh again" >&2
  exit 3
fi

out=$(pgbr stanza-create 2>&1) || die 4 "pgbackrest stanza-create failed: $out"
info "stanza '$STANZA' ready"
out=$(pgbr check 2>&1) || die 4 "pgbackrest check failed (WAL did not reach every repository): $out"
info "check passed: a WAL segment was archived to ${REPOS[*]/#/repo}"

# The schedule: cron lines (and systemd units when BACKUP_SCHEDULE_DIR is set). Monthly lines need repo2.
schedule_values=(OS_USER="$OS_USER" CONFIG_PATH="$CONFIG_PATH" STANZA="$STANZA")
cron=$(render "$here/pgbackrest.cron.template" "${schedule_values[@]}")
if [ -n "${BACKUP_REPO2_TYPE:-}" ]; then
  cron=$(sed 's/ *# \[repo2\]$//; s/ *\[repo2\]$//' <<<"$cron")
else
  cron=$(grep -v '\[repo2\]' <<<"$cron")
fi
if [ -n "${BACKUP_SCHEDULE_DIR:-}" ]; then
  mkdir -p "$BACKUP_SCHEDULE_DIR"
  printf '%s\n' "$cron" > "$BACKUP_SCHEDULE_DIR/bankingllm-backup.cron"
  for unit in "$here"/systemd/*; do
    name=$(basename "$unit")
    case "$name" in *monthly*) [ -n "${BACKUP_REPO2_TYPE:-}" ] || continue ;; esac
    render "$unit" "${schedule_values[@]}" > "$BACKUP_SCHEDULE_DIR/$name"
  done
  info "schedule written to $BACKUP_SCHEDULE_DIR (cron file for /etc/cron.d, systemd units for /etc/systemd/system)"
fi
echo "backup: schedule (cron, /etc/cron.d/bankingllm-backup):"
printf '%s\n' "$cron"
