#!/usr/bin/env bash
# The scan step of action.yml. Kept in a file so that it can be run, and tested, outside GitHub:
# it reads only the environment described below and writes to $GITHUB_OUTPUT.
#
#   GITHUB_ACTION_PATH   this repository (the action's files); the scanner is cli/cli.js in it
#   GITHUB_WORKSPACE     the checked-out repository to scan (default: the current folder)
#   GITHUB_OUTPUT        file that receives sarif-file=… and exit-code=…
#   GITHUB_STEP_SUMMARY  file that receives the job summary (Markdown), if set
#   INPUT_RANGE          revision range; default: EVENT_BASE..EVENT_HEAD (pull request),
#                        PUSH_BEFORE..PUSH_AFTER (push), else every ref
#   INPUT_SARIF_FILE     report path, relative to the workspace
#   INPUT_BASELINE       baseline file (relative to the workspace), if any
#
# A pull request cannot silence its own scan: in a range, the scanner reads
# .twilio-credentials-ignore and the baseline at the range's base commit, and ignores inline
# markers on the lines the range adds. The job summary names every change the range makes to
# those files. Nothing printed here from the repository (file names, lines) can start a workflow
# command: the scanner escapes its own output, and this script escapes what it prints.
set -uo pipefail

cli="${GITHUB_ACTION_PATH:?}/cli/cli.js"
cd "${GITHUB_WORKSPACE:-.}" || exit 2
sarif="${INPUT_SARIF_FILE:-twilio-credentials.sarif}"
zero=0000000000000000000000000000000000000000

# Git runs nothing the repository's configuration names: a copy of safetyConfig() and
# fetchSafetyArgs() of src/workspace/git/run.ts (a unit test keeps the copies equal).
git_local=(-c 'core.fsmonitor=false' -c 'core.untrackedCache=false' -c 'log.showSignature=false' -c 'credential.helper=' -c 'core.askPass=' -c 'core.sshCommand=ssh' -c 'core.alternateRefsCommand=' -c 'protocol.allow=never' -c 'maintenance.auto=false' -c 'gc.auto=0' -c 'core.quotePath=false' -c 'color.ui=false' -c 'core.hooksPath=/dev/null')
git_fetch=(-c 'core.fsmonitor=false' -c 'core.untrackedCache=false' -c 'log.showSignature=false' -c 'credential.helper=' -c 'core.askPass=' -c 'core.sshCommand=ssh' -c 'core.alternateRefsCommand=' -c 'protocol.allow=never' -c 'maintenance.auto=false' -c 'gc.auto=0' -c 'core.quotePath=false' -c 'color.ui=false' -c 'core.hooksPath=/dev/null' -c 'protocol.https.allow=always' -c 'protocol.http.allow=always' -c 'protocol.ssh.allow=always' -c 'protocol.file.allow=always')
fetch_flags=(--upload-pack=git-upload-pack --no-recurse-submodules)

# A value inside one of our own workflow commands (`::error::…`): % CR LF as the runner expects.
cmd_data() { local s=${1//%/%25}; s=${s//$'\r'/%0D}; s=${s//$'\n'/%0A}; printf '%s' "$s"; }
# A value in a plain log line: no line break, and no `##[` (a legacy command anywhere in a line).
log_text() { local s=${1//\\/\\\\}; s=${s//$'\r'/\\r}; s=${s//$'\n'/\\n}; s=${s//'##['/'#\x23['}; printf '%s' "$s"; }

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
    case "$rev" in -*) echo "::error::not a revision: $(cmd_data "$rev")"; exit 2 ;; esac
    if [ -n "$rev" ] && ! git "${git_local[@]}" --no-pager cat-file -e "$rev^{commit}" 2>/dev/null; then
      echo "Fetching $(log_text "$rev") (shallow checkout)"
      git "${git_fetch[@]}" --no-pager fetch "${fetch_flags[@]}" --no-tags --quiet origin "$rev" || { echo "::error::cannot fetch $(cmd_data "$rev"); use actions/checkout with fetch-depth: 0"; exit 2; }
    fi
  done
  echo "Scanning the lines added by $(log_text "$range")"
  set -- "--git=$range"
else
  echo "Scanning the whole history"
  set -- --git
fi
if [ -n "${INPUT_BASELINE:-}" ]; then set -- "$@" --baseline "$INPUT_BASELINE"; fi

summary=()
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then summary=(--summary-file "$GITHUB_STEP_SUMMARY"); fi
# The report's name may be a link the repository planted: replace it, never write through it.
rm -f -- "$sarif"
node "$cli" scan "$@" --format sarif ${summary[@]+"${summary[@]}"} > "$sarif"
code=$?
if [ "$code" -eq 2 ]; then
  echo "::error::twilio-credentials could not scan (exit 2); see the message above"
  rm -f "$sarif"
  echo "exit-code=2" >> "${GITHUB_OUTPUT:-/dev/null}"
  exit 2
fi
# Findings also go to the job log, one per line (the secret itself is never printed), with the
# range's changes to suppression files and the totals.
if [ "$code" -eq 1 ]; then node "$cli" scan "$@" 2>&1; fi
echo "sarif-file=$sarif" >> "${GITHUB_OUTPUT:-/dev/null}"
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0
