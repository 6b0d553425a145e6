#!/usr/bin/env bash
# Restores the cluster from the backup repository (pgbackrest restore), after checks that make a mistake under pressure
# fail early and clearly: the cluster is stopped, the data directory is absent or empty (this script never deletes
# data: move a damaged one aside), the repository opens with the configured passphrase, the target time is valid.
#
# usage: restore.sh --target 'YYYY-MM-DD HH:MM:SS[.ffffff]+00'   point in time (the last transaction committed at or
#                                                                before it is the last one kept)
#        restore.sh --latest                                     everything archived
#        options: --set LABEL (restore from that backup set), --repo N, then -- and any pgbackrest restore option
#                 (e.g. -- --archive-mode=off when drilling on a copy that must not archive into the repository)
# Settings: BACKUP_PG_DATA (required), BACKUP_CONFIG_PATH, BACKUP_STANZA, BACKUP_OS_USER (as for setup.sh).
# Afterwards: start PostgreSQL (it replays WAL up to the target and promotes), run setup.sh (archiving resumes on the
# new timeline), run `audit verify`.
# Exit codes: 0 restored; 2 bad argument or setting; 4 repository unreadable; 5 restore failed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"

usage="usage: restore.sh --target 'YYYY-MM-DD HH:MM:SS+00' | --latest [--set LABEL] [--repo N] [-- pgbackrest options]"
target="" latest=0 extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --target) [ $# -ge 2 ] || die 2 "$usage"; target=$2; shift 2 ;;
    --target=*) target=${1#--target=}; shift ;;
    --latest) latest=1; shift ;;
    --set) [ $# -ge 2 ] || die 2 "$usage"; extra+=("--set=$2"); shift 2 ;;
    --repo) [ $# -ge 2 ] || die 2 "$usage"; extra+=("--repo=$2"); shift 2 ;;
    --) shift; extra+=("$@"); break ;;
    *) die 2 "unknown argument '$1'. $usage" ;;
  esac
done
if { [ -n "$target" ] && [ $latest = 1 ]; } || { [ -z "$target" ] && [ $latest = 0 ]; }; then
  die 2 "give exactly one of --target TIME and --latest. $usage"
fi
if [ -n "$target" ]; then
  # An explicit zone, so the target means the same instant whatever the server's timezone.
  [[ "$target" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}[\ T][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?\ ?([+-][0-9]{2}(:?[0-9]{2})?|Z|UTC)$ ]] &&
    date -u -d "${target/T/ }" >/dev/null 2>&1 ||
    die 2 "--target '$target' is not a timestamp with a zone, e.g. '2026-11-25 14:30:00+00'"
  recovery=(--type=time "--target=$target" --target-action=promote)
else
  recovery=(--type=default)
fi

PG_DATA=${BACKUP_PG_DATA:-}
[ -n "$PG_DATA" ] || die 2 "BACKUP_PG_DATA is not set: give the data directory to restore into"
case "$PG_DATA" in /*) ;; *) die 2 "BACKUP_PG_DATA must be an absolute path, not '$PG_DATA'" ;; esac
if [ -f "$PG_DATA/postmaster.pid" ]; then
  pid=$(head -n 1 "$PG_DATA/postmaster.pid")
  kill -0 "$pid" 2>/dev/null && die 2 "PostgreSQL is running from '$PG_DATA' (pid $pid): stop it first"
fi
if [ -d "$PG_DATA" ] && [ -n "$(ls -A "$PG_DATA")" ]; then
  die 2 "'$PG_DATA' is not empty: move it aside first (mv '$PG_DATA' '$PG_DATA.damaged-$(date -u +%Y%m%dT%H%M%S)'); restore.sh never deletes data"
fi
parent=$(dirname "$PG_DATA")
[ -d "$parent" ] || die 2 "the folder '$parent' does not exist"
resolve_os_user "$([ -d "$PG_DATA" ] && echo "$PG_DATA" || echo "$parent")"
[ -r "$CONFIG_PATH/pgbackrest.conf" ] || die 2 "no configuration at $CONFIG_PATH/pgbackrest.conf: run setup.sh on this machine first (or set BACKUP_CONFIG_PATH)"

check_repos_readable

as_os_user mkdir -p -m 0700 "$PG_DATA" 2>/dev/null || { mkdir -p -m 0700 "$PG_DATA" && chown "$OS_USER" "$PG_DATA"; }
started=$(date +%s.%N)
if ! out=$(pgbr restore --pg1-path="$PG_DATA" "${recovery[@]}" "${extra[@]}" --log-level-console=info 2>&1); then
  die 5 "pgbackrest restore failed; '$PG_DATA' cannot start as it is (pg_control is restored last): empty it before trying again. $(tail -n 5 <<<"$out")"
fi
elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
printf '%s\n' "$out" | grep -E 'restore backup set|restore size' | sed 's/^.*INFO: /backup: /'
info "restored into $PG_DATA in ${elapsed} s. Next: start PostgreSQL (recovery replays WAL, then promotes), run setup.sh, run 'audit verify'."
