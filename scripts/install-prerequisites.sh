#!/usr/bin/env bash
# Installs what BankingLlm's tests and private database need and a fresh Debian machine may lack.
# Idempotent: installs only what is missing. Each line of WANTED is "how to check it" -> "Debian package".
#   PostgreSQL 15+ server programs     the private database and every database test
#   runuser                            PostgreSQL refuses root; the launcher runs it as 'postgres'
#   chromium                           the web chat page's browser test (Playwright drives the system browser)
#   espeak-ng                          voice: offline text-to-speech, and the voice tests' synthesised speech
#   pocketsphinx, libpocketsphinx3 (+ en-us model)  voice: offline speech-to-text (the app loads the library)
#   pgbackrest                         backups and the restore drill
#   redis-server                       scale-out: SignalR backplane and shared limits (two-instance test)
#   promtool (prometheus)              the alert rules are checked with promtool
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
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v pocketsphinx_continuous >/dev/null 2>&1 || need+=(pocketsphinx)
ldconfig -p 2>/dev/null | grep -q 'libpocketsphinx\.so\.3' || need+=(libpocketsphinx3)
[ -d /usr/share/pocketsphinx/model/en-us ] || need+=(pocketsphinx-en-us)
command -v pgbackrest >/dev/null 2>&1 || need+=(pgbackrest)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: missing ${need[*]}; run this script as root (or install them: apt-get install ${need[*]})" >&2
    exit 1
  fi
  echo "Installing ${need[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Services packaged with these programs (redis, prometheus, postgresql) must not start: the project starts its own.
  made_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
  fi
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  [ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK (dotnet) is not on PATH; install .NET 10 SDK" >&2
  exit 1
fi
