# Shared by setup.sh and restore.sh (sourced, not run). Settings come from the environment; see README.md.

die() { # die EXIT_CODE MESSAGE: one line naming what to fix, on stderr
  echo "error: $2" >&2
  exit "$1"
}

info() { echo "backup: $*"; }

CONFIG_PATH=${BACKUP_CONFIG_PATH:-/etc/pgbackrest}
STANZA=${BACKUP_STANZA:-banking}
case "$STANZA" in *[!A-Za-z0-9_-]* | "") die 2 "BACKUP_STANZA '$STANZA' may hold only letters, digits, '_' and '-'" ;; esac
case "$CONFIG_PATH" in /*) ;; *) die 2 "BACKUP_CONFIG_PATH must be an absolute path, not '$CONFIG_PATH'" ;; esac
case "$CONFIG_PATH" in *[[:space:]\'\"]*) die 2 "BACKUP_CONFIG_PATH must not contain spaces or quotes: '$CONFIG_PATH'" ;; esac

# The OS user pgBackRest runs as: the one that owns the cluster (PostgreSQL refuses root, so when this script runs as
# root it switches to that user with runuser, as the project's launcher does for the server itself).
resolve_os_user() { # resolve_os_user PATH_OWNED_BY_THE_CLUSTER_USER
  OS_USER=${BACKUP_OS_USER:-$(stat -c %U "$1")}
  id -u "$OS_USER" >/dev/null 2>&1 || die 2 "the OS user '$OS_USER' does not exist (set BACKUP_OS_USER)"
  if [ "$(id -u)" -ne 0 ] && [ "$OS_USER" != "$(id -un)" ]; then
    die 2 "pgBackRest must run as '$OS_USER', who owns the cluster: run this script as that user or as root"
  fi
}

as_os_user() { # runs a command as OS_USER, keeping the environment (the PGBACKREST_* variables)
  if [ "$(id -u)" -eq 0 ] && [ "$OS_USER" != root ]; then
    runuser -u "$OS_USER" -- "$@"
  else
    "$@"
  fi
}

pgbr() { # pgbr [--config-path=DIR] COMMAND [OPTIONS]: pgBackRest for this stanza, as OS_USER
  local config="--config-path=$CONFIG_PATH"
  case "${1:-}" in --config-path=*) config=$1; shift ;; esac
  as_os_user pgbackrest "$config" --stanza="$STANZA" "$@"
}

# Fails clearly when a repository exists but cannot be read with the configured passphrase (pgBackRest itself reports
# an undecryptable info file as a format error, or as "no backup set" during a restore).
check_repos_readable() { # check_repos_readable [--config-path=DIR]
  local out
  out=$(pgbr "$@" info --output=json 2>&1) || die 4 "pgbackrest info failed: $out"
  if grep -q '"code":99' <<<"$out" && grep -q 'unable to load info file' <<<"$out"; then
    local repos
    repos=$(grep -o '"key":[0-9]*,"status":{"code":99' <<<"$out" | grep -o '"key":[0-9]*' | cut -d: -f2 | sed 's/^/repo/' | paste -sd, -)
    local vars
    vars=$(sed 's/repo\([0-9]*\)/PGBACKREST_REPO\1_CIPHER_PASS/g' <<<"${repos:-repoN}")
    die 4 "${repos:-a repository} of stanza '$STANZA' cannot be decrypted with the configured passphrase: wrong $vars (take it from the secret store), or the repository was made with other encryption settings. Nothing was changed."
  fi
}

postgres_bin() { # the folder with psql/pg_ctl: BACKUP_PG_BIN, else the newest /usr/lib/postgresql/NN/bin, else PATH
  if [ -n "${BACKUP_PG_BIN:-}" ]; then echo "$BACKUP_PG_BIN"; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$d" ]; then echo "$d"; else dirname "$(command -v psql || echo /usr/bin/psql)"; fi
}

render() { # render TEMPLATE KEY=VALUE...: the template with every @KEY@ replaced
  local text key value pair
  text=$(<"$1")
  shift
  for pair in "$@"; do
    key=${pair%%=*}
    value=${pair#*=}
    text=${text//@$key@/$value}
  done
  printf '%s\n' "$text"
}
