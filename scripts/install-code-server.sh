#!/usr/bin/env bash
# Installs the real VS Code (code-server, which bundles VS Code 1.100.3) into a cache folder
# outside the repo, keyed by version, so CI and later runs reuse it. Idempotent.
# docs/real-vscode.md explains why code-server and why each step.
set -euo pipefail
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${TWILIO_CREDENTIALS_CACHE:-$HOME/.cache/twilio-credentials}"
DEST="$CACHE/code-server-$VERSION"
BIN="$DEST/node_modules/.bin/code-server"
if [ -x "$BIN" ] && [ -f "$DEST/.complete" ]; then
  echo "code-server $VERSION already installed at $DEST"
  exit 0
fi
command -v rg >/dev/null || { echo "ripgrep (rg) is required: apt-get install ripgrep" >&2; exit 1; }
rm -rf "$DEST"
mkdir -p "$DEST"
# A private scratch folder (mode 0700, unpredictable name), removed on exit: a fixed name under
# /tmp could be created first by another user, as a link to somewhere else or holding their own rg.
WORK="$(mktemp -d "${TMPDIR:-/tmp}/twilio-credentials-install.XXXXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# @vscode/ripgrep's install downloads rg from GitHub, unless it finds the archive in
# $TMPDIR/vscode-ripgrep-cache-1.15.11: put Debian's rg there and point npm's TMPDIR at WORK.
RG_CACHE="$WORK/vscode-ripgrep-cache-1.15.11"
mkdir "$RG_CACHE" "$WORK/stage"
cp "$(command -v rg)" "$WORK/stage/rg"
for arch in x86_64-unknown-linux-musl aarch64-unknown-linux-musl; do
  tar -C "$WORK/stage" -czf "$RG_CACHE/ripgrep-v13.0.0-10-$arch.tar.gz" rg
done
cd "$DEST"
echo '{"name":"code-server-cache","private":true}' > package.json
echo "installing code-server@$VERSION into $DEST (takes a few minutes)"
TMPDIR="$WORK" npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm "code-server@$VERSION" >"$DEST/install.log" 2>&1 || {
  tail -50 "$DEST/install.log" >&2; exit 1; }
"$BIN" --version
touch "$DEST/.complete"
