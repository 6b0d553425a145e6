#!/usr/bin/env bash
# Installs what BankingLlm's tests and private database need and a fresh Debian machine may lack:
# the PostgreSQL 15+ server programs (initdb, pg_ctl, postgres) and the unprivileged 'postgres' user they run as.
# Idempotent: does nothing when everything is there.
set -euo pipefail

have_postgres() {
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && return 0
  done
  return 1
}

need=()
have_postgres || need+=(postgresql)
command -v runuser >/dev/null 2>&1 || need+=(util-linux)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: missing ${need[*]}; run this script as root (or install them: apt-get install ${need[*]})" >&2
    exit 1
  fi
  echo "Installing ${need[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK (dotnet) is not on PATH; install .NET 10 SDK" >&2
  exit 1
fi
