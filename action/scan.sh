#!/usr/bin/env bash
# The scan step of action.yml. Kept in a file so that it can be run, and tested, outside GitHub:
# it reads only the environment described below and writes to $GITHUB_OUTPUT.
#
#   GITHUB_ACTION_PATH   this repository (the action's files); the scanner is cli/cli.js in it
#   GITHUB_WORKSPACE     the checked-out repository to scan (default: the current folder)
#   GITHUB_OUTPUT        file that receives sarif-file=… and exit-code=…
#   INPUT_RANGE          revision range; default: EVENT_BASE..EVENT_HEAD (pull request),
#                        PUSH_BEFORE..PUSH_AFTER (push), else every ref
#   INPUT_SARIF_FILE     report path, relative to the workspace
set -uo pipefail

cli="${GITHUB_ACTION_PATH:?}/cli/cli.js"
cd "${GITHUB_WORKSPACE:-.}" || exit 2
sarif="${INPUT_SARIF_FILE:-twilio-credentials.sarif}"
zero=0000000000000000000000000000000000000000

range="${INPUT_RANGE:-}"
if [ -z "$range" ] && [ -n "${EVENT_BASE:-}" ] && [ -n "${EVENT_HEAD:-}" ]; then
  range="$EVENT_BASE..$EVENT_HEAD"
elif [ -z "$range" ] && [ -n "${PUSH_AFTER:-}" ] && [ -n "${PUSH_BEFORE:-}" ] && [ "$PUSH_BEFORE" != "$zero" ]; then
  range="$PUSH_BEFORE..$PUSH_AFTER"
fi

# A shallow checkout lacks the base commit: fetch what the range needs (actions/checkout with
# fetch-depth: 0 avoids this).
if [ -n "$range" ]; then
  for rev in "${range%%..*}" "${range##*..}"; do
    case "$rev" in -*) echo "::error::not a revision: $rev"; exit 2 ;; esac
    if [ -n "$rev" ] && ! git cat-file -e "$rev^{commit}" 2>/dev/null; then
      echo "Fetching $rev (shallow checkout)"
      git fetch --no-tags --quiet origin "$rev" || { echo "::error::cannot fetch $rev; use actions/checkout with fetch-depth: 0"; exit 2; }
    fi
  done
  echo "Scanning the lines added by $range"
  set -- "--git=$range"
else
  echo "Scanning the whole history"
  set -- --git
fi

node "$cli" scan "$@" --format sarif > "$sarif"
code=$?
if [ "$code" -eq 2 ]; then
  echo "::error::twilio-credentials could not scan (exit 2); see the message above"
  rm -f "$sarif"
  echo "exit-code=2" >> "${GITHUB_OUTPUT:-/dev/null}"
  exit 2
fi
# Findings also go to the job log, one per line (the secret itself is never printed).
if [ "$code" -eq 1 ]; then node "$cli" scan "$@" 2>/dev/null; fi
echo "sarif-file=$sarif" >> "${GITHUB_OUTPUT:-/dev/null}"
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0
