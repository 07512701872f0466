#!/usr/bin/env bash
# Installs the real VS Code (code-server, which bundles VS Code 1.100.3) into a cache folder
# outside the repo, keyed by version, so CI and later runs reuse it. Idempotent.
# See ../shared/REAL-VSCODE.md for why code-server and why these steps.
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
# @vscode/ripgrep tries to download rg from GitHub; it first looks in this cache, so feed it Debian's rg.
TMP="${TMPDIR:-/tmp}"
RG_CACHE="$TMP/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE"
RG_STAGE="$(mktemp -d)"
cp "$(command -v rg)" "$RG_STAGE/rg"
for arch in x86_64-unknown-linux-musl aarch64-unknown-linux-musl; do
  tar -C "$RG_STAGE" -czf "$RG_CACHE/ripgrep-v13.0.0-10-$arch.tar.gz" rg
done
rm -rf "$RG_STAGE"
cd "$DEST"
echo '{"name":"code-server-cache","private":true}' > package.json
echo "installing code-server@$VERSION into $DEST (takes a few minutes)"
npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm "code-server@$VERSION" >"$DEST/install.log" 2>&1 || {
  tail -50 "$DEST/install.log" >&2; exit 1; }
"$BIN" --version
touch "$DEST/.complete"
